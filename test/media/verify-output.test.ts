import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanceledError } from '../../src/errors.js';
import { locateFfmpeg } from '../../src/media/locate.js';
import { planEncode } from '../../src/media/plan-encode.js';
import { probe } from '../../src/media/probe.js';
import { qualityMeter, type QualityMeter } from '../../src/media/quality-meter.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { checkPick, COPY_CHECK_FRAMES, formatQuality, outputQuality, PICKED_MAX_BYTES, qualityField, verifyOutput } from '../../src/media/verify-output.js';
import { encode } from '../../src/media/encode.js';
import { checkSubsample, comparedFrames, REPORT_FRAMES } from '../../src/media/frame-scores.js';
import { copyFile } from 'node:fs/promises';
import { makeClip } from '../helpers/clips.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'verify-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('quality wording (table)', () => {
  it.each([
    [{ metric: 'vmaf' as const, mean: 96.149 }, 'VMAF 96.1', { vmaf: 96.15 }],
    [{ metric: 'ssim' as const, mean: 0.993149 }, 'SSIM 0.9931', { ssim: 0.9931 }],
  ])('%j', (quality, words, field) => {
    expect(formatQuality(quality)).toBe(words);
    expect(qualityField(quality)).toEqual(field);
  });
});

describe('verifyOutput on a real encode', () => {
  it('scores a downscaled output against the source scaled the same way; a meter that cannot read it falls back to SSIM', async () => {
    const source = await makeClip(dir, { width: 640, height: 360, seconds: 1, pattern: 'mandelbrot' });
    const info = await probe(source);
    const plan = { ...planEncode({ quality: 'high', resolution: 240 }, info), crf: 20 };
    const output = path.join(dir, 'out.mp4');
    await runFfmpeg(['-y', '-i', source, '-vf', `scale=${plan.width}:${plan.height}`, '-c:v', 'libx264', '-crf', '20', '-pix_fmt', 'yuv420p', output]);
    const meter = await qualityMeter();
    const scores = await verifyOutput(output, plan, info, meter);
    expect(scores?.metric).toBe(meter.metric);
    const quality = outputQuality(scores!);
    expect(quality.frames).toBeGreaterThanOrEqual(6);
    expect(quality.mean).toBeGreaterThan(meter.metric === 'vmaf' ? 85 : 0.95);

    const broken: QualityMeter = { metric: 'vmaf', tools: { ...locateFfmpeg(), ffmpeg: '/bin/false' }, filterOption: 'model=version=none' };
    expect((await verifyOutput(output, plan, info, broken))?.metric).toBe('ssim');

    const controller = new AbortController();
    controller.abort();
    await expect(verifyOutput(output, plan, info, meter, { signal: controller.signal })).rejects.toBeInstanceOf(CanceledError);
  });
});

describe('verifyOutput on a copy', () => {
  it('scores the first frames only: the packets are the source\'s own', async () => {
    const source = await makeClip(dir, { width: 320, height: 240, seconds: 4, pattern: 'mandelbrot', name: 'long-copy.mp4' });
    const info = await probe(source);
    const plan = planEncode({ targetBytes: info.sizeBytes * 2 }, info);
    expect(plan.mode).toBe('copy');
    const output = path.join(dir, 'copied.mp4');
    await copyFile(source, output);
    const meter = await qualityMeter();
    const scores = await verifyOutput(output, plan, info, meter);
    expect(scores?.frames).toHaveLength(COPY_CHECK_FRAMES);
    // Identical frames: as high as the metric goes on this picture.
    expect(outputQuality(scores!).mean).toBeGreaterThan(meter.metric === 'vmaf' ? 95 : 0.999);
  });
});

describe('frames pass 1 picks for the check (table)', () => {
  const video = { codec: 'h264', width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, displayAspect: 16 / 9, rotation: 0, avgFps: 30, realFps: 30, variableFrameRate: false, pixFmt: 'yuv420p', bitDepth: 8 };
  const at = (durationSec: number) => ({ path: '/in.mp4', container: 'mp4', durationSec, sizeBytes: 50e6, bitrate: 8e6, video });
  it.each([
    ['a 20 s clip, every 25th frame with its neighbours', 20, 2e6, 'vmaf', { every: 25, select: 'lt(mod(n+1\\,25)\\,3)' }],
    ['SSIM takes the scored frames alone', 20, 2e6, 'ssim', { every: 25, select: 'not(mod(n\\,25))' }],
    ['a short clip: every frame goes, libvmaf skips', 2, 2e6, 'vmaf', { every: 2 }],
    ['a copy has no pass 1', 20, 100e6, 'vmaf', undefined],
  ] as const)('%s', (_label, seconds, targetBytes, metric, expected) => {
    const plan = planEncode({ targetBytes }, at(seconds));
    const report = (frames: number) => checkSubsample(frames, REPORT_FRAMES);
    expect(checkPick(plan, at(seconds), metric, '/c/frames.nut', report)).toEqual(expected && { file: '/c/frames.nut', metric, ...expected });
  });

  it('writes none that would take more than PICKED_MAX_BYTES uncompressed', () => {
    const plan = planEncode({ targetBytes: 20e6 }, at(20));
    expect([plan.width, plan.height]).toEqual([1920, 1080]);
    // The output check's budget: every 7th frame and its neighbours, 257 frames of 1080p (800 MB).
    expect(checkPick(plan, at(20), 'vmaf', '/f.nut')).toBeUndefined();
    expect(comparedFrames('vmaf', 7, 600) * 1920 * 1080 * 1.5).toBeGreaterThan(PICKED_MAX_BYTES);
    // The report's: every 25th, 74 frames (230 MB).
    expect(checkPick(plan, at(20), 'vmaf', '/f.nut', (frames) => checkSubsample(frames, REPORT_FRAMES))).toMatchObject({ every: 25 });
  });
});

describe('verifyOutput on the frames pass 1 picked', () => {
  it('scores them as it scores the source through the plan (a lower rate, a smaller frame), and falls back to the source when they are gone', async () => {
    const source = await makeClip(dir, { width: 640, height: 360, seconds: 3, pattern: 'mandelbrot', name: 'picked.mp4' });
    const info = await probe(source);
    const plan = planEncode({ targetBytes: 40_000, resolution: 240, fps: 15 }, info);
    expect(plan.fps).toBe(15);
    const meter = await qualityMeter();
    const file = path.join(dir, 'frames.nut');
    const every = (frames: number) => checkSubsample(frames, 8);
    const outcome = await encode(plan, info, { outDir: dir, pick: (ran) => checkPick(ran, info, meter.metric, file, every) });
    expect(outcome.picked).toMatchObject({ file, every: 5, metric: meter.metric });
    const picked = await verifyOutput(outcome.tempFile, outcome.plan, info, meter, { subsample: every, picked: outcome.picked });
    const fromSource = await verifyOutput(outcome.tempFile, outcome.plan, info, meter, { subsample: every });
    expect(picked?.frames).toHaveLength(9);
    picked!.frames.forEach((value, k) => expect(value).toBeCloseTo(fromSource!.frames[k], 2));
    await rm(file);
    expect(await verifyOutput(outcome.tempFile, outcome.plan, info, meter, { subsample: every, picked: outcome.picked })).toEqual(fromSource);
  });
});
