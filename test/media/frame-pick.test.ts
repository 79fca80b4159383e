import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparedFrames, framePick, scoreFrames } from '../../src/media/frame-scores.js';
import { progressSpan } from '../../src/media/progress-span.js';
import { qualityMeter } from '../../src/media/quality-meter.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { makeClip } from '../helpers/clips.js';

describe('which frames reach the metric (table)', () => {
  it.each([
    ['VMAF, every frame: nothing picked', 'vmaf', 1, undefined, 1],
    ['VMAF, every 2nd: the neighbours are every frame, libvmaf skips', 'vmaf', 2, undefined, 2],
    ['VMAF, every 3rd: still every frame', 'vmaf', 3, undefined, 3],
    ['VMAF, every 4th: frames 0, 1, 3, 4, 5, 7, 8, 9…, every 3rd of them scored', 'vmaf', 4, 'lt(mod(n+1\\,4)\\,3)', 3],
    ['VMAF, every 21st', 'vmaf', 21, 'lt(mod(n+1\\,21)\\,3)', 3],
    ['SSIM, every frame', 'ssim', 1, undefined, 1],
    ['SSIM, every 9th: those alone', 'ssim', 9, 'not(mod(n\\,9))', 1],
  ] as const)('%s', (_, metric, every, select, nSubsample) => {
    expect(framePick(metric, every)).toEqual({ ...(select ? { select } : {}), nSubsample });
  });

  it.each([
    ['every frame', 'vmaf', 1, 40, 40],
    ['VMAF every 3rd keeps all', 'vmaf', 3, 40, 40],
    ['VMAF every 10th: 0, 1, 9, 10, 11, 19…', 'vmaf', 10, 40, 12],
    ['SSIM every 9th', 'ssim', 9, 40, 5],
  ] as const)('the progress counts the frames that reach the metric: %s', (_, metric, every, frames, compared) => {
    expect(comparedFrames(metric, every, frames)).toBe(compared);
  });

  it.each([4, 5, 9, 21])('every %ith VMAF: the picked frames put each scored one at a multiple of 3, between its true neighbours', (every) => {
    const frames = 10 * every + 2;
    // The select expression, evaluated as ffmpeg would (lt(mod(n+1, every), 3)).
    const picked = Array.from({ length: frames }, (_, n) => n).filter((n) => (n + 1) % every < 3);
    const scored = picked.filter((_, index) => index % framePick('vmaf', every).nSubsample === 0);
    expect(comparedFrames('vmaf', every, frames)).toBe(picked.length);
    expect(scored).toEqual(Array.from({ length: Math.ceil(frames / every) }, (_, k) => k * every));
    for (const frame of scored.slice(1)) expect(picked.slice(picked.indexOf(frame) - 1, picked.indexOf(frame) + 2)).toEqual([frame - 1, frame, frame + 1].filter((n) => n < frames));
  });
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'frame-pick-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scoring picked frames on a real encode', () => {
  it('gives the scored frames the scores they get when every frame is scored, the scaling done on the picked frames', async () => {
    const source = await makeClip(dir, { width: 320, height: 180, seconds: 2, pattern: 'testsrc2' });
    const output = path.join(dir, 'out.mp4');
    await runFfmpeg(['-y', '-i', source, '-vf', 'fps=20,scale=160:90', '-c:v', 'libx264', '-crf', '30', '-pix_fmt', 'yuv420p', output]);
    const meter = await qualityMeter();
    const score = (subsample: number) =>
      scoreFrames(
        { distorted: ['-i', output], reference: ['-i', source], referenceRate: 'fps=20', referenceFilter: 'scale=160:90' },
        { meter, subsample, logFile: path.join(dir, `scores${subsample}.log`), frameCount: 40, span: progressSpan(undefined) },
      );
    const every = await score(1);
    expect(every.frames).toHaveLength(40);
    const picked = await score(5);
    expect(picked.frames).toHaveLength(8);
    picked.frames.forEach((value, k) => expect(value).toBeCloseTo(every.frames[5 * k], 3));
  });

  it('scores a frame bigger than 1080p at the 1080p its VMAF model was made for', async () => {
    const meter = await qualityMeter();
    if (meter.metric !== 'vmaf') return expect(meter.metric).toBe('ssim');
    const source = await makeClip(dir, { width: 2560, height: 1440, seconds: 0.12, pattern: 'testsrc2' });
    const output = path.join(dir, 'big.mp4');
    await runFfmpeg(['-y', '-i', source, '-c:v', 'libx264', '-crf', '35', '-pix_fmt', 'yuv420p', output]);
    const score = (name: string, inputs: Partial<Parameters<typeof scoreFrames>[0]>) =>
      scoreFrames(
        { distorted: ['-i', output], reference: ['-i', source], ...inputs },
        { meter, subsample: 1, logFile: path.join(dir, `${name}.log`), frameCount: 3, span: progressSpan(undefined) },
      );
    const sized = await score('sized', { size: { width: 2560, height: 1440 } });
    const byHand = await score('by-hand', { distortedFilter: 'scale=1920:1080:flags=bicubic', referenceFilter: 'scale=1920:1080:flags=bicubic' });
    const native = await score('native', {});
    expect(sized.frames).toHaveLength(3);
    sized.frames.forEach((value, k) => expect(value).toBeCloseTo(byHand.frames[k], 3));
    expect(sized.frames).not.toEqual(native.frames);
  });
});
