import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEncode } from '../../src/media/plan-encode.js';
import { probe } from '../../src/media/probe.js';
import { chooseSamples, measureSsim, parseSsimStats, referenceArgs, searchQuality, SSIM_THRESHOLDS, worstChunkMean } from '../../src/media/quality-search.js';
import { progressSpan } from '../../src/media/progress-span.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { makeClip } from '../helpers/clips.js';

describe('quality search helpers (table)', () => {
  it.each([
    [0, 1, { starts: [0], sampleSec: 1 }],
    [0, 5, { starts: [1.75], sampleSec: 1.5 }],
    [10, 10, { starts: [10 + 2.5 - 0.75, 10 + 7.5 - 0.75], sampleSec: 1.5 }],
    [0, 60, { starts: [9.25, 29.25, 49.25], sampleSec: 1.5 }],
  ])('chooseSamples(%d, %d)', (start, duration, expected) => {
    const got = chooseSamples(start, duration);
    expect(got.sampleSec).toBe(expected.sampleSec);
    got.starts.forEach((s, i) => expect(s).toBeCloseTo(expected.starts[i], 6));
  });

  it('parses ffmpeg ssim stats and finds the worst sample', () => {
    const text = 'n:1 Y:0.99 U:0.98 V:0.98 All:0.990000 (20.0)\nn:2 Y:0.99 All:0.980000 (17.0)\nn:3 All:0.900000 (10)\nn:4 All:0.920000 (11)\n';
    const values = parseSsimStats(text);
    expect(values).toEqual([0.99, 0.98, 0.9, 0.92]);
    expect(worstChunkMean(values, 2)).toBeCloseTo(0.91, 6);
    expect(worstChunkMean(values, 1)).toBeCloseTo(0.9475, 6);
    expect(worstChunkMean([], 3)).toBe(0);
  });

  it('keeps the thresholds ordered: a better quality never asks for less', () => {
    expect(SSIM_THRESHOLDS['visually-lossless']).toBeGreaterThanOrEqual(SSIM_THRESHOLDS.high);
    expect(SSIM_THRESHOLDS.high).toBeGreaterThan(SSIM_THRESHOLDS.balanced);
    expect(SSIM_THRESHOLDS.balanced).toBeGreaterThan(SSIM_THRESHOLDS.small);
  });
});

describe('searchQuality on a real clip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'search-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('picks a higher CRF for "small" than for "high", each meeting its threshold when one did', async () => {
    const info = await probe(await makeClip(dir, { width: 320, height: 240, seconds: 1, pattern: 'mandelbrot' }));
    const high = await searchQuality(planEncode({ quality: 'high' }, info), info, 'high');
    const small = await searchQuality(planEncode({ quality: 'small' }, info), info, 'small');
    expect(small.crf).toBeGreaterThan(high.crf);
    for (const [result, threshold] of [[high, SSIM_THRESHOLDS.high], [small, SSIM_THRESHOLDS.small]] as const) {
      if (result.probes.some((p) => p.ssim >= threshold)) expect(result.ssim).toBeGreaterThanOrEqual(threshold);
      expect(result.probes.length).toBeLessThanOrEqual(3);
      expect(result.videoKbps).toBeGreaterThan(0);
    }
  });

  it('pairs every frame of a 29.97 fps sample with its own reference frame', async () => {
    // NTSC rates do not land on Matroska's milliseconds. A sample cut just after a frame starts
    // about one frame late; paired by time, every few frames then met a neighbour and scored ~0.93
    // on a near-lossless encode.
    const clip = path.join(dir, 'ntsc.mp4');
    await runFfmpeg(['-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30000/1001', '-t', '4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip]);
    const info = await probe(clip);
    const plan = planEncode({ quality: 'high' }, info);
    const samples = { starts: [(60 * 1001) / 30000 + 0.002], sampleSec: 1.5 };
    const reference = path.join(dir, 'ntsc-reference.mkv');
    await runFfmpeg(referenceArgs(plan, info, samples, reference));
    const encoded = path.join(dir, 'ntsc-crf10.mkv');
    await runFfmpeg(['-y', '-i', reference, '-c:v', 'libx264', '-crf', '10', '-pix_fmt', 'yuv420p', encoded]);
    const frames = await measureSsim(encoded, reference, { statsFile: path.join(dir, 'ntsc.log'), durationSec: samples.sampleSec, span: progressSpan(undefined) });
    expect(frames.length).toBeGreaterThan(40);
    expect(Math.min(...frames)).toBeGreaterThan(0.98);
  });
});
