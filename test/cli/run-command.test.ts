import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notUnderstood } from '../../src/cli/command-args.js';
import { parseRunArgs } from '../../src/cli/run-command.js';
import { batchSummary, errorCode, phaseOf, statusLine } from '../../src/cli/run-output.js';
import type { Job } from '../../src/engine/index.js';
import { MediaError, NemoError, StudioError } from '../../src/errors.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

// These run the built CLI (`npm run build` first; CI's `npm test` does), each with its own folders.
const bin = resolve('bin/compressor-studio.js');
const work = mkdtempSync(join(tmpdir(), 'run-cmd-'));
let clips: string[];
let corrupt: string;

type Outcome = { code: number | null; stdout: string; stderr: string };

function folders(name: string): NodeJS.ProcessEnv {
  return isolatedEnv(join(work, name));
}

function runCli(args: string[], env: NodeJS.ProcessEnv, cwd = work): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const jsonLines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
type Done = { type: 'done'; results: { input: string; output: string; bytes: number; targetBytes: number; vmaf?: number; ssim?: number }[] };

beforeAll(async () => {
  clips = [await makeClip(work, { name: 'one.mp4' }), await makeClip(work, { name: 'two.mov', container: 'mov' }), await makeClip(work, { name: 'three.mkv', container: 'mkv', audio: true })];
  corrupt = join(work, 'broken.mp4');
  writeFileSync(corrupt, 'this is not a video, just text with an .mp4 name\n'.repeat(50));
});

describe('compressor-studio run', () => {
  it('compresses three clips on the embedded node: three outputs under the target, exit 0', async () => {
    const out = join(work, 'out-three');
    const result = await runCli(['run', ...clips, '-g', 'compress to under 250KB', '-o', out, '--json'], folders('three'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    const done = lines.at(-1) as Done;
    expect(done.type).toBe('done');
    expect(done.results).toHaveLength(3);
    for (const item of done.results) {
      expect(item.targetBytes).toBe(250_000);
      expect(statSync(item.output).size).toBe(item.bytes);
      expect(item.bytes).toBeLessThanOrEqual(item.targetBytes);
      // Every output carries its quality, measured on the node against the source.
      expect(item.vmaf ?? item.ssim).toBeGreaterThan(0);
    }
    expect(readdirSync(out).sort()).toEqual(['one.compressed.mp4', 'three.compressed.mp4', 'two.compressed.mp4']);
    // 'queued' too when a render waits behind another's on the node.
    const phases = new Set(lines.filter((l) => l.type === 'progress' && l.phase !== 'queued').map((l) => l.phase));
    expect([...phases].sort()).toEqual(['download', 'message', 'render', 'upload']);
    for (const line of lines.filter((l) => l.type === 'progress' && l.phase !== 'queued')) expect(Object.keys(line).sort()).toEqual(['file', 'fraction', 'phase', 'type']);
  });

  it('runs again with the same store: the embedded node on a new port still knows its token', async () => {
    const env = folders('again');
    const first = await runCli(['run', clips[0], '-o', join(work, 'out-again')], env);
    const second = await runCli(['run', clips[0], '-o', join(work, 'out-again')], env);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toMatch(/one\.compressed \(2\)\.mp4/);
    // The ✓ line ends with the output's measured quality.
    expect(second.stdout).toMatch(/^✓ one\.mp4 → .*, (VMAF \d+\.\d|SSIM 0\.\d{4})\)$/m);
  });

  it('puts the output beside its input when no output folder is given, not into the current folder', async () => {
    const beside = join(work, 'beside');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(beside);
    mkdirSync(elsewhere);
    const clip = await makeClip(beside, { name: 'here.mp4' });
    const result = await runCli(['run', clip], folders('beside-env'), elsewhere);
    expect(result.code).toBe(0);
    expect(readdirSync(beside).sort()).toEqual(['here.compressed.mp4', 'here.mp4']);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('delivers the good files when one is corrupt, with one clear line for it on stderr, exit 1', async () => {
    const out = join(work, 'out-corrupt');
    const result = await runCli(['run', clips[0], corrupt, clips[1], '-o', out], folders('corrupt'));
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/✗/);
    const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('✗'));
    expect(errorLines).toHaveLength(1);
    expect(result.stdout).toMatch(/^✓ one\.mp4 → /m);
    expect(errorLines[0]).toMatch(/^✗ broken\.mp4: broken\.mp4 is not a video ffmpeg can read \(it may be damaged, cut short or not media at all\)\. Use a video file: MP4, MOV/);
    expect(readdirSync(out).sort()).toEqual(['one.compressed.mp4', 'two.compressed.mp4']);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2 of 3 files done; 1 failed (said above).');
  });

  it('reports a missing file as an error line in --json and still finishes the others', async () => {
    const out = join(work, 'out-missing');
    const result = await runCli(['run', join(work, 'nope.mp4'), clips[0], '-o', out, '--json'], folders('missing'));
    expect(result.code).toBe(1);
    const lines = jsonLines(result.stdout);
    expect(lines.filter((l) => l.type === 'error')).toEqual([{ type: 'error', file: join(work, 'nope.mp4'), code: 'not-found', message: `${join(work, 'nope.mp4')} does not exist. Check the path.` }]);
    expect((lines.at(-1) as Done).results.map((r) => r.input)).toEqual([clips[0]]);
  });

  it('is a usage error (exit 2) without files or with an unknown flag', async () => {
    expect((await runCli(['run'], folders('usage'))).code).toBe(2);
    const unknown = await runCli(['run', clips[0], '--frobnicate'], folders('usage'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/frobnicate/);
  });

  describe('against a separately started serve node', () => {
    let serve: ChildProcess;
    let url: string;
    const env = folders('serve');
    beforeAll(async () => {
      serve = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', join(work, 'serve-data')], { env });
      url = await new Promise<string>((found, fail) => {
        let seen = '';
        serve.stdout?.on('data', (chunk) => {
          seen += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(seen);
          if (match) found(match[1]);
        });
        serve.on('exit', () => fail(new Error(`serve exited: ${seen}`)));
      });
    });
    afterAll(() => {
      serve.kill('SIGTERM');
    });

    it('works the same with --api URL', async () => {
      const out = join(work, 'out-serve');
      const result = await runCli(['run', clips[0], clips[2], '-g', 'under 250KB', '-o', out, '--api', url, '--json'], env);
      expect(result.code).toBe(0);
      const done = jsonLines(result.stdout).at(-1) as Done;
      expect(done.results).toHaveLength(2);
      for (const item of done.results) expect(item.bytes).toBeLessThanOrEqual(250_000);
      expect(existsSync(join(work, 'serve-data'))).toBe(true);
    });
  });
});

describe('parseRunArgs', () => {
  it.each([
    [['a.mp4'], { files: ['a.mp4'], goal: 'compress this video', leftOut: [], outDir: undefined, api: undefined, json: false, verbose: false, preview: false }],
    [['a.mp4', 'b.mov', '-g', 'under 10MB', '-o', 'out', '--api', 'cloud', '--json'], { files: ['a.mp4', 'b.mov'], goal: 'under 10MB', leftOut: [], outDir: '/here/out', api: 'cloud', json: true, verbose: false, preview: false }],
    [['a.mp4', '--preview'], { files: ['a.mp4'], goal: 'compress this video', leftOut: [], outDir: undefined, api: undefined, json: false, verbose: false, preview: true }],
    [['--verbose', 'a.mp4', '-o', '/abs'], { files: ['a.mp4'], goal: 'compress this video', leftOut: [], outDir: '/abs', api: undefined, json: false, verbose: true, preview: false }],
  ])('%j', (args, expected) => {
    expect(parseRunArgs(args, '/here')).toEqual(expected);
  });

  it('takes the stored default goal and output folder when the flags are absent, the flags over them', () => {
    const settings = { defaultGoal: 'under 25MB', outputDir: '/videos/small' };
    expect(parseRunArgs(['a.mp4'], '/here', settings)).toMatchObject({ goal: 'under 25MB', outDir: '/videos/small' });
    expect(parseRunArgs(['a.mp4', '-g', 'under 8MB', '-o', 'x'], '/here', settings)).toMatchObject({ goal: 'under 8MB', outDir: '/here/x' });
  });

  it.each([[[]], [['a.mp4', '-g', ' ']], [['a.mp4', '--nope']], [['a.mp4', '-o']], [['a.mp4', '--preview', '--json']]])('refuses %j with exit code 2', (args) => {
    expect(() => parseRunArgs(args, '/here')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it.each([[['a.mp4', 'under 10MB']], [['fit discord', 'a.mp4']], [['a.mp4', '720p', '-g', 'under 10MB']]])('says an instruction given as a file (%j) goes after -g, before any work', (args) => {
    expect(() => parseRunArgs(args, '/here')).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^"(under 10MB|fit discord|720p)" is not a file but reads as an instruction: give it with -g/) }));
  });

  it.each([
    [['a.mp4', '-g', 'asdf qwer'], /^-g "asdf qwer" says nothing I understand about the video: say how to compress it, e\.g\. "under 10MB"/],
    [['a.mp4', '-g', 'credits'], /^-g "credits" asks for credits, not how to compress/],
    [['a.mp4', '-g', 'what is the status'], /^-g "what is the status" asks for status/],
    [['a.mp4', '-g', 'under 10mb and rotate it 90 degrees'], /^-g "under 10mb and rotate it 90 degrees": I don't rotate videos .* I compress, resize, trim/],
  ])('refuses an instruction that says nothing about the video, or asks for an edit not offered (%j), before any work', (args, message) => {
    expect(() => parseRunArgs(args, '/here')).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(message) }));
  });

  it('names the stored default when it is the instruction that says nothing', () => {
    expect(() => parseRunArgs(['a.mp4'], '/here', { defaultGoal: 'asdf' })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^The default instruction \(see: compressor-studio config\) "asdf"/) }));
  });

  it('follows what it understands of an instruction and names the words it leaves out', () => {
    expect(parseRunArgs(['a.mp4', '-g', 'under 200kb asdf'], '/here')).toMatchObject({ goal: 'under 200kb asdf', leftOut: ['asdf'] });
    expect(notUnderstood(['asdf', 'qwer'])).toBe('Not understood, left out of the instruction: asdf, qwer.');
  });

  it('refuses an output folder that is a file, before any work', () => {
    const here = mkdtempSync(join(tmpdir(), 'run-args-'));
    writeFileSync(join(here, 'notes.txt'), 'x');
    expect(() => parseRunArgs(['a.mp4', '-o', 'notes.txt'], here)).toThrow(expect.objectContaining({ exitCode: 2, message: `-o ${join(here, 'notes.txt')} is a file, not a folder: give a folder for the outputs.` }));
    expect(() => parseRunArgs(['a.mp4'], here, { outputDir: join(here, 'notes.txt') })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^The output folder \(see: compressor-studio config\) /) }));
    expect(parseRunArgs(['a.mp4', '-o', 'not-yet'], here).outDir).toBe(join(here, 'not-yet'));
  });

  it('takes a file whose name reads as an instruction when it exists, and a missing clip name as a file', () => {
    const here = mkdtempSync(join(tmpdir(), 'run-args-'));
    writeFileSync(join(here, '720p'), '');
    expect(parseRunArgs(['720p', 'holiday.mp4'], here).files).toEqual(['720p', 'holiday.mp4']);
  });
});

describe('run output', () => {
  it.each([
    [3, 0, 'All 3 files done.'],
    [2, 1, '2 of 3 files done; 1 failed (said above).'],
    [0, 2, '0 of 2 files done; 2 failed (said above).'],
  ])('%i done and %i failed end with "%s"', (done, failed, line) => {
    expect(batchSummary(done, failed)).toBe(line);
  });


  it.each([
    ['uploading', 'upload'],
    ['thinking', 'message'],
    ['rendering', 'render'],
    ['downloading', 'download'],
    ['compressing', 'download'],
    ['queued', undefined],
    ['done', undefined],
  ] as const)('job status %s is phase %s', (status, phase) => {
    expect(phaseOf(status)).toBe(phase);
  });

  it.each([
    [new NemoError(4001, 'x'), 4001],
    [new MediaError('unsupported', 'x'), 'unsupported'],
    [new StudioError('x', { exitCode: 130 }), 'canceled'],
    [new Error('x'), 'error'],
  ])('error %s has code %s', (error, code) => {
    expect(errorCode(error)).toBe(code);
  });
});

describe('statusLine', () => {
  const job = (input: string, status: Job['status'], fraction: number, etaSec?: number): Job => ({ id: input, input, status, fraction, etaSec, startedAt: 0, updatedAt: 0, phaseStartedAt: 0 });
  it.each([
    [[job('/v/a.mp4', 'rendering', 0.4, 3), job('/v/b.mov', 'uploading', 0.8)], 'a.mp4 render 40% ETA 3s · b.mov upload 80%'],
    [[job('/v/a.mp4', 'done', 1), job('/v/b.mov', 'compressing', 0.5)], 'b.mov download 50%'],
    [[job('/v/a.mp4', 'failed', 0.2)], ''],
    [[{ ...job('/v/a.mp4', 'queued', 0), renderId: 'r1', place: 2 }, job('/v/b.mov', 'rendering', 0.1)], 'a.mp4 queued (2nd in line) · b.mov render 10%'],
    // Its render waits, at a place the node did not name.
    [[{ ...job('/v/a.mp4', 'queued', 0), renderId: 'r1' }], 'a.mp4 queued'],
    // Not yet uploaded: no render to wait for.
    [[job('/v/a.mp4', 'queued', 0)], ''],
  ])('%#', (jobs, expected) => {
    expect(statusLine(jobs)).toBe(expected);
  });
});
