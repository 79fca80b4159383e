import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** How often a comment line keeps a quiet stream alive (the contract says at least every 15 s). */
export const HEARTBEAT_MS = 10_000;

/** One part of an ADK event's content. */
export type AdkPart =
  | { text: string }
  | { functionCall: { id: string; name: string; args: Record<string, unknown> } }
  | { functionResponse: { id: string; name: string; response: Record<string, unknown> } };

/** An event in the shape ADK's /run_sse streams. */
export type AdkEvent = {
  id: string;
  invocationId: string;
  author: string;
  timestamp: number;
  partial?: boolean;
  content: { role: 'model'; parts: AdkPart[] };
  actions: { stateDelta: Record<string, unknown> };
};

/** Builds one ADK event of an invocation (a turn). */
export function adkEvent(invocationId: string, parts: AdkPart[], options: { partial?: boolean; stateDelta?: Record<string, unknown> } = {}): AdkEvent {
  return {
    id: randomUUID(),
    invocationId,
    author: 'nemo_agent',
    timestamp: Date.now() / 1000,
    ...(options.partial ? { partial: true } : {}),
    content: { role: 'model', parts },
    actions: { stateDelta: options.stateDelta ?? {} },
  };
}

/**
 * A server-sent-events response: `data: <json>` frames, and a `: heartbeat` comment whenever
 * nothing was sent for `heartbeatMs`, so proxies and clients never take a long step for a dead
 * stream. The timer stops when the stream ends or the client goes away.
 */
export class SseStream {
  private timer: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    heartbeatMs = HEARTBEAT_MS,
  ) {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    this.timer = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    res.on('close', () => clearInterval(this.timer));
  }

  /** Sends one event as a `data:` frame. */
  send(event: unknown): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
    this.timer.refresh();
  }

  /** Ends the stream, which ends the turn (there is no "done" event). */
  end(): void {
    clearInterval(this.timer);
    if (!this.res.writableEnded) this.res.end();
  }

  private write(text: string): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.write(text);
  }
}

/**
 * Splits a reply into the chunks streamed as partial events: one line at a time, the way a model
 * streams, so the client shows the reply growing and then replaces it with the final event.
 */
export function textChunks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
