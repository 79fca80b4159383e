import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServeQueue } from '../../src/queue/serve-queue.js';
import { makeClip } from '../helpers/clips.js';
import { newSession, startExport, startTestNode, upload, waitForRender } from '../server/node-harness.js';
import { freePort, hasRedis, kill, startRedis, type Proc } from './cluster.js';

// `serve --queue` with one worker taking one job at a time, on a real Redis: the node hands every
// render over at once, so a render behind another waits in BullMQ, not in the node. The client
// must read that wait as such (pending, its place in the workers' line), not as 'processing 0 %'.

type Started = Awaited<ReturnType<typeof startTestNode>>;
let dir: string;
let redis: Proc;
let node: Started;
let stopWorkers: () => Promise<void>;

describe.skipIf(!hasRedis)('a render waiting for a worker', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'queue-waiting-'));
    const port = await freePort();
    redis = await startRedis(dir, port);
    const dataDir = join(dir, 'data');
    const queue = await openServeQueue({ redis: { host: '127.0.0.1', port, db: 0 }, dataDir, localWorkers: 1, stallSeconds: 5, log: () => {} });
    node = await startTestNode({ dataDir, backend: queue.backend });
    stopWorkers = await queue.startLocalWorkers(node.node.url);
  }, 120_000);

  afterAll(async () => {
    await stopWorkers?.();
    await node?.cleanup();
    if (redis) await kill(redis);
    await rm(dir, { recursive: true, force: true });
  });

  it('is pending with its place in the workers’ line, then runs and completes', async () => {
    const base = node.node.url;
    const long = await makeClip(dir, { width: 640, height: 360, seconds: 6, pattern: 'mandelbrot', name: 'long.mp4' });
    const short = await makeClip(dir, { width: 160, height: 120, seconds: 1, name: 'short.mp4' });
    const first = await newSession(base);
    await upload(base, first.token, first.sessionId, [long]);
    const second = await newSession(base);
    await upload(base, second.token, second.sessionId, [short]);
    expect((await startExport(base, first.token, first.sessionId, 'render_first')).code).toBe(0);
    await waitForRender(base, first.token, 'render_first', (data) => data.status === 'processing' && data.progress > 0);
    expect((await startExport(base, second.token, second.sessionId, 'render_second')).code).toBe(0);
    const waiting = await waitForRender(base, second.token, 'render_second', (data) => data.queue_position !== undefined || data.status !== 'pending');
    expect(waiting).toMatchObject({ status: 'pending', progress: 0, queue_position: 1 });
    const done = await waitForRender(base, second.token, 'render_second');
    expect(done.status, done.error).toBe('completed');
    expect(done.queue_position).toBeUndefined();
    expect((await waitForRender(base, first.token, 'render_first')).status).toBe('completed');
  }, 300_000);
});
