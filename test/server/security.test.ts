import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { call, newSession, startTestNode, upload } from './node-harness.js';

let dir: string;
let clip: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
let fileServer: Server;
let fileBase: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'security-'));
  clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
  started = await startTestNode({ maxUploadBytes: 1_000_000 });
  // A loopback web server standing in for "a video on the internet".
  fileServer = createServer((req, res) => {
    if (req.url === '/clip.mp4') createReadStream(clip).pipe(res);
    else if (req.url === '/endless.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      const chunk = Buffer.alloc(64 * 1024);
      const pump = (): void => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
  fileBase = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fileServer.closeAllConnections();
  fileServer.close();
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function mediaFiles(dataDir: string): Promise<string[]> {
  return readdir(join(dataDir, 'media')).catch(() => []);
}

describe('uploads cannot escape the data folder', () => {
  it('stores a file named with .. and slashes under an opaque id, keeping only a display name', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    const answer = await upload(started.node.url, token, sessionId, [clip], ['../../../outside.mp4']);
    expect(answer.data.files[0].name).toBe('outside.mp4');
    expect(answer.data.files[0].media_id).toMatch(/^m_[0-9a-f]{32}$/);
    expect(await readdir(dir)).not.toContain('outside.mp4');
    expect(await mediaFiles(started.dataDir)).toContain(answer.data.files[0].media_id);
  });

  it('downloads http URLs on the embedded node, refusing one over the limit while it streams', async () => {
    const embedded = await startTestNode({ allowFileUrls: true });
    try {
      const { token, sessionId } = await newSession(embedded.node.url);
      const path = `/api/upload-video/nemo_agent/me/${sessionId}`;
      const ok = await call(embedded.node.url, 'POST', path, { token, json: { urls: [`${fileBase}/clip.mp4`], source_type: 'url' } });
      expect(ok.data.files[0]).toMatchObject({ name: 'clip.mp4', video_info: { video: { width: 160 } } });
      const before = await mediaFiles(embedded.dataDir);
      const endless = await call(embedded.node.url, 'POST', path, { token, json: { urls: [`${fileBase}/endless.mp4`], source_type: 'url' } });
      expect([endless.status, endless.code]).toEqual([413, 4002]);
      expect(await mediaFiles(embedded.dataDir)).toEqual(before);
    } finally {
      await embedded.cleanup();
    }
  });

  it.each([
    ['loopback', (base: string) => `${base}/clip.mp4`],
    ['localhost by name', (base: string) => `${base.replace('127.0.0.1', 'localhost')}/clip.mp4`],
    ['a cloud metadata address', () => 'http://169.254.169.254/latest/meta-data'],
    ['a private network', () => 'http://10.1.2.3/video.mp4'],
    ['an IPv6 loopback', () => 'http://[::1]:9/video.mp4'],
  ])('a node served to others never fetches %s for a client', async (_what, target) => {
    const { token, sessionId } = await newSession(started.node.url);
    const before = await mediaFiles(started.dataDir);
    const refused = await call(started.node.url, 'POST', `/api/upload-video/nemo_agent/me/${sessionId}`, { token, json: { urls: [target(fileBase)], source_type: 'url' } });
    expect([refused.status, refused.code]).toEqual([400, 400]);
    expect(refused.message).toMatch(/own network/);
    expect(await mediaFiles(started.dataDir)).toEqual(before);
  });

  it('reads file:// URLs only on a node that allows them (the embedded one)', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    const json = { urls: [pathToFileURL(clip).href], source_type: 'url' };
    const refused = await call(started.node.url, 'POST', `/api/upload-video/nemo_agent/me/${sessionId}`, { token, json });
    expect([refused.status, refused.code]).toEqual([400, 400]);
    const embedded = await startTestNode({ allowFileUrls: true });
    try {
      const session = await newSession(embedded.node.url);
      const accepted = await call(embedded.node.url, 'POST', `/api/upload-video/nemo_agent/me/${session.sessionId}`, { token: session.token, json });
      expect(accepted.code).toBe(0);
      const missing = await call(embedded.node.url, 'POST', `/api/upload-video/nemo_agent/me/${session.sessionId}`, {
        token: session.token,
        json: { urls: [pathToFileURL(join(dir, 'no-such.mp4')).href] },
      });
      expect(missing.code).toBe(400);
    } finally {
      await embedded.cleanup();
    }
  });

  it('a client that drops mid-upload leaves no file', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    const before = await mediaFiles(started.dataDir);
    const boundary = 'XYZ';
    const url = new URL(`${started.node.url}/api/upload-video/nemo_agent/me/${sessionId}`);
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="half.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    req.write(Buffer.alloc(200_000, 1));
    // Vanish once the node has started writing the file.
    while ((await mediaFiles(started.dataDir)).length === before.length) await new Promise((resolve) => setTimeout(resolve, 20));
    req.destroy();
    for (;;) {
      if ((await mediaFiles(started.dataDir)).length === before.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await mediaFiles(started.dataDir)).toEqual(before);
  });

  it('a JSON body that is not an object is a 400', async () => {
    const { token } = await newSession(started.node.url);
    const answer = await call(started.node.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, json: [1, 2] });
    expect([answer.status, answer.code]).toEqual([400, 400]);
  });
});

