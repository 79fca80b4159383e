import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { until } from '../helpers/until.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

// The built `watch` command as a person runs it: drop a file in, get it back compressed, Ctrl+C.

const bin = resolve('bin/compressor-studio.js');
const work = mkdtempSync(join(tmpdir(), 'watch-cli-'));
let clip: string;

beforeAll(async () => {
  clip = await makeClip(work, { seconds: 1, audio: true, name: 'source.mp4' });
});

const env = isolatedEnv(work);

describe('compressor-studio watch', () => {
  it('compresses what is dropped into the folder into DIR/compressed, and stops cleanly on SIGINT', async () => {
    const dir = join(work, 'inbox');
    await mkdir(dir);
    const child = spawn(process.execPath, [bin, 'watch', dir, '-g', 'under 300KB'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    try {
      await until(() => out.includes('Watching'), 'the watch to start', { context: () => out });
      await copyFile(clip, join(dir, 'holiday.mp4'));
      await until(() => out.includes('holiday.mp4 →'), 'the compressed file', { context: () => out });
      expect(await readdir(join(dir, 'compressed'))).toEqual(['holiday.compressed.mp4']);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('says so in one line when the folder does not exist (exit 1), or is missing or the instruction says nothing (exit 2)', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((done) => {
        const child = spawn(process.execPath, [bin, 'watch', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (chunk) => (err += chunk));
        child.on('exit', (code) => done({ code, err }));
      });
    const missing = await run([join(work, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/does not exist/);
    expect((await run([])).code).toBe(2);
    const nonsense = await run([work, '-g', 'asdf']);
    expect(nonsense.code).toBe(2);
    expect(nonsense.err.trim().split('\n')).toEqual([expect.stringMatching(/^-g "asdf" says nothing I understand about the video/)]);
  });
});
