import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServeQueue } from '../../src/queue/serve-queue.js';
import { makeClip } from '../helpers/clips.js';
import { download, message, newSession, startExport, startTestNode, upload, waitForRender } from '../server/node-harness.js';
import { freePort, hasRedis, kill, startRedis, type Proc } from './cluster.js';

// `serve --queue` with its own worker (the default --local-workers 1) and no other: the node's render
// loop is one more worker, and what a client sees is what the in-process node shows.

type Started = Awaited<ReturnType<typeof startTestNode>>;
let dir: string;
let clip: string;
let redis: Proc;
let queued: Started;
let plain: Started;
let stopWorkers: () => Promise<void>;
let queue: Awaited<ReturnType<typeof openServeQueue>>;
const lines: string[] = [];

describe.skipIf(!hasRedis)('the node as its own worker', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-worker-'));
    clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
    const port = await freePort();
    redis = await startRedis(dir, port);
    const dataDir = join(dir, 'queued');
    queue = await openServeQueue({ redis: { host: '127.0.0.1', port, db: 0 }, dataDir, localWorkers: 1, stallSeconds: 5, log: (line) => lines.push(line) });
    queued = await startTestNode({ dataDir, backend: queue.backend });
    stopWorkers = await queue.startLocalWorkers(queued.node.url);
    plain = await startTestNode();
  });

  afterAll(async () => {
    await stopWorkers?.();
    await queued?.cleanup();
    await plain?.cleanup();
    if (redis) await kill(redis);
    await rm(dir, { recursive: true, force: true });
  });

  it('renders with no other worker, and the log says its own worker did it', async () => {
    const base = queued.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clip]);
    expect((await startExport(base, token, sessionId, 'render_local')).code).toBe(0);
    const done = await waitForRender(base, token, 'render_local');
    expect(done.status, done.error).toBe('completed');
    expect(Buffer.from(await (await download(done.output.url)).arrayBuffer()).length).toBe(done.output.size);
    // The encode as it ran comes back from the worker with the file, as on a node without the queue.
    expect(done.outputs[0].plan).toMatchObject({ codec: 'h264', width: 160, height: 120, encoder: expect.any(String) });
    expect(lines.join('\n')).toMatch(/local worker: job r[0-9a-f]+: done/);
  });

  it("a batch made by the worker reports each item's own progress, as the in-process node does", async () => {
    const base = queued.node.url;
    const clips = await Promise.all(['a.mp4', 'b.mp4'].map((name) => makeClip(dir, { width: 640, height: 360, seconds: 2, name })));
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, clips);
    await message(base, token, sessionId, 'make both 240p');
    expect((await startExport(base, token, sessionId, 'render_items')).code).toBe(0);
    // Polled until the worker's report (through Redis) shows the items apart: the first made or being made, the second waiting.
    const apart = await waitForRender(base, token, 'render_items', (data) => {
      if (data.status === 'completed' || data.status === 'failed') throw new Error('ended before its items were seen apart');
      return Array.isArray(data.items) && data.items[1]?.status === 'pending' && data.items[0]?.status !== 'pending';
    });
    expect(apart.items).toHaveLength(2);
    const done = await waitForRender(base, token, 'render_items');
    expect(done.status, done.error).toBe('completed');
    expect(done.items).toEqual([{ status: 'completed', progress: 100 }, { status: 'completed', progress: 100 }]);
  }, 300_000);

  it('a render that fails says the same sentence as on a node without the queue', async () => {
    const impossible = async (base: string) => {
      const { token, sessionId } = await newSession(base);
      const uploaded = await upload(base, token, sessionId, [clip]);
      const draft = { t: [{ tt: 0, sg: [{ id: 'a', src: uploaded.data.files[0].media_id, s: 0, d: 1000, m: {} }], m: {} }], d: 1000, m: { targetBytes: 2000 } };
      expect((await startExport(base, token, sessionId, 'render_impossible', draft)).code).toBe(0);
      return waitForRender(base, token, 'render_impossible');
    };
    const [viaQueue, inProcess] = await Promise.all([impossible(queued.node.url), impossible(plain.node.url)]);
    expect(viaQueue.status).toBe('failed');
    expect(viaQueue.error).toBe(inProcess.error);
  });

  it('a worker that stops mid-render hands the job straight back: the next worker completes it', async () => {
    const base = queued.node.url;
    const long = await makeClip(dir, { width: 640, height: 360, seconds: 8, pattern: 'mandelbrot', name: 'long.mp4' });
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [long]);
    expect((await startExport(base, token, sessionId, 'render_handed_back')).code).toBe(0);
    await waitForRender(base, token, 'render_handed_back', (data) => data.progress > 0);
    await stopWorkers();
    expect(lines.join('\n')).toMatch(/local worker: job r[0-9a-f]+: handed back to the queue/);
    // Not failed: back in the workers' line (said as pending, no longer a render at some %), and
    // not waiting out a lock: a new worker takes it at once.
    expect((await waitForRender(base, token, 'render_handed_back', (data) => data.status !== 'processing')).status).toBe('pending');
    stopWorkers = await queue.startLocalWorkers(base);
    const done = await waitForRender(base, token, 'render_handed_back');
    expect(done.status, done.error).toBe('completed');
  }, 300_000);

  it('worker calls need the worker key, reach only jobs the node waits for, and do not exist without --queue', async () => {
    const path = '/api/worker/jobs/r0123456789abcdef0123456789abcdef/media/m_x';
    expect((await fetch(queued.node.url + path)).status).toBe(401);
    expect((await fetch(queued.node.url + path, { headers: { 'x-access-key': 'not-the-worker-key' } })).status).toBe(401);
    const key = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, 'queued', 'worker-key.json'), 'utf8')).key as string;
    expect((await fetch(queued.node.url + path, { headers: { 'x-access-key': key } })).status).toBe(409);
    expect((await fetch(plain.node.url + path)).status).toBe(404);
  });
});
