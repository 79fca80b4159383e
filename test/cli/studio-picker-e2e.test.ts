import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStore, type JobRecord } from '../../src/store/index.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { hasTmux, tmuxServer } from '../helpers/studio-tmux.js';

// The job picker in a real terminal at 80x24, under tmux as over SSH: a long history scrolls in
// the jobs pane, and a copied path lands in tmux's own paste buffer.

const work = mkdtempSync(join(tmpdir(), 'studio-picker-e2e-'));
const server = tmuxServer();
afterAll(() => server.kill());

const name = (i: number) => `clip-${String(i).padStart(2, '0')}`;
const output = (i: number) => `/srv/out/${name(i)}.compressed.mp4`;

describe('the job picker in a terminal', () => {
  it.skipIf(!hasTmux)("at 80x24 with 14 finished jobs: ↓ scrolls the list with the pick in view, and c puts the path in tmux's paste buffer", async () => {
    const root = join(work, 'many');
    const env = isolatedEnv(root);
    const store = defaultStore(env.COMPRESSOR_CONFIG_DIR);
    for (let i = 0; i < 14; i += 1) store.saveJob({ id: `many-${i}`, input: `/v/${name(i)}.mp4`, status: 'done', output: output(i), bytes: 1000, startedAt: 10 + i, updatedAt: 10 + i } satisfies JobRecord);

    const studio = server.start('many', { env });
    const picked = (i: number) => studio.view().includes(`▸ ✓ ${name(i)}.mp4`);
    await studio.shows(() => studio.view().includes('connected') && studio.view().includes(`${name(13)}.mp4`), 'the studio with its history');
    studio.press('C-o');
    await studio.shows(() => picked(13) && studio.view().includes('c copy path'), 'the newest picked');

    studio.press(...Array<string>(10).fill('Down'));
    await studio.shows(() => picked(3), 'the pick ten rows down');
    expect(studio.view()).not.toContain(`${name(13)}.mp4`); // scrolled off the top of the pane
    studio.press('Up', 'Up');
    await studio.shows(() => picked(5), 'the pick two rows back up');

    studio.type('c');
    await studio.shows(() => studio.all().includes(`Copied ${output(5)} to tmux's buffer`), 'the copy said');
    expect(server.tmux('show-buffer')).toBe(output(5));
    // One frame all along: nothing overflowed 24 rows (which makes Ink reprint it into the scrollback).
    expect(studio.all().split('\n').filter((line) => line.includes('Timeline'))).toHaveLength(1);
    expect(studio.wrapped()).toEqual([]);

    studio.press('Escape');
    await studio.shows(() => !studio.view().includes('c copy path'), 'the picker to close');
    studio.press('C-c');
    await studio.shows(() => studio.view().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 120_000);
});
