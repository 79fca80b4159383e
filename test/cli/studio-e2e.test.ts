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

  it.skipIf(!hasTmux)('at 80x24: line editing with a burst of Backspaces, an escaped path, help that fits, resizes leaving one frame, Ctrl+C that asks while a render runs', async () => {
    const out = join(work, 'manners-out');
    mkdirSync(out);
    // Long enough that the render is still running when Ctrl+C is pressed.
    const long = await makeClip(work, { seconds: 20, width: 1280, height: 720, audio: true, name: "it's 日本 (1).mp4" });
    const assignments = Object.entries({ ...env('manners'), NO_COLOR: '1' })
      .filter(([k]) => k.startsWith('COMPRESSOR_') || k === 'NO_COLOR' || k.startsWith('NEMO_'))
      .map(([k, v]) => `${k}='${v}'`)
      .join(' ');
    tmux('new-session', '-d', '-s', 'manners', '-x', '80', '-y', '24', `env -u CI -u CONTINUOUS_INTEGRATION ${assignments} node ${bin} -o ${out}; echo STUDIO-EXITED $?; sleep 60`);
    const view = () => tmux('capture-pane', '-p', '-t', 'manners');
    const all = () => tmux('capture-pane', '-p', '-S', '-1000', '-t', 'manners');
    const shows = (check: () => boolean, what: string) => until(check, what, { everyMs: 200, context: all });
    const inputRow = () => view().split('\n').filter((line) => line.trim() !== '').at(-2) ?? '';
    await shows(() => view().includes('connected'), 'the studio to connect');

    tmux('send-keys', '-t', 'manners', '-l', 'hell');
    tmux('send-keys', '-t', 'manners', 'BSpace', 'BSpace', 'BSpace', 'Z', 'Left', 'X', 'C-a', '>', 'C-e', '<');
    await shows(() => inputRow().startsWith('› >hXZ<'), 'the edits applied key by key');
    tmux('send-keys', '-t', 'manners', 'C-u');
    await shows(() => !inputRow().includes('hXZ'), 'Ctrl+U to clear the line');

    tmux('send-keys', '-t', 'manners', '?');
    await shows(() => view().includes('Esc or ? closes'), 'the help');
    expect(view()).toMatch(/^║ Keys/m); // its title is on screen, not scrolled away
    expect(view().trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    tmux('send-keys', '-t', 'manners', 'Escape');
    await shows(() => !view().includes('Esc or ? closes'), 'the help to close');

    // What a drop writes in many terminals: the path shell-escaped.
    const escaped = long.replace(/([ '()])/g, '\\$1');
    tmux('send-keys', '-t', 'manners', '-l', `${escaped} under 2MB`);
    tmux('send-keys', '-t', 'manners', 'Enter');
    await shows(() => view().includes("1. Video: it's 日本 (1).mp4"), 'the escaped path uploaded');

    tmux('resize-window', '-t', 'manners', '-x', '120', '-y', '24');
    await shows(() => view().split('\n').some((line) => line.includes('Timeline') && line.includes('Jobs')), 'the wide layout');
    tmux('resize-window', '-t', 'manners', '-x', '80', '-y', '24');
    tmux('resize-window', '-t', 'manners', '-x', '60', '-y', '24');
    await shows(() => all().split('\n').filter((line) => line.includes('Timeline')).length === 1 && view().split('\n').every((line) => line.length <= 60), 'one frame at 60 columns');
    await shows(() => all().includes('under 2MB'), 'the transcript printed again');

    tmux('send-keys', '-t', 'manners', 'C-e');
    await shows(() => /rendering|uploading|thinking|queued/.test(view()), 'the render to run');
    tmux('send-keys', '-t', 'manners', 'C-c');
    await shows(() => view().includes('Press Ctrl+C again to quit'), 'the question');
    expect(view()).not.toContain('STUDIO-EXITED');
    tmux('send-keys', '-t', 'manners', 'C-c');
    await shows(() => view().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 240_000);

  it.skipIf(!hasTmux)('job history after a restart: a render the quit stopped is listed as interrupted, and Ctrl+O then r redoes it', async () => {
    const out = join(work, 'history-out');
    mkdirSync(out);
    // Long enough that the render is still running when the studio quits.
    const long = await makeClip(work, { seconds: 10, width: 1280, height: 720, audio: true, name: 'longer.mp4' });
    const assignments = Object.entries({ ...env('history'), NO_COLOR: '1' })
      .filter(([k]) => k.startsWith('COMPRESSOR_') || k === 'NO_COLOR' || k.startsWith('NEMO_'))
      .map(([k, v]) => `${k}='${v}'`)
      .join(' ');
    const start = (session: string) => tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `env -u CI -u CONTINUOUS_INTEGRATION ${assignments} node ${bin} -o ${out}; echo STUDIO-EXITED $?; sleep 60`);
    const view = (session: string) => tmux('capture-pane', '-p', '-S', '-1000', '-t', session);
    const shows = (session: string, check: () => boolean, what: string) => until(check, what, { everyMs: 200, context: () => view(session) });

    start('first');
    await shows('first', () => view('first').includes('connected'), 'the studio to connect');
    tmux('send-keys', '-t', 'first', '-l', `${long} under 2MB`);
    tmux('send-keys', '-t', 'first', 'Enter');
    await shows('first', () => view('first').includes('1. Video: longer.mp4'), 'the upload');
    tmux('send-keys', '-t', 'first', 'C-e');
    await shows('first', () => /longer\.mp4\s+(rendering|queued)/.test(view('first')), 'the render to run');
    tmux('send-keys', '-t', 'first', 'C-c');
    await shows('first', () => view('first').includes('again to quit'), 'the question');
    tmux('send-keys', '-t', 'first', 'C-c');
    await shows('first', () => view('first').includes('STUDIO-EXITED 0'), 'the studio to quit');
    expect(readdirSync(out)).toEqual([]);

    start('second');
    await shows('second', () => view('second').includes('connected') && view('second').includes('retry: Ctrl+O, r'), 'the interrupted job listed');
    expect(view('second')).toMatch(/! longer\.mp4: interr/);
    tmux('send-keys', '-t', 'second', 'C-o');
    await shows('second', () => view('second').includes('r retry'), 'the picker on the interrupted job');
    tmux('send-keys', '-t', 'second', '-l', 'r');
    await shows('second', () => readdirSync(out).includes('longer.compressed.mp4') && /✓ longer\.mp4 →/.test(view('second')), 'the retried render to land');
    tmux('send-keys', '-t', 'second', 'C-c');
    await shows('second', () => view('second').includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 240_000);

  it('off a terminal reads one instruction per line and prints plain lines', async () => {
    const out = join(work, 'plain-out');
    mkdirSync(out);
    const child = spawn(process.execPath, [bin, '-o', out], { env: env('plain'), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    // "export" twice, then "send me the video": one plan, one encode, one file, one ✓ line.
    child.stdin.end(`${clip} compress to under 300KB\nexport\nexport\nsend me the video\n`);
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^• Uploaded holiday\.mp4 \(\d+(\.\d+)? KB\)\.\n {2}Understood/m);
    expect(stdout).not.toMatch(/\x1b\[/); // plain lines, no cursor movement or colour
    expect(readdirSync(out)).toEqual(['holiday.compressed.mp4']);
    const done = stdout.split('\n').filter((line) => line.startsWith('✓'));
    expect(done).toEqual([expect.stringMatching(new RegExp(`^✓ holiday\\.mp4 → ${join(out, 'holiday.compressed.mp4').replace(/[.]/g, '\\.')} \\(\\d+(\\.\\d+)? KB, under 300 KB\\)$`))]);
    expect(stdout).toContain('Nothing changed since the last export');

    // A second piped run starts from an empty timeline: the last run's clip is not rendered again.
    const again = spawn(process.execPath, [bin, '-o', out], { env: env('plain'), stdio: ['pipe', 'pipe', 'pipe'] });
    let refusal = '';
    again.stderr.on('data', (chunk) => (refusal += chunk));
    again.stdin.end('export\n');
    await new Promise<number | null>((done) => again.on('exit', done));
    expect(refusal).toMatch(/Nothing to export yet/); // an error: stderr, like every failure
    expect(readdirSync(out)).toEqual(['holiday.compressed.mp4']);
  }, 240_000);
});
