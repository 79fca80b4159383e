import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SseStream, textChunks } from '../../src/server/sse.js';

describe('textChunks', () => {
  it.each([
    ['', []],
    ['one line', ['one line']],
    ['a\nb\n', ['a\n', 'b\n']],
    ['a\n\nb', ['a\n', '\n', 'b']],
  ])('%o → %o', (text, chunks) => {
    expect(textChunks(text)).toEqual(chunks);
    expect(textChunks(text).join('')).toBe(text);
  });
});

describe('SseStream', () => {
  it('sends data frames and heartbeat comments while quiet', async () => {
    const server = createServer((_req, res) => {
      const stream = new SseStream(res, 20);
      stream.send({ n: 1 });
      setTimeout(() => {
        stream.send({ n: 2 });
        stream.end();
      }, 150);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const body = await response.text();
    server.close();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(body.startsWith('data: {"n":1}\n\n')).toBe(true);
    expect(body).toContain(': heartbeat\n\n');
    expect(body.endsWith('data: {"n":2}\n\n')).toBe(true);
  });
});
