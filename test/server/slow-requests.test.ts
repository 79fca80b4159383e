import { once } from 'node:events';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { newSession, SKILL_HEADERS, startTestNode } from './node-harness.js';

// A real socket sending a request body slowly: the node drops one that stalls, and keeps one that
// is slow but moving, however long it takes in all.

const BODY_IDLE_MS = 1_500;

let dir: string;
let clip: Buffer;
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slow-'));
  clip = await readFile(await makeClip(dir, { width: 96, height: 64, seconds: 0.5 }));
  started = await startTestNode({ bodyIdleMs: BODY_IDLE_MS });
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a socket and sends the head of a multipart upload of `body.length` bytes. */
async function startUpload(body: Buffer, boundary: string): Promise<Socket> {
  const { token, sessionId } = await newSession(started.node.url);
  const url = new URL(started.node.url);
  const socket = connect(Number(url.port), url.hostname);
  await once(socket, 'connect');
  const headers = { ...SKILL_HEADERS, authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length), connection: 'close' };
  socket.write(`POST /api/upload-video/nemo_agent/me/${sessionId} HTTP/1.1\r\nHost: ${url.host}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`);
  return socket;
}

function multipart(boundary: string): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="slow.mp4"\r\nContent-Type: video/mp4\r\n\r\n`),
    clip,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** Everything the node sent until it closed the connection. */
function answerOf(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve) => socket.once('close', () => resolve(text)));
}

describe('slow request bodies', () => {
  it('drops a body that stops arriving, without an answer', async () => {
    const body = multipart('stall');
    const socket = await startUpload(body, 'stall');
    const answer = answerOf(socket);
    socket.write(body.subarray(0, 10)); // then nothing: a trickle of a byte a minute looks the same to the node
    const stalled = Date.now();
    expect(await answer).toBe('');
    expect(Date.now() - stalled).toBeGreaterThanOrEqual(BODY_IDLE_MS - 50);
  });

  it('takes a body that is slow but keeps moving, for more than twice the idle limit in all', async () => {
    const body = multipart('moving');
    const socket = await startUpload(body, 'moving');
    const answer = answerOf(socket);
    const pieces = 24;
    const size = Math.ceil(body.length / pieces);
    const began = Date.now();
    for (let offset = 0; offset < body.length; offset += size) {
      socket.write(body.subarray(offset, offset + size));
      await new Promise((resolve) => setTimeout(resolve, BODY_IDLE_MS / 10)); // pacing the sender, not waiting for the node
    }
    expect(Date.now() - began).toBeGreaterThan(BODY_IDLE_MS * 2);
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).data.files[0].name).toBe('slow.mp4');
  });
});
