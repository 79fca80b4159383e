import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServeQueue } from '../../src/queue/serve-queue.js';
import { startWorker, type RenderWorker } from '../../src/queue/worker.js';
import { makeClip } from '../helpers/clips.js';
import { newSession, startExport, startTestNode, upload, waitForRender } from '../server/node-harness.js';
import { freePort, hasRedis, kill, startRedis, type Proc } from './cluster.js';

// A real node on loopback that only coordinates, a real Redis, and a worker the node refuses (it
// holds the wrong worker key): the 401 on its input fetch reaches the client as one sentence of
// the user's, while the worker's log keeps the job, the call and the status.

type Started = Awaited<ReturnType<typeof startTestNode>>;
let dir: string;
let clip: string;
let redis: Proc;
let node: Started;
let worker: RenderWorker;
let queue: Awaited<ReturnType<typeof openServeQueue>>;
const workerLines: string[] = [];
const nodeLines: string[] = [];

describe.skipIf(!hasRedis)('a worker the node refuses', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'worker-failures-'));
    clip = await makeClip(dir, { width: 160, height: 120, seconds: 1 });
    const port = await freePort();
    redis = await startRedis(dir, port);
    const dataDir = join(dir, 'data');
    queue = await openServeQueue({ redis: { host: '127.0.0.1', port, db: 0 }, dataDir, localWorkers: 0, stallSeconds: 5, log: (line) => nodeLines.push(line) });
    node = await startTestNode({ dataDir, backend: queue.backend });
    worker = await startWorker({ redis: { host: '127.0.0.1', port, db: 0 }, node: { base: node.node.url, key: 'not-the-worker-key' }, concurrency: 1, stallSeconds: 5, log: (line) => workerLines.push(line) });
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await node?.cleanup();
    if (redis) await kill(redis);
    await rm(dir, { recursive: true, force: true });
  });

  it('the client reads one human sentence without job ids, addresses or paths; the worker log has the details', async () => {
    const base = node.node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, [clip]);
    expect((await startExport(base, token, sessionId, 'render_refused')).code).toBe(0);
    const failed = await waitForRender(base, token, 'render_refused');
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe("A render worker could not get the video from the render node (the node did not accept the worker's key), so the render stopped.");
    // Nothing internal: no queue job id, no media id, no URL, no path.
    expect(failed.error).not.toMatch(/[0-9a-f]{32}|:\/\/|\/|render_refused/);
    const log = workerLines.join('\n');
    expect(log).toMatch(/job r[0-9a-f]{32}: input m_[0-9a-f]{32}: the node answered 401/);
    expect(log).toMatch(/job r[0-9a-f]{32}: failed: A render worker could not get the video/);
  }, 120_000);
});
