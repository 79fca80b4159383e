import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRIAL_FLOOR, trialCanChange, tryFullFrame } from '../../src/media/frame-trial.js';
import { CLEAN_BPP_H264 } from '../../src/media/resolution-ladder.js';
import type { EncodePlan } from '../../src/media/types.js';
import { compress, planEncode, probe } from '../../src/media/index.js';
import type { MediaInfo } from '../../src/media/types.js';
import { makeClip } from '../helpers/clips.js';
import { notesText } from '../helpers/note-text.js';

// A screencast-like clip: fine static detail the calibrated bits-per-pixel rule would shrink, but
// that x264 keeps sharp at full size on very few bits (only the first frame costs much).
const work = mkdtempSync(join(tmpdir(), 'frame-trial-'));
const scratch = mkdtempSync(join(tmpdir(), 'frame-trial-tmp-'));
let still: string;
let info: MediaInfo;
const TARGET = 40_000;

beforeAll(async () => {
  process.env.TMPDIR = scratch; // the trial's samples go here, so "nothing left" is checked on our own folder
  still = await makeClip(work, { width: 1280, height: 720, seconds: 2, pattern: 'still', name: 'slides.mp4' });
  info = await probe(still);
});

describe('the full-frame trial', () => {
  it('leaves a plan alone when the planner did not shrink it', async () => {
    const plan = planEncode({ targetBytes: info.sizeBytes }, info);
    expect(plan.fullFrame).toBeUndefined();
    expect(await tryFullFrame(plan, info)).toBe(plan);
  });

  it('keeps the full frame for static detail the bits-per-pixel rule would shrink, and says why', async () => {
    const plan = planEncode({ targetBytes: TARGET }, info);
    expect(plan.width).toBeLessThan(1280); // the calibrated rule alone shrinks it
    expect(plan.fullFrame).toEqual({ width: 1280, height: 720, fps: 25 });
    const tried = await tryFullFrame(plan, info);
    expect([tried.width, tried.height, tried.fps]).toEqual([1280, 720, undefined]);
    expect(tried.videoKbps).toBe(plan.videoKbps);
    expect(notesText(tried.notes).at(-1)).toMatch(/Sample encodes kept the full 1280x720 .* SSIM 0\.\d+ against 0\.\d+ at \d+x\d+/);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('judges a halved frame rate on every frame, its repeats included', async () => {
    // Every other frame of the full rate is exactly the halved rate's kept frames: scored on those
    // alone, the halved rate (twice the bits a frame) would win against motion it dropped.
    const moving = await makeClip(work, { width: 320, height: 240, seconds: 2, fps: 30 });
    const movingInfo = await probe(moving);
    const base = planEncode({ targetBytes: movingInfo.sizeBytes / 4 }, movingInfo);
    const halved: EncodePlan = { ...base, mode: 'bitrate', codec: 'h264', encoder: 'libx264', preset: 'medium', width: 320, height: 240, fps: 15, videoKbps: 400, fullFrame: { width: 320, height: 240, fps: 30 } };
    const tried = await tryFullFrame(halved, movingInfo);
    expect(tried.fps).toBeUndefined();
    expect(notesText(tried.notes).at(-1)).toMatch(/Sample encodes kept the full 320x240/);
  });

  it('compress() lands the full frame under the target', async () => {
    const result = await compress(still, { targetBytes: TARGET }, { outDir: join(work, 'out') });
    expect(result.bytes).toBeLessThanOrEqual(TARGET);
    const out = await probe(result.output);
    expect([out.video?.displayWidth, out.video?.displayHeight]).toEqual([1280, 720]);
  });
});

/** A bitrate plan the ladder shrank from 1280x720 at 25 fps to 640x360, with `share` of the clean bits per pixel at the full frame. */
function shrunk(share: number, over: Partial<EncodePlan> = {}): EncodePlan {
  const full = { width: 1280, height: 720, fps: 25 };
  const videoKbps = (share * CLEAN_BPP_H264 * full.width * full.height * full.fps) / 1000;
  return {
    mode: 'bitrate', codec: 'h264', encoder: 'libx264', container: 'mp4', width: 640, height: 360, videoKbps, fullFrame: full,
    audio: { mode: 'none' }, durationSec: 30, toneMap: false, notes: [], ...over,
  } as EncodePlan;
}

describe('when a frame trial can change the plan (table)', () => {
  it.each([
    ['the GNOME screencast at 25 % (0.127 of the clean bits; the full frame won)', shrunk(0.127), true],
    ['just at the floor', shrunk(TRIAL_FLOOR * 1.001), true],
    ['Big Buck Bunny at 25 % (0.061; the full frame lost)', shrunk(0.061), false],
    ['2 % of a clip (0.014)', shrunk(0.014), false],
    ['nothing was shrunk', shrunk(0.5, { fullFrame: undefined }), false],
    ['a constant-quality plan', shrunk(0.5, { mode: 'crf' }), false],
    ['a hardware encoder', shrunk(0.5, { encoder: 'h264_nvenc' }), false],
    ['a slideshow (2 fps)', shrunk(0.5, { fps: 2 }), false],
  ])('%s', (_, plan, open) => {
    expect(trialCanChange(plan)).toBe(open);
  });
});
