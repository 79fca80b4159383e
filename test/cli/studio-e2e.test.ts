import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { until } from '../helpers/until.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

// The built studio in a real terminal (tmux), the way a person over SSH uses it, and off a TTY.

const bin = resolve('bin/compressor-studio.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
const socket = `cs-e2e-${process.pid}`;
let clip: string;

const env = (name: string) => isolatedEnv(join(work, name));

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
// The visible screen and its scrollback: a long reply may have scrolled the first lines off.
const screen = () => tmux('capture-pane', '-p', '-S', '-1000', '-t', 'studio');
const onScreen = (check: () => boolean, what: string) => until(check, what, { everyMs: 200, context: screen });


beforeAll(async () => {
  clip = await makeClip(work, { seconds: 1, audio: true, name: 'holiday.mp4' });
  if (!existsSync(bin.replace('bin/compressor-studio.js', 'dist/src/cli/main.js'))) throw new Error('Run `npm run build` first (npm test does).');
});
afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe('the studio in a terminal', () => {
  it.skipIf(!hasTmux)('at 80x24 without colour: upload and instruct, export with Ctrl+E, follow a resize, quit with Ctrl+C', async () => {
    const out = join(work, 'tty-out');
    mkdirSync(out);
    const e = env('tty');
    const assignments = Object.entries({ ...e, NO_COLOR: '1' })
      .filter(([k]) => k.startsWith('COMPRESSOR_') || k === 'NO_COLOR' || k.startsWith('NEMO_'))
      .map(([k, v]) => `${k}='${v}'`)
      .join(' ');
    // A person's terminal, not CI's: under CI=true Ink (and so the studio) draws only plain lines.
    tmux('new-session', '-d', '-s', 'studio', '-x', '80', '-y', '24', `env -u CI -u CONTINUOUS_INTEGRATION ${assignments} node ${bin} -o ${out}; echo STUDIO-EXITED $?; sleep 60`);
    await onScreen(() => screen().includes('connected'), 'the studio to connect');
    expect(screen()).toContain('Timeline');

    tmux('send-keys', '-t', 'studio', '-l', `${clip} under 300KB`);
    await onScreen(() => screen().includes('under 300KB'), 'the typed line');
    tmux('send-keys', '-t', 'studio', 'Enter');
    await onScreen(() => screen().includes('1. Video: holiday.mp4') && screen().includes('Understood'), 'the reply and the timeline');
    expect(screen().split('\n').every((line) => line.length <= 80)).toBe(true);

    tmux('send-keys', '-t', 'studio', 'C-e');
    await onScreen(() => readdirSync(out).includes('holiday.compressed.mp4') && screen().includes('holiday.mp4 →'), 'the export to land');
    expect(readdirSync(out)).toEqual(['holiday.compressed.mp4']); // no temp file left beside it

    tmux('resize-window', '-t', 'studio', '-x', '120', '-y', '30');
    await onScreen(() => screen().split('\n').some((line) => line.includes('Timeline') && line.includes('Jobs')), 'the wide layout');

    tmux('send-keys', '-t', 'studio', 'C-c');
    await onScreen(() => screen().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 240_000);

  it('off a terminal reads one instruction per line and prints plain lines', async () => {
    const out = join(work, 'plain-out');
    mkdirSync(out);
    const child = spawn(process.execPath, [bin, '-o', out], { env: env('plain'), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stdin.end(`${clip} compress to under 300KB\nexport\n`);
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^• Uploaded holiday\.mp4 \(\d+(\.\d+)? KB\)\.\n {2}Understood/m);
    expect(stdout).not.toMatch(/\x1b\[/); // plain lines, no cursor movement or colour
    expect(readdirSync(out)).toEqual(['holiday.compressed.mp4']);
  }, 240_000);
});
