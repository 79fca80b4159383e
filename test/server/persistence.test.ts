import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../src/server/auth.js';
import { makeClip } from '../helpers/clips.js';
import { call, download, newSession, startExport, startTestNode, upload, waitForRender } from './node-harness.js';

let dir: string;
let short: string;
let long: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'persist-node-'));
  short = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
  // Long and detailed enough that a render is still running when the test acts on it.
  long = await makeClip(dir, { width: 320, height: 240, seconds: 6, pattern: 'mandelbrot' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** ffmpeg processes this test process started and that are still alive (Linux /proc). */
async function ffmpegChildren(): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match && match[1].startsWith('ffmpeg') && Number(match[2]) === process.pid) pids.push(Number(entry));
  }
  return pids;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('persistence', () => {
  it('keeps tokens, sessions, drafts and renders across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'node-'));
    const first = await startTestNode({ dataDir });
    const { token, sessionId } = await newSession(first.node.url);
    await upload(first.node.url, token, sessionId, [short]);
    await startExport(first.node.url, token, sessionId, 'render_keep');
    const done = await waitForRender(first.node.url, token, 'render_keep');
    const before = await call(first.node.url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
    await first.node.close();

    const second = await startTestNode({ dataDir });
    try {
      const base = second.node.url;
      const after = await call(base, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
      const rebase = (value: unknown): string => JSON.stringify(value).replaceAll(first.node.url, base);
      expect(JSON.stringify(after.data)).toBe(rebase(before.data));
      const polled = await waitForRender(base, token, 'render_keep');
      expect(polled.output.size).toBe(done.output.size);
      const bytes = Buffer.from(await (await download(polled.output.url)).arrayBuffer());
      expect(bytes.length).toBe(done.output.size);
    } finally {
      await second.cleanup();
    }
  });

  it("forgets, on the next start, what belongs to users whose token expired: sessions, uploads, outputs", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'node-'));
    let clock = Date.now();
    const first = await startTestNode({ dataDir, now: () => clock });
    const old = await newSession(first.node.url);
    await upload(first.node.url, old.token, old.sessionId, [short]);
    await startExport(first.node.url, old.token, old.sessionId, 'render_old');
    await waitForRender(first.node.url, old.token, 'render_old');
    clock += TOKEN_LIFETIME_MS / 2;
    const recent = await newSession(first.node.url);
    await upload(first.node.url, recent.token, recent.sessionId, [short]);
    await startExport(first.node.url, recent.token, recent.sessionId, 'render_recent');
    await waitForRender(first.node.url, recent.token, 'render_recent');
    await first.node.close();
    const count = async () => Promise.all(['sessions', 'media', 'outputs'].map(async (folder) => (await readdir(join(dataDir, folder))).length));
    expect(await count()).toEqual([2, 2, 2]);

    clock += TOKEN_LIFETIME_MS / 2 + 1; // the first token has expired, the second has not
    const second = await startTestNode({ dataDir, now: () => clock });
    try {
      expect(await count()).toEqual([1, 1, 1]);
      const kept = await call(second.node.url, 'GET', `/api/state/nemo_agent/me/${recent.sessionId}/latest`, { token: recent.token });
      expect(kept.code).toBe(0);
      expect((await waitForRender(second.node.url, recent.token, 'render_recent')).status).toBe('completed');
    } finally {
      await second.cleanup();
    }
  });

  it('stopping mid-render puts the job back in the queue; the next start finishes it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'node-'));
    const first = await startTestNode({ dataDir });
    const { token, sessionId } = await newSession(first.node.url);
    await upload(first.node.url, token, sessionId, [long]);
    await startExport(first.node.url, token, sessionId, 'render_resume');
    await waitForRender(first.node.url, token, 'render_resume', (data) => data.status === 'processing' && Array.isArray(data.items));
    await first.node.close();
    expect(await ffmpegChildren()).toEqual([]);
    // Back in the queue from the beginning: no item is left half-made in the record.
    const saved = JSON.parse(await readFile(join(dataDir, 'renders.json'), 'utf8')).renders.find((record: { id: string }) => record.id === 'render_resume');
    expect(saved).toMatchObject({ status: 'pending', progress: 0 });
    expect(saved.itemProgress).toBeUndefined();

    const second = await startTestNode({ dataDir });
    try {
      const done = await waitForRender(second.node.url, token, 'render_resume');
      expect(done.status).toBe('completed');
    } finally {
      await second.cleanup();
    }
  });

  it('cancel stops ffmpeg and cleans up', async () => {
    const started = await startTestNode();
    try {
      const base = started.node.url;
      const { token, sessionId } = await newSession(base);
      await upload(base, token, sessionId, [long]);
      await startExport(base, token, sessionId, 'render_cancel');
      await waitForRender(base, token, 'render_cancel', (data) => data.status === 'processing');
      const canceled = await call(base, 'POST', '/api/render/proxy/lambda/render_cancel/cancel', { token });
      expect(canceled.data).toMatchObject({ id: 'render_cancel', status: 'failed', error: 'canceled' });
      await until(async () => (await readdir(join(started.dataDir, 'work')).catch(() => [])).length === 0);
      await until(async () => (await ffmpegChildren()).length === 0);
      expect(await readdir(join(started.dataDir, 'outputs'))).toEqual([]);
      expect((await waitForRender(base, token, 'render_cancel')).error).toBe('canceled');
    } finally {
      await started.cleanup();
    }
  });
});
