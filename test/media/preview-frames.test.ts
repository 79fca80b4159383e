import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFrames } from '../../src/media/preview-frames.js';
import { makeClip } from '../helpers/clips.js';
import { until } from '../helpers/until.js';

let root: string;
let scratch: string;
let source: string;
let output: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'preview-'));
  scratch = path.join(root, 'tmp');
  await mkdir(scratch);
  source = await makeClip(root, { width: 320, height: 240, seconds: 1, name: 'source.mp4' });
  // An "output" of another shape: a 16:9 frame beside the 4:3 source.
  output = await makeClip(root, { width: 320, height: 180, seconds: 1, name: 'output.mp4' });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('previewFrames', () => {
  it('grabs frames of both at the same moments, one height, each its own shape, and leaves no temp files', async () => {
    const pairs = await previewFrames(source, output, { count: 2, maxPairWidth: 62, maxHeight: 40, scratchDir: scratch });
    expect(pairs.map((p) => p.atSec)).toEqual([0.25, 0.75]);
    for (const { source: s, output: o } of pairs) {
      // 62 px across two shapes (4:3 + 16:9) gives a height of 20; the widths follow each shape.
      expect([s.width, s.height, o.width, o.height]).toEqual([26, 20, 36, 20]);
      expect(s.data.length).toBe(26 * 20 * 3);
      expect(o.data.length).toBe(36 * 20 * 3);
      expect(Math.max(...s.data)).toBeGreaterThan(100); // a picture, not a black frame
    }
    expect(await readdir(scratch)).toEqual([]);
  });

  it('leaves no temp files when it is cancelled', async () => {
    const controller = new AbortController();
    const pending = previewFrames(source, output, { count: 3, maxPairWidth: 62, maxHeight: 40, scratchDir: scratch, signal: controller.signal });
    // Cancelled mid-way: once its temp folder exists, while ffmpeg grabs frames.
    await until(async () => (await readdir(scratch)).length > 0, 'the temp folder', { everyMs: 5 });
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await readdir(scratch)).toEqual([]);
  });
});
