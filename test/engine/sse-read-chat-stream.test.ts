import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/engine/sse/chat-event.js';
import { readChatStream, StreamDroppedError } from '../../src/engine/sse/read-chat-stream.js';
import { emptyTurnText, foldTurnText, visibleText } from '../../src/engine/turn.js';

const fixture = readFileSync(new URL('./fixtures/adk-run-sse.txt', import.meta.url));

// A seeded generator, so a failing chunking can be reproduced from the seed in the test name.
function randomChunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(next() * 40);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

async function* from(chunks: Uint8Array[], failAfter?: number): AsyncGenerator<Uint8Array> {
  for (const [index, chunk] of chunks.entries()) {
    if (index === failAfter) throw new Error('socket hang up');
    yield chunk;
  }
}

async function collect(stream: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The reply the events add up to, assembled as the turn assembles it. */
function replyOf(events: ChatEvent[]): string {
  return visibleText(events.reduce(foldTurnText, emptyTurnText));
}

describe('readChatStream', () => {
  for (const seed of [1, 7, 42, 1234, 99991]) {
    it(`reads the captured ADK stream split at random bytes (seed ${seed})`, async () => {
      const events = await collect(readChatStream(from(randomChunks(fixture, seed))));
      expect(events.map((e) => e.type)).toEqual(['tool-call', 'tool-result', 'text-delta', 'text-delta', 'text-final', 'state-delta', 'done']);
      expect(events.at(-1)).toEqual({ type: 'done' });
      expect(replyOf(events)).toBe('Compressing to under 100 MB at 1080p.');
    });
  }

  it('shows the streamed reply once: the final replaces the partials', async () => {
    let text = emptyTurnText;
    const seen: string[] = [];
    for await (const event of readChatStream(from([fixture]))) {
      text = foldTurnText(text, event);
      seen.push(visibleText(text));
    }
    expect(seen).toContain('Compressing to under ');
    expect(seen.at(-1)).toBe('Compressing to under 100 MB at 1080p.');
  });

  for (const seed of [3, 5, 8]) {
    it(`keeps multi-byte characters whole when a chunk splits them (seed ${seed})`, async () => {
      const wire = new TextEncoder().encode(
        ': heartbeat\n\ndata: {"type":"text","content":"压缩到 "}\n\ndata: {"type":"text","content":"100 MB 🎬 完成"}\n\ndata:\n\n',
      );
      const chunks = seed === 3 ? [...wire].map((byte) => Uint8Array.of(byte)) : randomChunks(wire, seed);
      const events = await collect(readChatStream(from(chunks)));
      expect(events.filter((e) => e.type === 'heartbeat')).toHaveLength(2);
      expect(replyOf(events)).toBe('压缩到 100 MB 🎬 完成');
    });
  }

  it('ends the last event when the stream closes without a blank line', async () => {
    const events = await collect(readChatStream(from([new TextEncoder().encode('data: {"content":{"parts":[{"text":"ok"}]}}')])));
    expect(events).toEqual([{ type: 'text-final', text: 'ok' }, { type: 'done' }]);
  });

  it('raises StreamDroppedError when the stream breaks', async () => {
    await expect(collect(readChatStream(from(randomChunks(fixture, 2), 5)))).rejects.toBeInstanceOf(StreamDroppedError);
  });
});
