import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode, ENCODER_INFO_BYTES } from '../../src/media/encode.js';
import { withoutEncoderInfoArgs } from '../../src/media/encode-args.js';
import { planEncode } from '../../src/media/plan-encode.js';
import { probe } from '../../src/media/probe.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { makeClip } from '../helpers/clips.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'near-miss-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const frames = async (file: string) => (await runFfmpeg(['-i', file, '-map', '0:v', '-f', 'framemd5', '-'])).stdout.split('\n').filter((line) => /^\d/.test(line)).map((line) => line.split(',').at(-1));

describe('an output just over its size', () => {
  it('sheds x264\'s settings text, picture untouched', async () => {
    const source = await makeClip(dir, { width: 320, height: 240, seconds: 1, name: 'sei.mp4' });
    const info = await probe(source);
    const plan = planEncode({ targetBytes: 40_000 }, info);
    const out = path.join(dir, 'x264.mp4');
    await runFfmpeg(['-y', '-i', source, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', out]);
    const stripped = path.join(dir, 'stripped.mp4');
    await runFfmpeg(withoutEncoderInfoArgs(plan, out, stripped));
    expect((await stat(out)).size - (await stat(stripped)).size).toBeGreaterThan(ENCODER_INFO_BYTES);
    expect(await frames(stripped)).toEqual(await frames(out));
  });

  it('lands by leaving that text out, not by another pass', async () => {
    const source = await makeClip(dir, { width: 320, height: 240, seconds: 2, pattern: 'mandelbrot', name: 'miss.mp4' });
    const info = await probe(source);
    const plan = planEncode({ targetBytes: 60_000 }, info);
    const first = await encode(plan, info, { outDir: path.join(dir, 'first') });
    expect(first.attempts).toBe(1);
    // x264 is deterministic: the same plan makes the same bytes, now 100 over the target.
    const tight = { ...first.plan, targetBytes: first.bytes - 100 };
    const again = await encode(tight, info, { outDir: path.join(dir, 'again') });
    expect(again.attempts).toBe(1);
    expect(again.bytes).toBeLessThanOrEqual(tight.targetBytes);
    expect(again.plan.notes.map((note) => note.code)).not.toContain('size-overshot');
    expect(await frames(again.tempFile)).toEqual(await frames(first.tempFile));
  });
});
