import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { resumableJobs } from '../../src/engine/reattach.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore, type JobRecord } from '../../src/store/index.js';
import { processFile } from '../../src/studio/index.js';
import { makeClip } from '../helpers/clips.js';
import { until } from '../helpers/until.js';

// A studio that quits while its render runs on a node that outlives it (a `serve` node) leaves the
// render alone and keeps the job stored as running; the next engine on that store and node follows
// the render again and delivers its file, or, when the node has forgotten it, ends it interrupted.

let dir: string;
let clip: string;
const nodes: RenderNode[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reattach-'));
  // Slow enough that the render surely still runs when the first studio quits.
  clip = await makeClip(dir, { width: 640, height: 360, seconds: 5, pattern: 'mandelbrot', name: 'clip.mp4' });
}, 120_000);

afterAll(async () => {
  for (const node of nodes) await node.close();
  await rm(dir, { recursive: true, force: true });
});

async function startNode(name: string, options: { port?: number; accessKey?: string } = {}): Promise<RenderNode> {
  const node = await startRenderNode({ dataDir: join(dir, name), ...options });
  nodes.push(node);
  return node;
}

function engineOn(node: RenderNode, storeDir: string): Engine {
  return createEngine({ apiBase: node.url, accessKey: node.accessKey, storeKey: 'serve-node', store: defaultStore(storeDir), env: {}, liveState: false, pollMs: 50 });
}

/** Starts an export on `engine` and quits it the serve way once the node is rendering. Returns the job's id. */
async function quitWhileRendering(engine: Engine, outDir: string, goalText = 'make it 240p'): Promise<string> {
  const running = processFile(engine, clip, { goalText, outDir }).catch(() => undefined);
  await until(() => engine.jobs().some((job) => job.status === 'rendering' && job.fraction > 0), 'the render to run on the node', { ms: 120_000 });
  const id = engine.jobs()[0].id;
  engine.close({ leaveRenders: true });
  await running;
  return id;
}

describe('resumableJobs', () => {
  const resume = { node: 'serve-node', item: 0, items: 1, itemName: 'a.mp4', outDir: '/o' };
  const job = (id: string, more: Partial<JobRecord>): JobRecord => ({ id, input: 'a.mp4', status: 'rendering', renderId: 'r', resume, startedAt: 1, updatedAt: 1, ...more });

  it('picks the running jobs of this node that have a render to follow', () => {
    const stored = [
      job('running', {}),
      job('downloading', { status: 'downloading' }),
      job('done', { status: 'done' }),
      job('interrupted', { status: 'canceled', interrupted: true }),
      job('other node', { resume: { ...resume, node: 'elsewhere' } }),
      job('no render yet', { renderId: undefined }),
      job('before this version', { resume: undefined }),
    ];
    expect(resumableJobs(stored, 'serve-node').map((picked) => picked.id)).toEqual(['running', 'downloading']);
  });
});

describe('quitting with a render running on a serve node', () => {
  it('leaves the render running, and the next start re-attaches and delivers the whole file', async () => {
    const node = await startNode('node-a');
    const storeDir = join(dir, 'store-a');
    const outDir = join(dir, 'out-a');
    const id = await quitWhileRendering(engineOn(node, storeDir), outDir);

    const left = defaultStore(storeDir).jobs().find((job) => job.id === id);
    expect(left).toMatchObject({ status: 'rendering', resume: { node: 'serve-node', item: 0, items: 1, outDir } });
    expect(left?.renderId).toBeDefined();
    expect(left?.interrupted).toBeUndefined();

    const next = engineOn(node, storeDir);
    const seen: string[] = [];
    next.subscribe((event) => {
      if (event.name === 'job:update' && event.payload.id === id) seen.push(event.payload.status);
    });
    await next.reattach({ leftRunning: true });
    expect(seen[0]).toBe('rendering');
    const done = defaultStore(storeDir).jobs().find((job) => job.id === id);
    expect(done?.status, done?.error).toBe('done');
    expect(next.jobs().find((job) => job.id === id)?.status).toBe('done');
    // Whole: the size the job recorded, and nothing left over beside it.
    expect(done?.output).toBeDefined();
    expect((await stat(done?.output ?? '')).size).toBe(done?.bytes);
    expect(await readdir(outDir)).toEqual(['clip.compressed.mp4']);
    next.close();
  }, 300_000);

  it('ends the job interrupted when the node no longer knows the render', async () => {
    const node = await startNode('node-b');
    const storeDir = join(dir, 'store-b');
    const id = await quitWhileRendering(engineOn(node, storeDir), join(dir, 'out-b'));

    // The node restarts on the same address with its data wiped.
    const { port } = new URL(node.url);
    await node.close();
    nodes.splice(nodes.indexOf(node), 1);
    const wiped = await startNode('node-b-wiped', { port: Number(port), accessKey: node.accessKey });
    const next = engineOn(wiped, storeDir);
    await next.reattach({ leftRunning: true });
    const ended = defaultStore(storeDir).jobs().find((job) => job.id === id);
    expect(ended).toMatchObject({ status: 'canceled', interrupted: true, reason: 'the node restarted and no longer has its render' });
    next.close();
  }, 300_000);

  it("words the followed render's notes in the language its instruction was written in", async () => {
    const node = await startNode('node-c');
    const storeDir = join(dir, 'store-c');
    const id = await quitWhileRendering(engineOn(node, storeDir), join(dir, 'out-c'), '缩小到240p');
    expect(defaultStore(storeDir).jobs().find((job) => job.id === id)?.resume?.language).toBe('zh');

    // The next studio has sent nothing yet: only the job can say which language it was.
    const next = engineOn(node, storeDir);
    const notes: string[] = [];
    next.subscribe((event) => {
      if (event.name === 'notice' && event.payload.jobId === id) notes.push(event.payload.text);
    });
    await next.reattach({ leftRunning: true });
    expect(defaultStore(storeDir).jobs().find((job) => job.id === id)?.status).toBe('done');
    const planNotes = notes.filter((text) => !text.startsWith('still rendering on the node'));
    expect(planNotes.length).toBeGreaterThan(0);
    for (const text of planNotes) expect(text).toMatch(/[\u4e00-\u9fff]/);
    next.close();
  }, 300_000);
});
