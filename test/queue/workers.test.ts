import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNoteText, planNotesSchema } from '../../src/wire/index.js';
import { makeClip } from '../helpers/clips.js';
import { until } from '../helpers/until.js';
import { call, download, message, newSession, startExport, upload, waitForRender } from '../server/node-harness.js';
import { childCommands, freePort, hasRedis, jobsDone, jobsStarted, kill, startNode, startRedis, startWorkerProcess, type Proc } from './cluster.js';

// serve --queue with a real Redis, one node that only coordinates, and two worker processes.
if (!hasRedis) console.warn('queue tests skipped: redis-server is not installed (apt-get install redis-server; .ci/run does).');

// Ten renders where the cores allow, fewer on a small busy machine; always both workers.
const RENDERS = availableParallelism() >= 4 ? 10 : 6;
const CLIENTS = 3;
const TARGET_BYTES = 300_000;
const WORKER_KEY = 'worker-key-for-the-queue-tests';

let dir: string;
let smallClip: string;
let longClip: string;
let redis: Proc;
let redisPort: number;
let node: Proc;
let nodePort: number;
let nodeUrl: string;
let workers: Proc[] = [];
const others: Proc[] = [];

async function bootNode(): Promise<void> {
  node = await startNode({ port: nodePort, dataDir: join(dir, 'data'), redisPort, workerKey: WORKER_KEY, runtimeDir: join(dir, 'run') });
}

/** A client with a session, its clip uploaded and the target set by instruction. */
async function client(clip: string, text = 'compress this video to under 300KB'): Promise<{ token: string; sessionId: string }> {
  const session = await newSession(nodeUrl);
  expect((await upload(nodeUrl, session.token, session.sessionId, [clip])).code).toBe(0);
  await message(nodeUrl, session.token, session.sessionId, text);
  return session;
}

/** Waits for a render, then checks it was delivered once: one output, downloadable, the size it says, under the target. */
async function delivered(token: string, id: string): Promise<void> {
  const done = await waitForRender(nodeUrl, token, id);
  expect(done.status, done.error).toBe('completed');
  expect(done.outputs).toHaveLength(1);
  expect(done.output.size).toBeLessThanOrEqual(TARGET_BYTES);
  const bytes = Buffer.from(await (await download(done.output.url)).arrayBuffer());
  expect(bytes.length).toBe(done.output.size);
}

describe.skipIf(!hasRedis)('render workers on a Redis queue', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'queue-'));
    smallClip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
    // Long enough that a render is surely running when the test acts on it.
    longClip = await makeClip(dir, { width: 640, height: 360, seconds: 12, pattern: 'mandelbrot', name: 'long.mp4' });
    [redisPort, nodePort] = [await freePort(), await freePort()];
    nodeUrl = `http://127.0.0.1:${nodePort}`;
    redis = await startRedis(dir, redisPort, true);
    await bootNode();
    workers = await Promise.all([0, 1].map(() => startWorkerProcess({ redisPort, nodeUrl, workerKey: WORKER_KEY })));
  }, 300_000);

  afterAll(async () => {
    for (const proc of [...workers, ...others, node, redis]) if (proc) await kill(proc);
    await rm(dir, { recursive: true, force: true });
  });

  it(`${RENDERS} renders from ${CLIENTS} clients: each delivered once, under its target, spread over both workers`, async () => {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => client(smallClip)));
    const renders = Array.from({ length: RENDERS }, (_, index) => ({ ...clients[index % CLIENTS], id: `render_spread_${index}` }));
    for (const render of renders) expect((await startExport(nodeUrl, render.token, render.sessionId, render.id)).code).toBe(0);
    await Promise.all(renders.map((render) => delivered(render.token, render.id)));
    const done = workers.map(jobsDone);
    expect(done[0].length, workers[0].output()).toBeGreaterThan(0);
    expect(done[1].length, workers[1].output()).toBeGreaterThan(0);
    expect(new Set(done.flat()).size).toBe(RENDERS);
    expect(done.flat()).toHaveLength(RENDERS);
    // Each client's session lists its renders once each.
    for (const [index, { token, sessionId }] of clients.entries()) {
      const state = await call(nodeUrl, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token });
      const ids = state.data.state.generated_media.map((item: { render_id: string }) => item.render_id).sort();
      expect(ids).toEqual(renders.filter((_, n) => n % CLIENTS === index).map((render) => render.id).sort());
    }
    expect(await readdir(join(dir, 'data', 'outputs'))).toHaveLength(RENDERS);
  }, 300_000);

  it("a worker's render carries its notes as data, beside the same notes in English", async () => {
    // 720p of a 160x120 clip: constant quality, so the encode searches its CRF and says so.
    const { token, sessionId } = await client(smallClip, 'make it 720p');
    expect((await startExport(nodeUrl, token, sessionId, 'render_notes')).code).toBe(0);
    const done = await waitForRender(nodeUrl, token, 'render_notes');
    expect(done.status, done.error).toBe('completed');
    const notes = planNotesSchema.parse(done.outputs[0].plan_notes);
    expect(notes.map((note) => note.code)).toContain('quality-search');
    expect(done.outputs[0].notes).toEqual(notes.map((note) => planNoteText(note, 'en')));
  }, 300_000);

  it('a client cancel stops the ffmpeg on the worker running it', async () => {
    const { token, sessionId } = await client(longClip, 'compress this video to under 200KB');
    expect((await startExport(nodeUrl, token, sessionId, 'render_cancel')).code).toBe(0);
    await waitForRender(nodeUrl, token, 'render_cancel', (data) => data.progress > 0);
    // The media core runs ffmpeg more than once per render: wait for a moment when one is running.
    let running: Proc | undefined;
    await until(() => Boolean((running = workers.find((worker) => childCommands(worker.child.pid!).includes('ffmpeg')))), 'a worker to run ffmpeg');
    const canceled = await call(nodeUrl, 'POST', '/api/render/proxy/lambda/render_cancel/cancel', { token });
    expect(canceled.data.status).toBe('failed');
    await until(() => /canceled by the node; ffmpeg stopped/.test(running!.output()), 'the worker to stop the job', { context: running!.output });
    await until(() => !childCommands(running!.child.pid!).includes('ffmpeg'), 'ffmpeg to be gone');
    expect((await waitForRender(nodeUrl, token, 'render_cancel')).error).toBe('canceled');
  }, 300_000);

  it('kill -9 of the worker mid-render: the other worker completes it, delivered once', async () => {
    const { token, sessionId } = await client(longClip, 'compress this video to under 200KB');
    const before = workers.map((worker) => jobsStarted(worker).length);
    expect((await startExport(nodeUrl, token, sessionId, 'render_killed')).code).toBe(0);
    await waitForRender(nodeUrl, token, 'render_killed', (data) => data.progress > 0);
    const victim = workers.findIndex((worker, index) => jobsStarted(worker).length > before[index]);
    const jobId = jobsStarted(workers[victim]).at(-1)!;
    await kill(workers[victim]);
    const survivor = workers[1 - victim];
    const done = await waitForRender(nodeUrl, token, 'render_killed');
    expect(done.status, done.error).toBe('completed');
    expect(done.outputs).toHaveLength(1);
    expect(jobsDone(survivor)).toContain(jobId);
    others.push(workers[victim]);
    workers[victim] = await startWorkerProcess({ redisPort, nodeUrl, workerKey: WORKER_KEY });
  }, 300_000);

  it('the node killed and restarted mid-queue: every render is still delivered once', async () => {
    const clients = await Promise.all([0, 1].map(() => client(smallClip)));
    const renders = Array.from({ length: 4 }, (_, index) => ({ ...clients[index % 2], id: `render_restart_${index}` }));
    const outputsBefore = (await readdir(join(dir, 'data', 'outputs'))).length;
    for (const render of renders) expect((await startExport(nodeUrl, render.token, render.sessionId, render.id)).code).toBe(0);
    await kill(node);
    others.push(node);
    await bootNode();
    await Promise.all(renders.map((render) => delivered(render.token, render.id)));
    expect(await readdir(join(dir, 'data', 'outputs'))).toHaveLength(outputsBefore + renders.length);
  }, 300_000);

  it('Redis restarted (append-only file on): nothing acknowledged is lost, and the workers say they waited', async () => {
    const { token, sessionId } = await client(smallClip);
    const ids = ['render_redis_0', 'render_redis_1', 'render_redis_2'];
    for (const id of ids) expect((await startExport(nodeUrl, token, sessionId, id)).code).toBe(0);
    await kill(redis);
    others.push(redis);
    await until(() => workers.every((worker) => /Redis at .* is unreachable; retrying/.test(worker.output())), 'the workers to log the lost Redis', { context: () => workers.map((worker) => worker.output()).join('\n') });
    redis = await startRedis(dir, redisPort, true);
    await Promise.all(ids.map((id) => delivered(token, id)));
  }, 300_000);
});
