import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../src/cli/run-command.js';
import { defaultStore } from '../../src/store/index.js';

const bin = resolve('bin/compressor-studio.js');

function config(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'config', ...args], { env: { ...process.env, COMPRESSOR_CONFIG_DIR: dir }, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('compressor-studio config', () => {
  it('shows the defaults, stores changes that run then uses, and resets them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    expect(config(dir, []).out).toBe('Output folder: beside each input\nDefault instruction: "compress this video" (high quality, 1080p at most)\nAuto-export: off\nNotify when a long job ends: on\n');

    const set = config(dir, ['--out', '/videos/small', '--goal', 'make it fit discord', '--auto-export', 'on']);
    expect(set.code).toBe(0);
    expect(set.out).toContain('Output folder: /videos/small');
    const settings = defaultStore(dir).settings();
    expect(settings).toEqual({ outputDir: '/videos/small', defaultGoal: 'make it fit discord', autoExport: true });
    expect(parseRunArgs(['a.mp4'], '/here', settings)).toMatchObject({ goal: 'make it fit discord', outDir: '/videos/small' });

    expect(config(dir, ['--notify', 'off']).out).toContain('Notify when a long job ends: off');
    expect(defaultStore(dir).settings().notify).toBe(false);
    expect(config(dir, ['--reset']).out).toContain('Auto-export: off\nNotify when a long job ends: on');
    expect(defaultStore(dir).settings().outputDir).toBeUndefined();
  });

  it.each([[['--auto-export', 'maybe']], [['--notify', 'loud']], [['--goal', ' ']], [['--goal', 'asdf']], [['--goal', 'credits']], [['--out', bin]], [['extra']], [['--nope']]])('refuses %j with one line and exit 2', (args) => {
    const result = config(mkdtempSync(join(tmpdir(), 'config-')), args);
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('stores an instruction it partly understands, and names the words it leaves out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    const result = config(dir, ['--goal', 'under 25MB blorp']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('Not understood, left out of the instruction: blorp.\n');
    expect(defaultStore(dir).settings().defaultGoal).toBe('under 25MB blorp');
  });
});
