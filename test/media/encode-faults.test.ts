import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../src/errors.js';
import { compress } from '../../src/media/compress.js';
import { locateFfmpeg } from '../../src/media/locate.js';
import { makeClip } from '../helpers/clips.js';

// The real ffmpeg behind a wrapper that injects the fault a flag file in the test's folder names: x264 refusing pass 2's bitrate
// as below what pass 1 says the picture needs (it does this for real at a few kbps), or an encode
// that ends early yet exits 0.
let root: string;
let scratch: string;
let real: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'encode-faults-'));
  scratch = path.join(root, 'tmp');
  await mkdir(scratch);
  real = locateFfmpeg().ffmpeg;
  const wrapper = path.join(root, 'ffmpeg');
  await writeFile(
    wrapper,
    `#!/usr/bin/env node
const args = process.argv.slice(2);
const fault = (name) => require('node:fs').existsSync(${JSON.stringify(root)} + '/fault-' + name);
if (fault('too-low') && args.some((arg, i) => arg === '-pass' && args[i + 1] === '2')) {
  process.stderr.write('[libx264 @ 0x1] requested bitrate is too low. estimated minimum is 40 kbps\\n');
  process.exit(1);
}
const output = args.findIndex((arg) => arg.includes('${path.sep}out${path.sep}'));
if (fault('short') && output >= 0) args.splice(output, 0, '-t', '0.3');
if (fault('sound') && args.includes('-vn')) {
  process.stderr.write('Error while opening encoder for output stream #0:0\\n');
  process.exit(1);
}
// A scratch disk that cannot take the frames pass 1 picks for the check (/dev/full: "No space left on device").
if (fault('frames') && args.at(-1).endsWith('.nut')) args[args.length - 1] = 'file:/dev/full';
if (args.includes('-pass')) require('node:fs').appendFileSync(${JSON.stringify(root)} + '/runs', args[args.indexOf('-pass') + 1] + '\\n');
if (fault('pass1') && args.some((arg, i) => arg === '-pass' && args[i + 1] === '1')) {
  process.stderr.write('Conversion failed!\\n');
  process.exit(1);
}
const run = require('node:child_process').spawnSync(${JSON.stringify('REAL')}, args, { stdio: 'inherit' });
process.exit(run.status ?? 1);
`.replace('"REAL"', JSON.stringify(real)),
  );
  await chmod(wrapper, 0o755);
  process.env.COMPRESSOR_FFMPEG = wrapper;
  process.env.TMPDIR = scratch;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('encode faults', () => {
  it('turns x264\'s "bitrate too low" into an impossible goal that names a size that works, leaving nothing', async () => {
    await writeFile(path.join(root, 'fault-too-low'), '');
    const clips = path.join(root, 'clips');
    const out = path.join(root, 'out');
    await mkdir(clips);
    const input = await makeClip(clips, { seconds: 1, audio: true });
    const error = await compress(input, { targetBytes: 20_000 }, { outDir: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ kind: 'impossible' });
    expect((error as MediaError).message).toMatch(/needs about 40 kbps, so the smallest this can be is about [\d.]+ KB/);
    // 20 KB already left the sound out: there is nothing to mute.
    expect((error as MediaError).hint).toMatch(/^Ask for at least [\d.]+ KB or trim it shorter\.$/);
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('fails an encode that ffmpeg ends "successfully" short of the plan, naming no temp file and leaving nothing', async () => {
    // As Debian's ffmpeg 5.1 does on a full disk with Matroska: exit 0, a short file.
    await rm(path.join(root, 'fault-too-low'), { force: true });
    await writeFile(path.join(root, 'fault-short'), '');
    try {
      const clips = path.join(root, 'clips-short');
      const out = path.join(root, 'short', 'out');
      await mkdir(clips);
      const input = await makeClip(clips, { seconds: 2, audio: true });
      const error = await compress(input, { resolution: 240 }, { outDir: out }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaError);
      expect(error).toMatchObject({ kind: 'failed' });
      expect((error as MediaError).message).toMatch(/^The encode stopped early: the output holds 0\.\d s of the planned 2\.0 s\.$/);
      expect(await readdir(out)).toEqual([]);
    } finally {
      await rm(path.join(root, 'fault-short'), { force: true });
    }
  });

  // The sound is encoded beside pass 1: either failing ends the other and leaves nothing.
  it.each([
    ['the sound', 'sound'],
    ['pass 1', 'pass1'],
  ])('fails the encode when %s fails beside the other, leaving nothing', async (_label, fault) => {
    await writeFile(path.join(root, `fault-${fault}`), '');
    try {
      const clips = path.join(root, `clips-${fault}`);
      const out = path.join(root, fault, 'out');
      await mkdir(clips);
      const input = await makeClip(clips, { width: 160, height: 120, seconds: 6, audio: true });
      await rm(path.join(root, 'runs'), { force: true });
      const error = await compress(input, { targetBytes: 60_000 }, { outDir: out }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaError);
      expect(error).toMatchObject({ kind: 'failed' });
      expect(await readdir(out)).toEqual([]);
      expect(await readdir(scratch)).toEqual([]);
      // A failure of its own is not run again (only running out of room for the check's frames is).
      if (fault === 'pass1') expect(await readFile(path.join(root, 'runs'), 'utf8')).toBe('1\n');
    } finally {
      await rm(path.join(root, `fault-${fault}`), { force: true });
    }
  });

  // /dev/full (a write there fails with ENOSPC) is Linux's.
  it.runIf(existsSync('/dev/full'))('runs pass 1 again without the frames for the check when it cannot write them, and checks on the source', async () => {
    await writeFile(path.join(root, 'fault-frames'), '');
    try {
      const clips = path.join(root, 'clips-frames');
      const out = path.join(root, 'frames', 'out');
      await mkdir(clips);
      const input = await makeClip(clips, { width: 160, height: 120, seconds: 2, audio: true });
      await rm(path.join(root, 'runs'), { force: true });
      const result = await compress(input, { targetBytes: 30_000 }, { outDir: out });
      expect(result.bytes).toBeLessThanOrEqual(30_000);
      expect((await readFile(path.join(root, 'runs'), 'utf8')).split('\n').slice(0, 2)).toEqual(['1', '1']);
      expect(result.quality?.frames).toBeGreaterThan(0);
      expect(await readdir(out)).toEqual([path.basename(result.output)]);
      expect(await readdir(scratch)).toEqual([]);
    } finally {
      await rm(path.join(root, 'fault-frames'), { force: true });
    }
  });
});
