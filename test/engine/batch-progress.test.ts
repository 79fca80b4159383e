import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Job } from '../../src/engine/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';
import { message, newSession, rememberKey, startExport, upload, waitForRender } from '../server/node-harness.js';

// The batch: each file keeps its own render progress and ETA. A real node on loopback
// makes a batch of three small clips one after another; its status answers give each item's own
// progress, and the engine's job for each file follows its own item (queued until it starts).

let dir: string;
let node: RenderNode;
let clips: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'batch-progress-'));
  node = await startRenderNode({ dataDir: join(dir, 'node'), concurrency: 1 });
  rememberKey(node.url, node.accessKey);
  // Big enough to encode for a while (each is scaled to 240p), small enough for 2 shared cores.
  clips = await Promise.all(['one.mp4', 'two.mp4', 'three.mp4'].map((name) => makeClip(dir, { width: 640, height: 360, seconds: 2, name })));
}, 120_000);

afterAll(async () => {
  await node?.close();
  await rm(dir, { recursive: true, force: true });
});

type WireItem = { status: string; progress: number };
const mean = (items: WireItem[]) => items.reduce((sum, item) => sum + item.progress, 0) / items.length;

describe('a batch render reports each item on its own', () => {
  it('gives each item its own progress in the status answer, beside the overall progress', async () => {
    const base = node.url;
    const { token, sessionId } = await newSession(base);
    await upload(base, token, sessionId, clips, ['one.mp4', 'two.mp4', 'three.mp4']);
    await message(base, token, sessionId, 'make all of them 240p');
    expect((await startExport(base, token, sessionId, 'render_items')).code).toBe(0);
    const seen: { progress: number; items: WireItem[] }[] = [];
    // Polled until the items stand apart (a condition, not a time): one made or being made while another waits.
    const apart = await waitForRender(base, token, 'render_items', (data) => {
      if (data.status === 'processing' && Array.isArray(data.items)) seen.push({ progress: data.progress, items: data.items });
      if (data.status === 'completed' || data.status === 'failed') throw new Error(`ended before its items were seen apart: ${JSON.stringify(seen)}`);
      return data.status === 'processing' && Array.isArray(data.items) && new Set(data.items.map((item: WireItem) => `${item.status} ${item.progress}`)).size > 1;
    });
    expect(apart.items).toHaveLength(3);
    // One at a time, in order: a later item never runs ahead of an earlier one.
    const order = ['completed', 'processing', 'pending'];
    for (const { items } of seen) {
      expect(items.map((item) => order.indexOf(item.status)), JSON.stringify(items)).toEqual([...items.map((item) => order.indexOf(item.status))].sort());
    }
    expect(apart.items[2]).toEqual({ status: 'pending', progress: 0 });
    // The overall progress is the items' mean (held under 100 until the files are in place).
    for (const { progress, items } of seen) expect(progress).toBe(Math.min(99, Math.floor(mean(items))));
    const done = await waitForRender(base, token, 'render_items');
    expect(done.status, done.error).toBe('completed');
    expect(done.progress).toBe(100);
    expect(done.items).toEqual([1, 2, 3].map(() => ({ status: 'completed', progress: 100 })));
    expect(done.outputs).toHaveLength(3);
  }, 300_000);

  it("gives each engine job its own item's fraction: later files wait queued, then start their own bar", async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(dir, 'store')), env: {}, liveState: false, pollMs: 50 });
    try {
      // Every job as it stood after each update.
      const latest = new Map<string, Job>();
      const moments: Map<string, Job>[] = [];
      engine.subscribe((event) => {
        if (event.name !== 'job:update') return;
        latest.set(event.payload.id, event.payload);
        moments.push(new Map(latest));
      });
      await engine.upload(clips);
      await engine.send('make all of them 240p');
      const delivered = await engine.exportDraft({ outDir: join(dir, 'out') });
      expect(delivered).toHaveLength(3);
      const jobs = engine.jobs();
      expect(jobs.map((job) => job.status)).toEqual(['done', 'done', 'done']);
      const [first, second, third] = jobs.map((job) => job.id);
      const story = JSON.stringify(moments.map((moment) => [first, second, third].map((id) => [moment.get(id)?.status, moment.get(id)?.fraction])));
      // The last file waited for its turn (queued, no place, no bar, no ETA) while the first rendered...
      const waiting = moments.find((moment) => moment.get(first)?.status === 'rendering' && moment.get(first)!.fraction > 0 && moment.get(third)?.status === 'queued');
      expect(waiting, story).toBeDefined();
      expect(waiting!.get(third)).toMatchObject({ fraction: 0, place: undefined, etaSec: undefined });
      // ...two files rendered at fractions of their own...
      const apart = moments.find((moment) => {
        const rendering = [first, second, third].map((id) => moment.get(id)).filter((job) => job?.status === 'rendering');
        return rendering.length > 1 && new Set(rendering.map((job) => job!.fraction)).size > 1;
      });
      expect(apart, story).toBeDefined();
      // ...and the last file's rendering phase began later, so its ETA is measured from its own start.
      const renderStart = (id: string) => moments.map((moment) => moment.get(id)).find((job) => job?.status === 'rendering' && job.fraction > 0)?.phaseStartedAt ?? Number.NaN;
      expect(renderStart(third)).toBeGreaterThan(renderStart(first));
    } finally {
      engine.close();
    }
  }, 300_000);
});
