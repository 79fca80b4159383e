import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFfmpeg } from '../../src/media/locate.js';
import { parseSsimStats, parseVmafLog, poolScores, scoreFrames, subsampleFor } from '../../src/media/frame-scores.js';
import { progressSpan } from '../../src/media/progress-span.js';
import { qualityMeter, vmafFrameSize, vmafModelOption } from '../../src/media/quality-meter.js';
import { localFile, runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { makeClip } from '../helpers/clips.js';

const OLD_HELP = 'Filter libvmaf\n  Calculate the VMAF between two video streams.\nlibvmaf AVOptions:\n  model_path        <string>     ..FV..... Set the model to be used for computing vmaf.\n  n_subsample       <int>\n';
const NEW_HELP = 'Filter libvmaf\nlibvmaf AVOptions:\n  model_path        <string>     ..FV.....P Set the model to be used for computing vmaf.\n  model             <string>     ..FV..... Set the model to be used for computing vmaf. (default "version=vmaf_v0.6.1")\n';

describe('which libvmaf option selects the model (table)', () => {
  it.each([
    ['libvmaf 1 loads the shipped file', OLD_HELP, '/pkg/vmaf/vmaf_v0.6.1.pkl', 'model_path=/pkg/vmaf/vmaf_v0.6.1.pkl'],
    ['libvmaf 1 without the shipped file cannot score', OLD_HELP, undefined, undefined],
    ['libvmaf 2 has the model built in', NEW_HELP, undefined, 'model=version=vmaf_v0.6.1'],
    ['no libvmaf at all', 'Unknown filter \'libvmaf\'.', '/pkg/vmaf.pkl', undefined],
  ])('%s', (_label, help, model, expected) => {
    expect(vmafModelOption(help, model)).toBe(expected);
  });

  it('escapes a model path with a colon for the filter graph', () => {
    expect(vmafModelOption(OLD_HELP, 'C:/pkg/vmaf.pkl')).toMatch(/^model_path=C\\+:\/pkg\/vmaf\.pkl$/);
  });
});

describe('the size VMAF scores a frame at (table)', () => {
  it.each([
    ['1080p fits its model\'s display', 1920, 1080, undefined],
    ['a smaller frame is scored as it is', 854, 480, undefined],
    ['upright 1080p fits too', 1080, 1920, undefined],
    ['4K is scored at 1080p', 3840, 2160, { width: 1920, height: 1080 }],
    ['an upright 4K phone at 1080x1920', 2160, 3840, { width: 1080, height: 1920 }],
    ['1440p, by its short side', 2560, 1440, { width: 1920, height: 1080 }],
    ['a wide frame, by its long side, even-sized', 3840, 1606, { width: 1920, height: 804 }],
    ['4:3 by its short side', 2048, 1536, { width: 1440, height: 1080 }],
  ] as const)('%s', (_label, width, height, expected) => {
    expect(vmafFrameSize(width, height)).toEqual(expected);
  });
});

describe('frame scores (table)', () => {
  it('parses libvmaf JSON logs and ssim stats files', () => {
    expect(parseVmafLog('{"version":"1.3.7","frames":[{"frameNum":0,"metrics":{"adm2":0.9,"vmaf":83.5}},{"frameNum":5,"metrics":{"vmaf":81.25}}]}')).toEqual([83.5, 81.25]);
    expect(parseVmafLog('{"frames":[]}')).toEqual([]);
    expect(parseSsimStats('n:1 Y:0.99 U:0.98 V:0.98 All:0.990000 (20.0)\nn:2 All:0.980000 (17.0)\n')).toEqual([0.99, 0.98]);
  });

  it.each([
    [[], { mean: 0, low: 0 }],
    [[90], { mean: 90, low: 90 }],
    [[...Array(19).fill(100), 50], { mean: 97.5, low: 50 }],
    [[...Array(39).fill(100), 50], { mean: 98.75, low: 100 }],
  ])('pools %j', (frames, expected) => {
    const pooled = poolScores(frames);
    expect(pooled.mean).toBeCloseTo(expected.mean, 6);
    expect(pooled.low).toBe(expected.low);
  });

  it.each([
    [5, 10, 1],
    [18, 10, 3],
    [77, 10, 10],
    [77, 4, 4],
    [1390, 10, 11],
  ])('%d frames, at most every %dth: every %dth', (frames, every, expected) => {
    expect(subsampleFor(frames, every)).toBe(expected);
  });
});

describe('the quality meter on this machine', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'meter-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('measures with VMAF wherever some ffmpeg here has libvmaf (the bundled one does), once per process', async () => {
    const first = qualityMeter();
    expect(qualityMeter()).toBe(first);
    const meter = await first;
    const bundledHasVmaf = bundledFfmpeg() !== undefined && (await runFfmpeg(['-filters'], { tools: { ffmpeg: bundledFfmpeg() as string, ffprobe: '' } })).stdout.includes(' libvmaf ');
    if (bundledHasVmaf) expect(meter.metric).toBe('vmaf');
  });

  it('scores a clip against itself near the top and a coarse encode of it lower, subsampled', async () => {
    const meter = await qualityMeter();
    const source = await makeClip(dir, { width: 320, height: 240, seconds: 1, pattern: 'mandelbrot' });
    const coarse = path.join(dir, 'coarse.mp4');
    await runFfmpeg(['-y', '-i', source, '-c:v', 'libx264', '-crf', '40', '-pix_fmt', 'yuv420p', coarse]);
    const score = (file: string, log: string) =>
      scoreFrames(
        { distorted: ['-i', localFile(file)], reference: ['-i', localFile(source)] },
        { meter, subsample: 5, logFile: path.join(dir, log), frameCount: 25, span: progressSpan(undefined) },
      );
    const same = await score(source, 'same.log');
    const worse = await score(coarse, 'coarse.log');
    expect(same.metric).toBe(meter.metric);
    expect(same.frames.length).toBe(5); // 25 frames, every 5th
    const top = meter.metric === 'vmaf' ? 97 : 0.999;
    expect(poolScores(same.frames).mean).toBeGreaterThan(top);
    expect(poolScores(worse.frames).mean).toBeLessThan(poolScores(same.frames).mean - (meter.metric === 'vmaf' ? 10 : 0.01));
  });
});
