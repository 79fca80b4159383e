import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../src/server/auth.js';
import { startRenderNode } from '../../src/server/index.js';
import { makeClip } from '../helpers/clips.js';
import { call, keyHeaders, message, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

// Every error the brief names, produced for real against a running node.

let dir: string;
let clip: string;
let clock = Date.now();
let started: Awaited<ReturnType<typeof startTestNode>>;
let base: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'errors-'));
  clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
  started = await startTestNode({ now: () => clock, maxUploadBytes: 1_000_000 });
  base = started.node.url;
});
afterAll(async () => {
  await started.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function mediaFiles(dataDir: string): Promise<string[]> {
  return readdir(join(dataDir, 'media')).catch(() => []);
}

describe('error codes', () => {
  it('400 without X-Client-Id', async () => {
    const answer = await call(base, 'POST', '/api/auth/anonymous-token');
    expect([answer.status, answer.code]).toEqual([400, 400]);
  });

  it('429 with Retry-After (when the first expires) for a second token within 7 days', async () => {
    const clientId = crypto.randomUUID();
    await newSession(base, clientId);
    const answer = await call(base, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': clientId } });
    expect([answer.status, answer.code]).toEqual([429, 429]);
    expect(answer.headers.get('retry-after')).toBe(String(TOKEN_LIFETIME_MS / 1000));
  });

  it('1001 for an unknown token and for one 7 days old', async () => {
    const unknown = await call(base, 'GET', '/api/credits/balance/simple', { token: 'nope' });
    expect([unknown.status, unknown.code]).toEqual([401, 1001]);
    const { token } = await newSession(base);
    expect((await call(base, 'GET', '/api/credits/balance/simple', { token })).code).toBe(0);
    clock += TOKEN_LIFETIME_MS + 1;
    const expired = await call(base, 'GET', '/api/credits/balance/simple', { token });
    clock = Date.now();
    expect([expired.status, expired.code]).toEqual([401, 1001]);
  });

  it("1002 for an unknown session and for another token's session", async () => {
    const mine = await newSession(base);
    const theirs = await newSession(base);
    const unknown = await call(base, 'GET', '/api/state/nemo_agent/me/123456789/latest', { token: mine.token });
    expect([unknown.status, unknown.code]).toEqual([404, 1002]);
    const other = await call(base, 'GET', `/api/state/nemo_agent/me/${theirs.sessionId}/latest`, { token: mine.token });
    expect([other.status, other.code]).toEqual([404, 1002]);
    const uploadToOther = await upload(base, mine.token, theirs.sessionId, [clip]);
    expect(uploadToOther.code).toBe(1002);
    expect((await message(base, mine.token, theirs.sessionId, 'compress it')).status).toBe(404);
  });

  it('lets a client still sending a refused upload read the refusal and go on, not a reset connection', async () => {
    const mine = await newSession(base);
    const theirs = await newSession(base);
    // Closing on unread bytes makes the kernel reset the connection: a fetch still writing its body
    // then failed with EPIPE instead of reading the 1002.
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const failed = new Promise<Error>((resolve) => socket.on('error', resolve));
    const bodyBytes = 2_000_000;
    socket.write(
      `POST /api/upload-video/nemo_agent/me/${theirs.sessionId} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `X-Access-Key: ${started.node.accessKey}\r\nAuthorization: Bearer ${mine.token}\r\nContent-Type: multipart/form-data; boundary=x\r\n` +
      `Content-Length: ${bodyBytes}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(64 * 1024));
    await vi.waitFor(() => expect(Buffer.concat(received).toString()).toContain('"code":1002'));
    socket.write(Buffer.alloc(bodyBytes - 64 * 1024));
    // The rest of the body is read and dropped, and the connection serves the client's next request.
    socket.write(`GET /api/credits/balance/simple HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Access-Key: ${started.node.accessKey}\r\nAuthorization: Bearer ${mine.token}\r\n\r\n`);
    const next = vi.waitFor(() => expect(Buffer.concat(received).toString()).toMatch(/"code":1002.*HTTP\/1\.1 200/s), { timeout: 5000 });
    const outcome = await Promise.race([failed, next.then(() => 'answered')]);
    socket.destroy();
    expect(outcome).toBe('answered');
  });

  it('4001 for a text file, leaving nothing behind', async () => {
    const { token, sessionId } = await newSession(base);
    const text = join(dir, 'notes.mp4');
    await writeFile(text, 'these are not moving pictures\n'.repeat(100));
    const before = await mediaFiles(started.dataDir);
    const answer = await upload(base, token, sessionId, [clip, text]);
    expect([answer.status, answer.code]).toEqual([415, 4001]);
    expect(answer.message).toContain('notes.mp4');
    expect(answer.message).not.toMatch(/m_[0-9a-f]{32}/);
    expect(await mediaFiles(started.dataDir)).toEqual(before);
    const state = await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    expect(state.data.state.draft.t[0].sg).toEqual([]);
  });

  it('4002 one byte over the upload limit, refused while streaming and leaving nothing; exactly the limit is fine', async () => {
    const isolated = await startTestNode({ maxUploadBytes: 1_000_000 });
    try {
      const { token, sessionId } = await newSession(isolated.node.url);
      // A real clip padded with zeros (the MP4 demuxer ignores them) to the limit, then one byte over.
      const padded = await makeClip(dir, { width: 160, height: 120, seconds: 1, name: 'padded.mp4' });
      await truncate(padded, 1_000_001);
      const answer = await upload(isolated.node.url, token, sessionId, [padded]);
      expect([answer.status, answer.code]).toEqual([413, 4002]);
      expect(await mediaFiles(isolated.dataDir)).toEqual([]);
      await truncate(padded, 1_000_000);
      const exact = await upload(isolated.node.url, token, sessionId, [padded]);
      expect(exact.data.files[0].size).toBe(1_000_000);
    } finally {
      await isolated.cleanup();
    }
  });

  it('2001 with its bind id when --credits run out; export stays free', async () => {
    const limited = await startTestNode({ credits: 1 });
    try {
      const { token, sessionId } = await newSession(limited.node.url);
      expect((await call(limited.node.url, 'GET', '/api/credits/balance/simple', { token })).data).toEqual({ available: 1, frozen: 0, total: 1 });
      expect((await message(limited.node.url, token, sessionId, 'help')).status).toBe(200);
      const refused = await call(limited.node.url, 'POST', '/run_sse', { token, json: { session_id: sessionId, new_message: { parts: [{ text: 'help' }] } } });
      expect([refused.status, refused.code]).toEqual([403, 2001]);
      expect(refused.data).toEqual({ bind_id: expect.any(String), register_url: expect.stringContaining(`bind=${refused.data.bind_id}`) });
      await upload(limited.node.url, token, sessionId, [clip]);
      expect((await startExport(limited.node.url, token, sessionId, 'render_free')).code).toBe(0);
      expect((await waitForRender(limited.node.url, token, 'render_free')).status).toBe('completed');
    } finally {
      await limited.cleanup();
    }
  });

  it('402 for an export without the X-Skill-* headers; 409 for a render id used twice', async () => {
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clip]);
    const body = { id: 'render_twice', sessionId, output: { format: 'mp4', quality: 'high' } };
    const response = await fetch(`${base}/api/render/proxy/lambda`, { method: 'POST', headers: { ...keyHeaders(base), authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(402);
    expect(((await response.json()) as { code: number }).code).toBe(402);
    expect((await startExport(base, token, sessionId, 'render_twice')).code).toBe(0);
    const again = await startExport(base, token, sessionId, 'render_twice');
    expect([again.status, again.code]).toEqual([409, 409]);
    await waitForRender(base, token, 'render_twice');

    // Ids are the client's (render_<ts>): another user may pick the same one, and sees only their own job.
    const other = await newSession(base);
    await upload(base, other.token, other.sessionId, [clip]);
    expect((await startExport(base, other.token, other.sessionId, 'render_twice')).code).toBe(0);
    expect((await waitForRender(base, other.token, 'render_twice')).status).toBe('completed');
  });

  it('a goal no encode can meet fails the render with a readable sentence', async () => {
    const { token, sessionId } = await newSession(base);
    const uploaded = await upload(base, token, sessionId, [clip]);
    const draft = { t: [{ tt: 0, sg: [{ id: 'a', src: uploaded.data.files[0].media_id, s: 0, d: 1000, m: {} }], m: {} }], d: 1000, m: { targetBytes: 2000 } };
    expect((await startExport(base, token, sessionId, 'render_impossible', draft)).code).toBe(0);
    const failed = await waitForRender(base, token, 'render_impossible');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/[A-Z].*\./);
    expect(failed.output).toBeUndefined();
  });

  it('400 for bad bodies: not JSON, over 1 MB (413), a draft naming media of another session', async () => {
    const { token, sessionId } = await newSession(base);
    const notJson = await call(base, 'POST', '/api/render/proxy/lambda', { token, headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect([notJson.status, notJson.code]).toEqual([400, 400]);
    const huge = await call(base, 'POST', '/api/render/proxy/lambda', { token, json: { id: 'x', pad: 'x'.repeat(1_100_000) } });
    expect([huge.status, huge.code]).toEqual([413, 400]);
    const draft = { t: [{ tt: 0, sg: [{ id: 'a', src: '../../etc/passwd', s: 0, d: 1000, m: {} }], m: {} }], d: 1000, m: {} };
    const foreign = await startExport(base, token, sessionId, 'render_foreign', draft);
    expect([foreign.status, foreign.code]).toEqual([400, 400]);
  });

  it('404 for an unknown route, an unknown render, and a made-up file address', async () => {
    const { token } = await newSession(base);
    expect((await call(base, 'GET', '/api/nothing')).status).toBe(404);
    expect((await call(base, 'GET', '/api/render/proxy/lambda/render_none', { token })).code).toBe(404);
    expect((await call(base, 'GET', `/files/f_${'0'.repeat(32)}/x.mp4`)).code).toBe(404);
    expect((await call(base, 'GET', '/files/..%2F..%2Ftokens.json/x')).code).toBe(404);
  });
});

describe('access key', () => {
  it('refuses to listen beyond loopback without a key the operator chose', async () => {
    await expect(startRenderNode({ host: '0.0.0.0', dataDir: join(dir, 'never') })).rejects.toThrow(/access key/);
    expect(await readdir(dir)).not.toContain('never');
  });

  it('with a given key: every request needs it, hello too', async () => {
    const keyed = await startTestNode({ accessKey: 'sesame-sesame' });
    try {
      const url = keyed.node.url;
      const without = { 'x-access-key': '' };
      expect((await call(url, 'GET', '/api/node/hello', { headers: without })).status).toBe(401);
      expect((await call(url, 'POST', '/api/auth/anonymous-token', { headers: { ...without, 'x-client-id': 'a' } })).code).toBe(401);
      expect((await call(url, 'GET', '/api/node/hello', { headers: { 'x-access-key': 'wrong-wrong' } })).code).toBe(401);
      const hello = await call(url, 'GET', '/api/node/hello', { headers: { 'x-access-key': 'sesame-sesame' } });
      expect(hello.data).toMatchObject({ name: 'compressor-studio', requires_key: true });
    } finally {
      await keyed.cleanup();
    }
  });

  it('with no key given (the embedded node, a loopback serve): a random one, required from every local client', async () => {
    const first = await startRenderNode({ dataDir: join(dir, 'keyless-1') });
    const second = await startRenderNode({ dataDir: join(dir, 'keyless-2') });
    try {
      expect(first.accessKey).toMatch(/^[\w-]{32}$/);
      expect(second.accessKey).not.toBe(first.accessKey);
      const without = { 'x-access-key': '' };
      expect((await call(first.url, 'POST', '/api/auth/anonymous-token', { headers: { ...without, 'x-client-id': 'a' } })).code).toBe(401);
      expect((await call(first.url, 'GET', `/files/f_${'0'.repeat(32)}/x.mp4`, { headers: without })).code).toBe(401);
      expect((await call(first.url, 'GET', '/api/node/hello', { headers: { 'x-access-key': second.accessKey } })).code).toBe(401);
      expect((await call(first.url, 'GET', '/api/node/hello', { headers: { 'x-access-key': first.accessKey } })).code).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

