import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Job } from '../../src/engine/index.js';
import { processFile } from '../../src/studio/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';
import { until } from '../helpers/until.js';
import { newSession, rememberKey, startExport, upload, waitForRender } from '../server/node-harness.js';

// A real node on loopback rendering one job at a time: a second render waits behind the first,
// and the node says so (pending, its place in line) instead of a render stuck at 0 %; the engine
// shows it queued, with no ETA, until it starts.

let dir: string;
let node: RenderNode;
let long: string;
let short: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'queued-renders-'));
  node = await startRenderNode({ dataDir: join(dir, 'node'), concurrency: 1 });
  rememberKey(node.url, node.accessKey);
  // Long enough that the first render surely still runs when the second arrives.
  long = await makeClip(dir, { width: 640, height: 360, seconds: 6, pattern: 'mandelbrot', name: 'long.mp4' });
  short = await makeClip(dir, { width: 160, height: 120, seconds: 1, name: 'short.mp4' });
}, 120_000);

afterAll(async () => {
  await node?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a render waiting behind another', () => {
  it('is pending with its place in line on the wire, then runs and completes', async () => {
    const base = node.url;
    const first = await newSession(base);
    await upload(base, first.token, first.sessionId, [long]);
    const second = await newSession(base);
    await upload(base, second.token, second.sessionId, [short]);
    const started = await startExport(base, first.token, first.sessionId, 'render_first');
    // The first starts at once: accepted (pending) with no place.
    expect(started.data).toEqual({ id: 'render_first', status: 'pending', progress: 0 });
    await waitForRender(base, first.token, 'render_first', (data) => data.status === 'processing');
    const queued = await startExport(base, second.token, second.sessionId, 'render_second');
    expect(queued.data).toEqual({ id: 'render_second', status: 'pending', progress: 0, queue_position: 1 });
    const polled = await waitForRender(base, second.token, 'render_second', () => true);
    expect(polled).toMatchObject({ status: 'pending', progress: 0, queue_position: 1 });
    const done = await waitForRender(base, second.token, 'render_second');
    expect(done.status, done.error).toBe('completed');
    expect(done.queue_position).toBeUndefined();
    expect((await waitForRender(base, first.token, 'render_first')).status).toBe('completed');
  }, 300_000);

  it('shows as queued (1st in line) with no ETA in the engine, then renders', async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(dir, 'store')), env: {}, liveState: false, pollMs: 50 });
    const seen: Job[] = [];
    engine.subscribe((event) => {
      if (event.name === 'job:update') seen.push(event.payload);
    });
    const outDir = join(dir, 'out');
    const firstDone = processFile(engine, long, { goalText: 'make it 240p', outDir });
    await until(() => seen.some((job) => job.input === long && job.status === 'rendering' && job.fraction > 0), 'the first render to run', { ms: 120_000 });
    const secondDone = processFile(engine, short, { goalText: 'make it 240p', outDir });
    await Promise.all([firstDone, secondDone]);
    const second = seen.filter((job) => job.input === short);
    const waiting = second.filter((job) => job.status === 'queued' && job.place !== undefined);
    expect(waiting.length, JSON.stringify(second.map((job) => [job.status, job.place, job.etaSec]))).toBeGreaterThan(0);
    expect(waiting.every((job) => job.place === 1 && job.etaSec === undefined && job.fraction === 0)).toBe(true);
    // After the wait: the render itself, then delivered.
    const afterWait = second.slice(second.indexOf(waiting[waiting.length - 1]) + 1);
    expect(afterWait.some((job) => job.status === 'rendering')).toBe(true);
    expect(second[second.length - 1].status).toBe('done');
    engine.close();
  }, 300_000);
});
