import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

// What a user gets from `npm install -g compressor-studio`: the packed tarball, installed into an
// empty folder from the local file (dependencies from npm's cache where it has them), then run
// from there — no checkout, no TypeScript, no dist/ of ours to lean on.

const ROOT = resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'packed-'));
const app = join(work, 'app');
const bin = join(app, 'node_modules', '.bin', 'compressor-studio');
let packedFiles: string[];

type Outcome = { code: number | null; stdout: string; stderr: string };

function exec(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? npmEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The environment without the npm_* variables `npm test` sets, which would steer the inner npm (prefix, lifecycle); the cache stays. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') || key === 'npm_config_cache' || key === 'npm_config_registry'));
}

beforeAll(async () => {
  // dist/ is fresh (the global setup builds it); prepack would rebuild it under the feet of test
  // files running the checkout's CLI at the same time, so the scripts are skipped here.
  const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
  expect(pack.code, pack.stderr).toBe(0);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed.files.map((file) => file.path);

  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty-app', private: true }));
  const install = await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-update-notifier', join(work, packed.filename)], { cwd: app });
  expect(install.code, install.stderr).toBe(0);
}, 600_000);

describe('the packed package', () => {
  it('holds the built CLI, the library types, README and LICENSE, and none of the sources, tests or bench', () => {
    for (const file of ['bin/compressor-studio.js', 'dist/src/cli/main.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'README.md', 'LICENSE', 'package.json']) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((file) => /^(src|test|bench|\.ci|dist\/bench)\/|\.map$|^tsconfig/.test(file))).toEqual([]);
  });

  it('installed into an empty folder, runs --help, plan and run from there', async () => {
    const env = isolatedEnv(join(work, 'home'));
    const help = await exec(bin, ['--help'], { cwd: app, env });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/m);

    const plan = await exec(bin, ['plan', 'under 10MB for discord', '--json'], { cwd: app, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ intent: 'compress', goal: { targetBytes: 10_000_000 } });

    const clip = await makeClip(work, { name: 'packed.mp4' });
    const run = await exec(bin, ['run', clip, '-g', 'under 200KB', '-o', join(work, 'out'), '--json'], { cwd: app, env });
    expect(run.code, run.stderr).toBe(0);
    const done = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { type: string; results: { output: string; bytes: number }[] };
    expect(done.type).toBe('done');
    expect(done.results).toHaveLength(1);
    expect(statSync(done.results[0].output).size).toBe(done.results[0].bytes);
    expect(done.results[0].bytes).toBeLessThanOrEqual(200_000);
  });
});
