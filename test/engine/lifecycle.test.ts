import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine, type EngineEvent } from '../../src/engine/index.js';
import { handleText, processFile, StudioWatch } from '../../src/studio/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';

let node: RenderNode;
let clip: string;
const work = mkdtempSync(join(tmpdir(), 'engine-life-'));

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, audio: true, name: 'city timelapse.mp4' });
});
afterAll(() => node.close());

const engineFor = (name: string) => createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, name)), liveState: false, env: {} });

describe('the lifecycle against a real render node', () => {
  it('takes a file from token to a downloaded output under its target, raising typed events', async () => {
    const engine = engineFor('store-a');
    const events: EngineEvent[] = [];
    engine.subscribe((event) => events.push(event));
    const outDir = join(work, 'out-a');
    const result = await processFile(engine, clip, { goalText: 'compress this video to under 200KB', outDir });
    expect(result.output).toBe(join(outDir, 'city timelapse.compressed.mp4'));
    expect(statSync(result.output).size).toBe(result.bytes);
    expect(result.targetBytes).toBe(200_000);
    expect(result.bytes).toBeLessThanOrEqual(200_000);
    const names = new Set(events.map((e) => e.name));
    for (const name of ['auth', 'session', 'upload:progress', 'upload:done', 'message:done', 'render:queued', 'render:done', 'download:done', 'job:update'] as const) {
      expect(names, name).toContain(name);
    }
    expect(JSON.stringify(events)).not.toContain(defaultStore(join(work, 'store-a')).token(node.url)?.token);
    expect(engine.jobs()[0]).toMatchObject({ status: 'done', output: result.output });
    expect(defaultStore(join(work, 'store-a')).jobs()[0]).toMatchObject({ status: 'done', output: result.output });
  });

  it('never overwrites: a second run of the same file lands as " (2)"', async () => {
    const engine = engineFor('store-b');
    const outDir = join(work, 'out-b');
    const first = await processFile(engine, clip, { goalText: 'compress this video', outDir });
    const second = await processFile(engine, clip, { goalText: 'compress this video', outDir });
    expect(second.output).toBe(join(outDir, 'city timelapse.compressed (2).mp4'));
    expect(statSync(first.output).size).toBeGreaterThan(0);
  });

  it('reuses the stored token on the next start instead of asking for another', async () => {
    const store = defaultStore(join(work, 'store-c'));
    const first = createEngine({ apiBase: node.url, accessKey: node.accessKey, store, liveState: false, env: {} });
    await first.connect();
    const token = store.token(node.url);
    const second = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store-c')), liveState: false, env: {} });
    const sources: string[] = [];
    second.on('auth', (auth) => auth.source && sources.push(auth.source));
    await second.connect();
    expect(sources).toEqual(['stored']);
    expect(store.token(node.url)).toEqual(token);
    expect((await second.credits()).available).toBeGreaterThan(0);
  });

  it('shows the timeline and answers a chat turn in a studio session', async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store-d')), liveState: false, env: {} });
    await engine.upload([clip]);
    const turn = await engine.send('make it fit discord');
    expect(turn.confirmed).toBe(true);
    expect(turn.text + (turn.note ?? '')).not.toBe('');
    // The node's plan step arrives typed, and the export is asked for by it, not by the wording.
    expect(turn.plan).toEqual([expect.objectContaining({ name: 'city timelapse.mp4', codec: 'h264', container: 'mp4', encoder: expect.any(String) })]);
    expect(turn.actions).toEqual([{ kind: 'export' }]);
    const state = await engine.state();
    expect(state.draft?.t.some((track) => track.tt === 0 && track.sg.length === 1)).toBe(true);
    engine.close();
  });

  it("with auto-export on, exports by itself when the turn's typed plan names a video", async () => {
    const engine = engineFor('store-auto');
    const outDir = join(work, 'out-auto');
    await handleText(engine, '"city timelapse.mp4" make it under 150KB', { outDir, autoExport: true, cwd: work, watch: new StudioWatch(engine) });
    expect(readdirSync(outDir)).toEqual(['city timelapse.compressed.mp4']);
    expect(statSync(join(outDir, 'city timelapse.compressed.mp4')).size).toBeLessThanOrEqual(150_000);
    engine.close();
  });

  it('routes what the user types in the studio: a path uploads, status summarises, credits and export skip the chat', async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store-e')), liveState: false, env: {} });
    const events: EngineEvent[] = [];
    engine.subscribe((event) => events.push(event));
    const outDir = join(work, 'out-e');
    const options = { outDir, autoExport: false, cwd: work, watch: new StudioWatch(engine) };
    await handleText(engine, '"city timelapse.mp4" make it under 150KB', options);
    await handleText(engine, 'show tracks', options);
    await handleText(engine, 'credits', options);
    await handleText(engine, 'export', options);
    const names = events.map((e) => e.name);
    expect(names.filter((n) => n === 'upload:done')).toHaveLength(1);
    expect(names.filter((n) => n === 'message:done')).toHaveLength(1);
    expect(names).toContain('credits');
    const notices = events.flatMap((e) => (e.name === 'notice' ? [e.payload.text] : []));
    expect(notices).toContainEqual(expect.stringMatching(/^Timeline: 1\. Video: city timelapse\.mp4 \(0-1s\)/));
    expect(readdirSync(outDir)).toEqual(['city timelapse.compressed.mp4']);
    expect(statSync(join(outDir, 'city timelapse.compressed.mp4')).size).toBeLessThanOrEqual(150_000);
    engine.close();
  });

  it('keeps the timeline current while a studio session is open (live state)', async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store-f')), env: {}, liveState: { everyMs: 50, maxMs: 200 } });
    const drafts: number[] = [];
    engine.on('state', ({ state }) => drafts.push(state.draft?.t.find((track) => track.tt === 0)?.sg.length ?? 0));
    await engine.openSession();
    await engine.upload([clip]);
    await vi.waitFor(() => expect(drafts.at(-1)).toBe(1), { timeout: 10_000 });
    engine.close();
  });

  it('a batch: several files in one session export as a job and a file each', async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store-g')), env: {}, liveState: false });
    const second = await makeClip(work, { seconds: 1, name: 'harbour.mov', container: 'mov' });
    await engine.upload([clip, second]);
    const delivered = await engine.exportDraft({ outDir: join(work, 'out-g') });
    expect(delivered).toHaveLength(2);
    expect(readdirSync(join(work, 'out-g')).sort()).toEqual(['city timelapse.compressed.mp4', 'harbour.compressed.mp4']);
    expect(engine.jobs().map((job) => job.status)).toEqual(['done', 'done']);
    engine.close();
  });
});
