import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchInput, NodeRefusal, refusalSentence, sha256Of, uploadOutput, type NodeLink } from '../../src/queue/node-link.js';
import { freePort } from './cluster.js';

// The worker's transfers against a stand-in node on loopback that cuts, refuses or is not there yet:
// the faults are injected by the server, the client code under test is the real one.

const BYTES = randomBytes(600_000);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'link-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A node on `port` answering with `handler`; resolves with a function that stops it. */
async function standIn(port: number, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<() => Promise<void>> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function link(port: number, lines: string[]): NodeLink {
  return { base: `http://127.0.0.1:${port}`, key: 'worker-key', log: (line) => lines.push(line) };
}

describe('worker ↔ node transfers', () => {
  it('an input cut mid-transfer resumes with Range from the bytes it has, and the retry is logged', async () => {
    const port = await freePort();
    const ranges: (string | undefined)[] = [];
    const stop = await standIn(port, (req, res) => {
      ranges.push(req.headers.range);
      expect(req.headers['x-access-key']).toBe('worker-key');
      if (!req.headers.range) {
        res.writeHead(200, { 'content-length': BYTES.length });
        // Half the file, then the connection drops.
        res.write(BYTES.subarray(0, 250_000), () => res.destroy());
        return;
      }
      const start = Number(/bytes=(\d+)-/.exec(req.headers.range)![1]);
      res.writeHead(206, { 'content-length': BYTES.length - start, 'content-range': `bytes ${start}-${BYTES.length - 1}/${BYTES.length}` });
      res.end(BYTES.subarray(start));
    });
    const lines: string[] = [];
    const target = join(dir, 'input');
    expect(await fetchInput(link(port, lines), 'r1', 'm1', target, new AbortController().signal)).toBe(BYTES.length);
    await stop();
    expect(Buffer.compare(await readFile(target), BYTES)).toBe(0);
    expect(ranges[0]).toBeUndefined();
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(Number(/bytes=(\d+)-/.exec(ranges[1]!)![1])).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/input m1: the node at http:\/\/127\.0\.0\.1:\d+ did not answer \(.*\); retrying in 0\.5 s\./);
  });

  it('a node that is not there yet is waited for with backoff; a refusal (4xx) is final', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const target = join(dir, 'late');
    const fetching = fetchInput(link(port, lines), 'r2', 'm2', target, new AbortController().signal);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => lines.length >= 2 && (clearInterval(check), resolve()), 20);
    });
    const stop = await standIn(port, (_req, res) => res.end(BYTES));
    expect(await fetching).toBe(BYTES.length);
    await stop();
    expect(lines[0]).toMatch(/retrying in 0\.5 s/);
    expect(lines[1]).toMatch(/retrying in 1\.0 s/);

    const refuse = await standIn(port, (_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 409, message: 'This node is not waiting for that job (it finished, or was canceled).', data: null }));
    });
    const refused = await fetchInput(link(port, []), 'r3', 'm3', join(dir, 'refused'), new AbortController().signal).catch((error: unknown) => error);
    await refuse();
    // The user's sentence names no job, input or address; the log's detail keeps all three.
    expect(refused).toBeInstanceOf(NodeRefusal);
    expect((refused as NodeRefusal).message).toBe('A render worker could not get the video from the render node (the node no longer waits for this render), so the render stopped.');
    expect((refused as NodeRefusal).detail).toBe('job r3: input m3: the node answered 409: This node is not waiting for that job (it finished, or was canceled).');
  });

  it('an upload is streamed with its size and hash, and sent again when the node finds it damaged', async () => {
    const port = await freePort();
    const file = join(dir, 'output.mp4');
    await writeFile(file, BYTES);
    const sha256 = await sha256Of(file);
    const seen: { length: string | undefined; hash: string | undefined; received: number }[] = [];
    const stop = await standIn(port, (req, res) => {
      let received = 0;
      req.on('data', (chunk: Buffer) => (received += chunk.length));
      req.on('end', () => {
        seen.push({ length: req.headers['content-length'], hash: req.headers['x-content-sha256'] as string, received });
        res.writeHead(seen.length === 1 ? 422 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: seen.length === 1 ? 422 : 0, message: seen.length === 1 ? 'The upload arrived damaged.' : 'ok', data: null }));
      });
    });
    const lines: string[] = [];
    await uploadOutput(link(port, lines), { jobId: 'r4', attempt: 'attempt-1', name: 'item-0.mp4' }, { path: file, size: BYTES.length, sha256 }, new AbortController().signal);
    await stop();
    expect(seen).toEqual([
      { length: String(BYTES.length), hash: sha256, received: BYTES.length },
      { length: String(BYTES.length), hash: sha256, received: BYTES.length },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/upload of item-0\.mp4: .*422.*damaged.*retrying/);
  });
});

describe("a refusal in the user's words", () => {
  it.each([
    ['input', 401, 'A render worker could not get the video from the render node (the node did not accept the worker\'s key), so the render stopped.'],
    ['input', 404, 'A render worker could not get the video from the render node (the node no longer has it), so the render stopped.'],
    ['input', 400, 'A render worker could not get the video from the render node, so the render stopped.'],
    ['upload', 409, 'A render worker could not hand the finished file back to the render node (the node no longer waits for this render), so the render stopped.'],
    ['upload', 413, 'A render worker could not hand the finished file back to the render node (the node had no room for it), so the render stopped.'],
  ] as const)('%s refused with %i', (call, status, sentence) => {
    expect(refusalSentence(call, status)).toBe(sentence);
  });
});
