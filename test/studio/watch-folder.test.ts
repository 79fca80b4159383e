import { copyFile, mkdir, readdir, rename, writeFile, open } from 'node:fs/promises';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type EngineEvent } from '../../src/engine/index.js';
import { isSkipped, watchFolder } from '../../src/studio/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';
import { probe } from '../../src/media/index.js';
import { until } from '../helpers/until.js';

const work = mkdtempSync(join(tmpdir(), 'watch-'));
let node: RenderNode;
let clip: string;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, audio: true, name: 'source.mp4' });
});
afterAll(() => node.close());


describe('isSkipped', () => {
  it.each([
    ['/in/clip.mp4', '/in/compressed', true, false],
    ['/in/.clip.mp4.partial', '/in/compressed', true, true],
    ['/in/clip.compressed.mp4', '/out', true, true],
    ['/in/clip.compressed (2).mp4', '/out', true, true],
    ['/in/movie.mkv.part', '/out', true, true],
    ['/in/movie.mp4.crdownload', '/out', true, true],
    ['/in/compressed/clip.mp4', '/in/compressed', true, true],
    ['/in/compressed', '/in/compressed', false, true],
    ['/in/holiday', '/in/compressed', false, false],
    ['/in/notes.txt', '/out', true, false],
  ])('%s (outputs in %s, file %s) → skipped %s', (path, outDir, isFile, skipped) => expect(isSkipped(path, outDir, isFile)).toBe(skipped));
});

describe('the watch folder', () => {
  it('compresses a file once it has finished arriving, skips its own outputs, and keeps going after a bad file', async () => {
    const dir = join(work, 'drop');
    const outDir = join(dir, 'compressed'); // inside the watched folder, as by default
    await mkdir(dir);
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store')), liveState: false, env: {} });
    const events: EngineEvent[] = [];
    engine.subscribe((event) => events.push(event));
    const watch = watchFolder(engine, { dir, outDir, goalText: 'under 300KB', settleMs: 300, incompleteMs: 3_000 });
    await watch.ready;
    try {
      // A copy that arrives in two parts with a pause between: taken only when whole.
      const bytes = readFileSync(clip);
      const handle = await open(join(dir, 'beach.mp4'), 'w');
      await handle.write(bytes.subarray(0, 1000));
      await new Promise((r) => setTimeout(r, 150));
      await handle.write(bytes.subarray(1000));
      await handle.close();
      await writeFile(join(dir, 'notes.mp4'), 'this is not a video');

      await until(async () => (await readdir(outDir).catch((): string[] => [])).includes('beach.compressed.mp4'), 'the output');
      await until(() => events.some((e) => e.name === 'error'), 'the bad file to be reported');
      const error = events.find((e) => e.name === 'error');
      expect(error?.name === 'error' && error.payload.message).toMatch(/video|format|MP4/i);

      // Dropped later, by a rename (how most tools finish a download): also taken.
      await copyFile(clip, join(work, 'later.tmp.mp4'));
      await rename(join(work, 'later.tmp.mp4'), join(dir, 'later.mp4'));
      await until(async () => (await readdir(outDir)).includes('later.compressed.mp4'), 'the second output');

      await new Promise((r) => setTimeout(r, 800)); // outputs settle: they must not come back as inputs
      expect(engine.jobs().map((job) => job.input.split('/').pop()).sort()).toEqual(['beach.mp4', 'later.mp4', 'notes.mp4']);
      expect((await readdir(outDir)).sort()).toEqual(['beach.compressed.mp4', 'later.compressed.mp4']);
      expect(readFileSync(join(dir, 'beach.mp4')).equals(bytes)).toBe(true);
    } finally {
      await watch.close();
      engine.close();
    }
  });

  it('takes a copy that pauses halfway only once it is whole, redoes a file that changes, and skips files whose output is up to date', async () => {
    const dir = join(work, 'paused');
    const outDir = join(dir, 'compressed');
    await mkdir(dir);
    const long = await makeClip(work, { seconds: 4, audio: true, name: 'long.mp4' });
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store-paused')), liveState: false, env: {} });
    const notices: string[] = [];
    engine.subscribe((event) => event.name === 'notice' && notices.push(event.payload.text));
    const watch = watchFolder(engine, { dir, outDir, goalText: 'under 300KB', settleMs: 300 });
    await watch.ready;
    try {
      const bytes = readFileSync(long);
      const handle = await open(join(dir, 'trip.mp4'), 'w');
      await handle.write(bytes.subarray(0, bytes.length >> 1));
      await until(() => notices.some((text) => text.startsWith('trip.mp4 does not read as a whole video yet')), 'the half file to be held');
      expect(engine.jobs()).toHaveLength(0);
      await handle.write(bytes.subarray(bytes.length >> 1));
      await handle.close();
      const output = join(outDir, 'trip.compressed.mp4');
      await until(() => engine.jobs().some((job) => job.status === 'done'), 'the whole file compressed');
      expect((await probe(output)).durationSec).toBeCloseTo(4, 0);

      // The same name copied over with another video: done again, the output replaced, not numbered.
      await copyFile(clip, join(dir, 'trip.mp4'));
      await until(() => engine.jobs().filter((job) => job.status === 'done').length === 2, 'the changed file redone');
      expect((await readdir(outDir)).filter((name) => !name.startsWith('.'))).toEqual(['trip.compressed.mp4']);
      expect((await probe(output)).durationSec).toBeCloseTo(1, 0);
    } finally {
      await watch.close();
    }

    // Watching again with --existing: trip.mp4's output is newer than it, so it is not redone.
    const again = watchFolder(engine, { dir, outDir, goalText: 'under 300KB', settleMs: 300, existing: true });
    await again.ready;
    try {
      await until(() => notices.some((text) => text.startsWith('trip.mp4 already has an up-to-date output')), 'the skip');
      expect(engine.jobs()).toHaveLength(2);
    } finally {
      await again.close();
      engine.close();
    }
  });
});
