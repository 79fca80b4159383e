import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreFrames } from '../../src/media/frame-scores.js';
import { planEncode } from '../../src/media/plan-encode.js';
import { probe } from '../../src/media/probe.js';
import { progressSpan } from '../../src/media/progress-span.js';
import { qualityMeter } from '../../src/media/quality-meter.js';
import { referenceArgs, searchQuality } from '../../src/media/quality-search.js';
import { localFile, runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { makeClip } from '../helpers/clips.js';

describe('searchQuality on a real clip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'search-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('picks a higher CRF for "small" than for "visually-lossless" in at most three tries, and reuses what it measured', async () => {
    const meter = await qualityMeter();
    const info = await probe(await makeClip(dir, { width: 320, height: 240, seconds: 1, pattern: 'mandelbrot' }));
    const best = await searchQuality(planEncode({ quality: 'visually-lossless' }, info), info, 'visually-lossless', meter);
    const small = await searchQuality(planEncode({ quality: 'small' }, info), info, 'small', meter);
    expect(small.crf).toBeGreaterThan(best.crf);
    for (const result of [best, small]) {
      expect(result.metric).toBe(meter.metric);
      expect(result.probes.length).toBeLessThanOrEqual(3);
      expect(result.videoKbps).toBeGreaterThan(0);
      // The answer is the highest CRF tried that passed, or a CRF on the line between it and the
      // failing try above (an estimate, said so by `between`), or the lowest tried when none passed.
      const passes = result.probes.filter((p) => p.headroom >= 0).map((p) => p.crf);
      if (!result.passed) expect(result.crf).toBe(Math.min(...result.probes.map((p) => p.crf)));
      else if (!result.between) expect(result.crf).toBe(Math.max(...passes));
      else {
        expect(result.between[0]).toBe(Math.max(...passes));
        expect(result.crf).toBeGreaterThan(result.between[0]);
        expect(result.crf).toBeLessThan(result.between[1]);
        expect(result.probes.find((p) => p.crf === result.between?.[1])?.headroom).toBeLessThan(0);
      }
    }
    const again = await searchQuality(planEncode({ quality: 'small' }, info), info, 'small', meter);
    expect(again.reused).toBe(true);
    expect(again.crf).toBe(small.crf);
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
    const { frames } = await scoreFrames(
      { distorted: ['-i', localFile(encoded)], reference: ['-i', localFile(reference)] },
      { meter: { metric: 'ssim' }, subsample: 1, logFile: path.join(dir, 'ntsc.log'), frameCount: Math.round((samples.sampleSec * 30000) / 1001), span: progressSpan(undefined) },
    );
    expect(frames.length).toBeGreaterThan(40);
    expect(Math.min(...frames)).toBeGreaterThan(0.98);
  });
});
