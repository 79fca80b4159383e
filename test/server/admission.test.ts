import { mkdtemp, readdir, rm } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { call, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

// Admission is atomic: a request the node refuses leaves no queued render, no token, no credit
// change and no file. The disk fills for real: while `full` is set, the node's state writes (whole
// files go through a temp file; the token log is appended to) land on /dev/full, which answers
// every write with ENOSPC.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof actual.writeFile = (file, data, options) =>
    disk.full && String(file).endsWith('.tmp') ? actual.writeFile('/dev/full', data) : actual.writeFile(file, data, options);
  const appendFile: typeof actual.appendFile = (file, data, options) => actual.appendFile(disk.full ? '/dev/full' : file, data, options);
  return { ...actual, default: { ...actual, writeFile, appendFile }, writeFile, appendFile };
});

let dir: string;
let clip: string;
let started: Awaited<ReturnType<typeof startTestNode>>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'admission-'));
  clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
  started = await startTestNode({ credits: 2 });
});
afterAll(async () => {
  disk.full = false;
  await started?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function whileFull<T>(work: () => Promise<T>): Promise<T> {
  disk.full = true;
  try {
    return await work();
  } finally {
    disk.full = false;
  }
}

const FULL = "The render node's disk is full. Free some space on the node, then try again.";

describe('a refused request changes nothing', () => {
  it('a token refused for a full disk (507) is not issued: the same client id gets one later', async () => {
    const clientId = crypto.randomUUID();
    const refused = await whileFull(() => call(started.node.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': clientId } }));
    expect([refused.status, refused.message]).toEqual([507, FULL]);
    const later = await call(started.node.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': clientId } });
    expect([later.status, later.code]).toEqual([200, 0]);
  });

  it('an export refused for a full disk (507) is not queued and never runs', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    expect((await upload(started.node.url, token, sessionId, [clip])).code).toBe(0);
    const refused = await whileFull(() => startExport(started.node.url, token, sessionId, 'render_refused'));
    expect([refused.status, refused.message]).toEqual([507, FULL]);
    expect((await call(started.node.url, 'GET', '/api/render/proxy/lambda/render_refused', { token })).code).toBe(404);
    // Work accepted after it runs alone: the refused one is not behind it, nor after it.
    const accepted = await startExport(started.node.url, token, sessionId, 'render_accepted');
    expect(accepted.code).toBe(0);
    expect((await waitForRender(started.node.url, token, 'render_accepted')).status).toBe('completed');
    expect((await call(started.node.url, 'GET', '/api/render/proxy/lambda/render_refused', { token })).code).toBe(404);
    expect(await readdir(join(started.dataDir, 'outputs'))).toHaveLength(1);
    const state = await call(started.node.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    expect(state.data.state.generated_media.map((item: { render_id: string }) => item.render_id)).toEqual(['render_accepted']);
  });

  it('a message refused for a full disk costs no credit and leaves the draft as it was', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    expect((await upload(started.node.url, token, sessionId, [clip])).code).toBe(0);
    const before = await call(started.node.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    const refused = await whileFull(() =>
      call(started.node.url, 'POST', '/run_sse', { token, json: { session_id: sessionId, new_message: { parts: [{ text: 'under 1MB at 480p' }] } } }),
    );
    expect([refused.status, refused.message]).toEqual([507, FULL]);
    expect((await call(started.node.url, 'GET', '/api/credits/balance/simple', { token })).data.available).toBe(2);
    const after = await call(started.node.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    expect(after.data.state.draft).toEqual(before.data.state.draft);
  });

  it('an upload refused for a full disk leaves no file and no media in the session', async () => {
    const { token, sessionId } = await newSession(started.node.url);
    const mediaBefore = await readdir(join(started.dataDir, 'media'));
    const refused = await whileFull(() => upload(started.node.url, token, sessionId, [clip]));
    expect([refused.status, refused.message]).toEqual([507, FULL]);
    expect(await readdir(join(started.dataDir, 'media'))).toEqual(mediaBefore);
    const state = await call(started.node.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    expect([state.data.state.video_infos, state.data.state.draft.t[0].sg]).toEqual([{}, []]);
  });

  it('a session refused for a full disk does not exist afterwards', async () => {
    const token = (await call(started.node.url, 'POST', '/api/auth/anonymous-token', { headers: { 'x-client-id': crypto.randomUUID() } })).data.token;
    const refused = await whileFull(() => call(started.node.url, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, json: {} }));
    expect([refused.status, refused.message]).toEqual([507, FULL]);
    expect(await readdir(join(started.dataDir, 'sessions')).then((names) => names.filter((name) => name.endsWith('.tmp')))).toEqual([]);
  });
});
