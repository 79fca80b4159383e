import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStore, type JobRecord } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { hasTmux, tmuxServer } from '../helpers/studio-tmux.js';

// A full studio at 80x24 under tmux, as over SSH: a live frame as tall as the terminal makes Ink
// clear the screen and repaint all of it on every update (flicker, and copies in the scrollback),
// so with every pane full the frame must stay a row short and hold still while a render runs.

const work = mkdtempSync(join(tmpdir(), 'studio-frame-e2e-'));
const server = tmuxServer();
afterAll(() => server.kill());

const count = (text: string, part: string) => text.split('\n').filter((line) => line.includes(part)).length;

describe('the live frame in a full terminal', () => {
  it.skipIf(!hasTmux)('at 80x24 with seven timeline items, seven renders and a job history: one frame, a row short, that stays put while a render runs, and fits 60x15', async () => {
    const env = isolatedEnv(join(work, 'full'));
    const out = join(work, 'full-out');
    mkdirSync(out);
    const store = defaultStore(env.COMPRESSOR_CONFIG_DIR);
    for (let i = 0; i < 8; i += 1) store.saveJob({ id: `old-${i}`, input: `/v/old-${i}.mp4`, status: 'done', output: `/srv/out/old-${i}.compressed.mp4`, bytes: 1000, startedAt: 10 + i, updatedAt: 10 + i } satisfies JobRecord);
    // The first is long enough (10 s of 720p) to be rendering while the screen is read.
    const clips = [await makeClip(work, { seconds: 10, width: 1280, height: 720, name: 'long.mp4' })];
    for (let i = 1; i < 7; i += 1) clips.push(await makeClip(work, { seconds: 1, name: `short-${i}.mp4` }));

    const studio = server.start('full', { env, args: ['-o', out] });
    await studio.shows(() => studio.view().includes('connected'), 'the studio to connect');
    studio.type(`${clips.join(' ')} under 2MB`);
    studio.press('Enter');
    await studio.shows(() => studio.view().includes('6. Video: short-5.mp4') && studio.view().includes('Output:'), 'the timeline filled');
    studio.press('C-e');
    await studio.shows(() => /long\.mp4\s+rendering .* \d+%/.test(studio.view()), 'the long render running');

    const oneFrame = (screen: string) => {
      expect(count(screen, 'local render node ·')).toBe(1); // the status bar
      expect(screen.split('\n').filter((line) => line.trim() === '› _')).toHaveLength(1); // the empty input line
      expect(count(screen, '│ Timeline')).toBe(1);
      expect(count(screen, '│ Jobs')).toBe(1);
    };
    const first = studio.view();
    oneFrame(first);
    const rows = first.split('\n');
    expect(rows.at(23)?.trim()).toBe(''); // the frame ends a row above the bottom: the cursor's row is free
    const percent = () => /long\.mp4\s+rendering .* (\d+)%/.exec(studio.view())?.[1];
    const before = percent();
    await studio.shows(() => percent() !== undefined && percent() !== before, 'the render to move on');
    const second = studio.view();
    oneFrame(second);
    expect(second.split('\n')[0]).toBe(rows[0]); // the frame held still: no repaint scrolled it
    oneFrame(studio.all()); // and left no copies of itself in the scrollback
    expect(studio.wrapped()).toEqual([]);

    studio.press('C-c');
    await studio.shows(() => studio.view().includes('again to quit'), 'the quit question');
    oneFrame(studio.all());
    expect(studio.view().split('\n').at(23)?.trim()).toBe('');
    expect(studio.view()).toMatch(/^│ ↓ \d+ more +│$/m); // the rest of the jobs lie below

    // A small terminal: the panes shrink to their first rows, and the frame still ends a row short.
    server.tmux('resize-window', '-t', 'full', '-x', '60', '-y', '15');
    const small = () => studio.view().split('\n');
    await studio.shows(() => small().length >= 15 && small().every((row) => row.length <= 60) && small()[14].trim() === '' && small().some((row) => row.startsWith('│ Jobs')), 'one frame at 60x15');
    oneFrame(studio.view());
    expect(studio.view()).toMatch(/^│ 1\. Video: long\.mp4.*│\n│ ↓ 6 more items +│$/m);
    expect(studio.wrapped()).toEqual([]);
    studio.press('C-c');
    await studio.shows(() => studio.view().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 240_000);
});
