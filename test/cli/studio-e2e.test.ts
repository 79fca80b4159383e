import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { hasTmux, studioBin as bin, tmuxServer } from '../helpers/studio-tmux.js';

// The built studio in a real terminal (tmux), the way a person over SSH uses it, and off a TTY.

const work = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
const server = tmuxServer();
const tmux = server.tmux;
let clip: string;

const env = (name: string) => isolatedEnv(join(work, name));

beforeAll(async () => {
  clip = await makeClip(work, { seconds: 1, audio: true, name: 'holiday.mp4' });
  if (!existsSync(bin.replace('bin/compressor-studio.js', 'dist/src/cli/main.js'))) throw new Error('Run `npm run build` first (npm test does).');
});
afterAll(() => {
  if (hasTmux) server.kill();
});

describe('the studio in a terminal', () => {
  it.skipIf(!hasTmux)('at 80x24 without colour: upload and instruct, export with Ctrl+E, follow a resize, quit with Ctrl+C', async () => {
    const out = join(work, 'tty-out');
    mkdirSync(out);
    const studio = server.start('studio', { env: env('tty'), args: ['-o', out] });
    const screen = studio.all;
    const onScreen = (check: () => boolean, what: string) => studio.shows(check, what);
    await onScreen(() => screen().includes('connected'), 'the studio to connect');
    expect(screen()).toContain('Timeline');

    studio.type(`${clip} under 300KB`);
    await onScreen(() => screen().includes('under 300KB'), 'the typed line');
    studio.press('Enter');
    await onScreen(() => screen().includes('1. Video: holiday.mp4') && screen().includes('Understood'), 'the reply and the timeline');
    expect(studio.wrapped()).toEqual([]); // no line wider than the terminal

    studio.press('C-e');
    await onScreen(() => readdirSync(out).includes('holiday.compressed.mp4') && screen().includes('holiday.mp4 →'), 'the export to land');
    expect(readdirSync(out)).toEqual(['holiday.compressed.mp4']); // no temp file left beside it

    tmux('resize-window', '-t', 'studio', '-x', '120', '-y', '30');
    await onScreen(() => screen().split('\n').some((line) => line.includes('Timeline') && line.includes('Jobs')), 'the wide layout');

    studio.press('C-c');
    await onScreen(() => screen().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 240_000);

  it.skipIf(!hasTmux)('at 80x24: line editing with a burst of Backspaces, an escaped path, help that fits, resizes leaving one frame, Ctrl+C that asks while a render runs', async () => {
    const out = join(work, 'manners-out');
    mkdirSync(out);
    // Long enough that the render is still running when Ctrl+C is pressed.
    const long = await makeClip(work, { seconds: 20, width: 1280, height: 720, audio: true, name: "it's 日本 (1).mp4" });
    const { view, all, shows, type, press } = server.start('manners', { env: env('manners'), args: ['-o', out] });
    const inputRow = () => view().split('\n').filter((line) => line.trim() !== '').at(-2) ?? '';
    await shows(() => view().includes('connected'), 'the studio to connect');

    type('hell');
    press('BSpace', 'BSpace', 'BSpace', 'Z', 'Left', 'X', 'C-a', '>', 'C-e', '<');
    await shows(() => inputRow().startsWith('› >hXZ<'), 'the edits applied key by key');
    press('C-u');
    await shows(() => !inputRow().includes('hXZ'), 'Ctrl+U to clear the line');

    press('?');
    await shows(() => view().includes('Esc or ? closes'), 'the help');
    expect(view()).toMatch(/^║ Keys/m); // its title is on screen, not scrolled away
    expect(view().trimEnd().split('\n').length).toBeLessThanOrEqual(24);
    press('Escape');
    await shows(() => !view().includes('Esc or ? closes'), 'the help to close');

    // What a drop writes in many terminals: the path shell-escaped.
    const escaped = long.replace(/([ '()])/g, '\\$1');
    type(`${escaped} under 2MB`);
    press('Enter');
    await shows(() => view().includes("1. Video: it's 日本 (1).mp4"), 'the escaped path uploaded');

    tmux('resize-window', '-t', 'manners', '-x', '120', '-y', '24');
    await shows(() => view().split('\n').some((line) => line.includes('Timeline') && line.includes('Jobs')), 'the wide layout');
    tmux('resize-window', '-t', 'manners', '-x', '80', '-y', '24');
    tmux('resize-window', '-t', 'manners', '-x', '60', '-y', '24');
    await shows(() => all().split('\n').filter((line) => line.includes('Timeline')).length === 1 && view().split('\n').every((line) => line.length <= 60), 'one frame at 60 columns');
    await shows(() => all().includes('under 2MB'), 'the transcript printed again');

    press('C-e');
    await shows(() => /rendering|uploading|thinking|queued/.test(view()), 'the render to run');
    press('C-c');
    await shows(() => view().includes('Press Ctrl+C again to quit'), 'the question');
    expect(view()).not.toContain('STUDIO-EXITED');
    press('C-c');
    await shows(() => view().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 240_000);

  it.skipIf(!hasTmux)('job history after a restart: a render the quit stopped is listed as interrupted, and Ctrl+O then r redoes it', async () => {
    const out = join(work, 'history-out');
    mkdirSync(out);
    // Long enough that the render is still running when the studio quits.
    const long = await makeClip(work, { seconds: 10, width: 640, height: 360, audio: true, name: 'longer.mp4' });
    const start = (session: string) => server.start(session, { env: env('history'), args: ['-o', out] });

    const first = start('first');
    await first.shows(() => first.all().includes('connected'), 'the studio to connect');
    first.type(`${long} under 2MB`);
    first.press('Enter');
    await first.shows(() => first.all().includes('1. Video: longer.mp4'), 'the upload');
    first.press('C-e');
    await first.shows(() => /longer\.mp4\s+(rendering|queued)/.test(first.all()), 'the render to run');
    first.press('C-c');
    await first.shows(() => first.all().includes('again to quit'), 'the question');
    first.press('C-c');
    await first.shows(() => first.all().includes('STUDIO-EXITED 0'), 'the studio to quit');
    expect(readdirSync(out)).toEqual([]);

    const second = start('second');
    await second.shows(() => second.all().includes('connected') && second.all().includes('retry: Ctrl+O, r'), 'the interrupted job listed');
    expect(second.all()).toMatch(/! longer\.mp4: interr/);
    second.press('C-o');
    await second.shows(() => second.all().includes('r retry'), 'the picker on the interrupted job');
    second.type('r');
    // A 10 s render with its output check: minutes on a 2-core machine that is busy with more.
    await second.shows(() => readdirSync(out).includes('longer.compressed.mp4') && /✓ longer\.mp4 →/.test(second.all()), 'the retried render to land', 420_000);
    second.press('C-c');
    await second.shows(() => second.all().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 600_000);

  it('off a terminal reads one instruction per line and prints plain lines', async () => {
    const out = join(work, 'plain-out');
    mkdirSync(out);
    const child = spawn(process.execPath, [bin, '-o', out], { env: env('plain'), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    // "export" twice, then "send me the video": one plan, one encode, one file, one ✓ line with its measured quality.
    child.stdin.end(`${clip} compress to under 300KB\nexport\nexport\nsend me the video\n`);
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^• Uploaded holiday\.mp4 \(\d+(\.\d+)? KB\)\.\n {2}Understood/m);
    // The reply indented as one block, its plan lines too.
    expect(stdout).toMatch(/\n {2}Understood: [^\n]*\n {2}Here is the plan:\n {2}1\. holiday\.mp4 /);
    expect(stdout).not.toMatch(/\x1b\[/); // plain lines, no cursor movement or colour
    expect(readdirSync(out)).toEqual(['holiday.compressed.mp4']);
    const done = stdout.split('\n').filter((line) => line.startsWith('✓'));
    expect(done).toEqual([expect.stringMatching(new RegExp(`^✓ holiday\\.mp4 → ${join(out, 'holiday.compressed.mp4').replace(/[.]/g, '\\.')} \\(\\d+(\\.\\d+)? KB, under 300 KB, (VMAF \\d+\\.\\d|SSIM [01]\\.\\d{4})\\)$`))]);
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
