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
import { COPY_CHECK_FRAMES, formatQuality, outputQuality, qualityField, verifyOutput } from '../../src/media/verify-output.js';
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
