import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do to a request that matches. */
export type Fault =
  /** Answer it here with this status and JSON body, without forwarding. */
  | { kind: 'answer'; status: number; body: unknown; headers?: Record<string, string> }
  /** Forward it, then cut the connection after this many bytes of the answer (a dropped stream). */
  | { kind: 'drop'; afterBytes: number }
  /** Forward it, then stop sending after this many bytes of the answer, keeping the connection open (a stalled link). */
  | { kind: 'stall'; afterBytes: number }
  /** Forward it with its JSON body changed (e.g. a render request stripped of its Goal, as the cloud ignores it). */
  | { kind: 'rewrite-request'; change: (body: unknown) => unknown };

/** A fault for requests matching `method` and `path`; `skip` lets that many through first, `times` (default 1) then apply. */
export type FaultRule = { method: string; path: RegExp; fault: Fault; skip?: number; times?: number };

/** One request as the proxy saw it, and when (ms since the epoch). */
export type SeenRequest = { method: string; path: string; headers: IncomingMessage['headers']; faulted: boolean; at: number };

/**
 * A real loopback HTTP server in front of the real render node: it forwards every request
 * unchanged (its Host too, as a tunnel does, so output URLs and their downloads go through it
 * with the access key), except those a rule picks, which get the rule's fault. It records what it saw, so
 * tests can count calls (a message must never be sent twice) and check headers.
 */
export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  private rules: (FaultRule & { matched: number })[] = [];
  private stalled: ServerResponse[] = [];
  private constructor(private readonly server: Server, readonly url: string) {}

  /**
   * Starts a proxy for the node at `target` on a random loopback port. It forwards the Host header
   * as the client sent it, as a tunnel does, so the URLs the node hands out (its output files) lead
   * back through the proxy too, and the client sends them its access key.
   */
  static async start(target: string): Promise<FaultProxy> {
    const upstream = new URL(target);
    let proxy: FaultProxy | undefined;
    const server = createServer((req, res) => proxy?.handle(req, res, upstream));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new FaultProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return proxy;
  }

  /** Adds a rule (rules are checked in the order added). */
  inject(rule: FaultRule): this {
    this.rules.push({ ...rule, matched: 0 });
    return this;
  }

  /** How many requests matched `method` and `path`. */
  count(method: string, path: RegExp): number {
    return this.seen.filter((r) => r.method === method && path.test(r.path)).length;
  }

  /** Cuts every stalled answer's connection now (the test decides when, e.g. once the client wrote what it got). */
  cutStalled(): void {
    for (const res of this.stalled.splice(0)) res.socket?.destroy();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private pick(req: IncomingMessage): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.method !== req.method || !rule.path.test(req.url ?? '')) continue;
      rule.matched++;
      if (rule.matched > (rule.skip ?? 0) && rule.matched <= (rule.skip ?? 0) + (rule.times ?? 1)) return rule.fault;
    }
    return undefined;
  }

  private handle(req: IncomingMessage, res: ServerResponse, upstream: URL): void {
    const fault = this.pick(req);
    this.seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, faulted: fault !== undefined, at: Date.now() });
    if (fault?.kind === 'answer') {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(JSON.stringify(fault.body));
      return;
    }
    if (fault?.kind === 'rewrite-request') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.from(JSON.stringify(fault.change(JSON.parse(Buffer.concat(chunks).toString('utf8')))));
        const headers = { ...req.headers, 'content-length': String(body.byteLength) };
        const out = forward({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        out.on('error', () => res.destroy());
        out.end(body);
      });
      return;
    }
    const out = forward(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (fault?.kind !== 'drop' && fault?.kind !== 'stall') {
          answer.pipe(res);
          return;
        }
        if (fault.kind === 'stall') this.stalled.push(res);
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          if (sent >= fault.afterBytes) return;
          const last = sent + chunk.byteLength >= fault.afterBytes;
          // Cut mid-answer, once those bytes are on their way: the client sees a connection reset, not a clean end.
          res.write(chunk.subarray(0, fault.afterBytes - sent), () => last && fault.kind === 'drop' && res.socket?.destroy());
          sent += chunk.byteLength;
        });
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  }
}
