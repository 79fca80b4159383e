import { spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chosenFfmpeg } from '../../src/media/locate.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

// The suite runs on the ffmpeg the product chooses: Debian's when CI has it (newer, SVT-AV1).
// The bundled 2018 build is what every `npm install` without one gets, so one whole compress runs
// on it here too (two-pass x264 under a size cap, SSIM, AAC), and neither path rots. When the
// bundled build is the chosen one, the rest of the suite already covers it.

const require = createRequire(import.meta.url);
const bundled = { ffmpeg: (require('@ffmpeg-installer/ffmpeg') as { path: string }).path, ffprobe: (require('@ffprobe-installer/ffprobe') as { path: string }).path };
const chosenIsBundled = chosenFfmpeg().ffmpeg === bundled.ffmpeg;
const bin = resolve('bin/compressor-studio.js');

describe.skipIf(chosenIsBundled)('the bundled ffmpeg, when another one is chosen', () => {
  it('compresses under a size cap with COMPRESSOR_FFMPEG/COMPRESSOR_FFPROBE naming it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'bundled-'));
    const clip = await makeClip(work, { name: 'bundled.mp4', audio: true, seconds: 2 });
    const env = isolatedEnv(work, { COMPRESSOR_FFMPEG: bundled.ffmpeg, COMPRESSOR_FFPROBE: bundled.ffprobe });
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, [bin, 'run', clip, '-g', 'under 120KB', '-o', join(work, 'out'), '--json'], { env });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (err += chunk));
      child.on('close', (exit) => done({ code: exit, stdout: out, stderr: err }));
    });
    expect([code, stderr]).toEqual([0, '']);
    const done = JSON.parse(stdout.trim().split('\n').at(-1)!) as { results: { output: string; bytes: number }[] };
    expect(done.results).toHaveLength(1);
    expect(statSync(done.results[0].output).size).toBe(done.results[0].bytes);
    expect(done.results[0].bytes).toBeLessThanOrEqual(120_000);
  });
});
