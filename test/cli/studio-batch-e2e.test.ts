import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/media/index.js';
import { creditsSentence } from '../../src/studio/credits-words.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { hasTmux, tmuxServer, type StudioPane } from '../helpers/studio-tmux.js';

// The brief's workflows in a real terminal at 80x24: a batch where each file keeps its own
// instruction, and the credit balance asked for in words and with its key.

const work = mkdtempSync(join(tmpdir(), 'studio-batch-e2e-'));
const server = tmuxServer();
afterAll(() => server.kill());

/** Each line of the screen and its scrollback, ended where Ink ended it. */
const lines = (studio: StudioPane) => studio.all().split('\n').map((line) => line.trimEnd());

describe('the studio in a terminal, as the brief uses it', () => {
  it.skipIf(!hasTmux)('at 80x24: three clips with three instructions, one Ctrl+E, three right outputs beside their clips', async () => {
    const clips = join(work, 'clips');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(clips);
    mkdirSync(elsewhere);
    const a = await makeClip(clips, { seconds: 1, audio: true, name: 'small.mp4' });
    const b = await makeClip(clips, { seconds: 1, width: 1920, height: 1080, audio: true, name: 'wide.mp4' });
    const c = await makeClip(clips, { seconds: 1, audio: true, name: 'halved.mp4' });
    // Started from another folder and without -o: each output belongs beside its clip, not here.
    const studio = server.start('batch', { env: isolatedEnv(join(work, 'batch')), cwd: elsewhere });
    await studio.shows(() => studio.view().includes('connected'), 'the studio to connect');

    // "under 80KB" rather than "make it fit discord": 10 MB asks nothing of a 105 KB clip.
    const steps = [[a, 'under 80KB'], [b, '720p'], [c, 'half the size']] as const;
    for (const [index, [clip, words]] of steps.entries()) {
      studio.type(`${clip} ${words}`);
      studio.press('Enter');
      const item = `${index + 1}. Video: ${basename(clip)}`;
      await studio.shows(() => studio.view().includes(item) && lines(studio).filter((line) => line.startsWith('◆ Understood')).length === index + 1, `the reply to "${words}"`);
      expect(studio.wrapped()).toEqual([]);
    }

    // Three separate items, each with its own goal: 720p for the second alone, no size from the first.
    const items = () => studio.view().split('\n').filter((line) => line.startsWith('│ ') && line.includes('. Video: '));
    // The timeline shows a goal once the node's state is fetched again, just after the reply.
    await studio.shows(() => items().length === 3 && items().every((line) => line.includes(' → ')), 'the timeline with three goals');
    const rows = items();
    expect(rows).toEqual([
      expect.stringMatching(/^│ 1\. Video: small\.mp4 \(0-1s\) → ≤ 80 KB · /),
      expect.stringMatching(/^│ 2\. Video: wide\.mp4 \(0-1s\) → ≤ 720p · /),
      expect.stringMatching(/^│ 3\. Video: halved\.mp4 \(0-1s\) → ≤ [\d.]+ KB · ≤ 50% of the original size · /),
    ]);
    expect(rows[1]).not.toContain('KB');

    studio.press('C-e');
    // The jobs pane shortens a long path in its middle: the row names the clip, the disk has the file.
    const done = (clip: string) => studio.view().includes(`│ ✓ ${basename(clip)} → `) && readdirSync(clips).includes(basename(clip).replace('.mp4', '.compressed.mp4'));
    await studio.shows(() => done(a) && done(b) && done(c), 'three finished jobs', 300_000);
    expect(studio.wrapped()).toEqual([]);

    expect(readdirSync(clips).sort()).toEqual(['halved.compressed.mp4', 'halved.mp4', 'small.compressed.mp4', 'small.mp4', 'wide.compressed.mp4', 'wide.mp4']);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(statSync(join(clips, 'small.compressed.mp4')).size).toBeLessThanOrEqual(80_000);
    const wide = await probe(join(clips, 'wide.compressed.mp4'));
    expect([wide.video?.width, wide.video?.height]).toEqual([1280, 720]);
    expect(statSync(join(clips, 'halved.compressed.mp4')).size).toBeLessThanOrEqual(statSync(c).size / 2);

    studio.press('C-c');
    await studio.shows(() => studio.view().includes('STUDIO-EXITED 0'), 'the studio to quit');
  }, 420_000);

  it.skipIf(!hasTmux)('at 80x24: credits asked four ways and with Ctrl+B, one balance line each, in the language asked', async () => {
    const studio = server.start('credits', { env: isolatedEnv(join(work, 'credits')), cwd: work });
    await studio.shows(() => studio.view().includes('connected'), 'the studio to connect');
    // The embedded node does not charge.
    const balance = { available: 0, frozen: 0, total: 0, unlimited: true };
    const english = `• ${creditsSentence(balance, false)}`;
    const chinese = `• ${creditsSentence(balance, true)}`;
    const count = (sentence: string) => lines(studio).filter((line) => line === sentence).length;

    const asks = [['credits', english], ['balance', english], ['积分', chinese], ['how many credits do I have?', english]] as const;
    for (const [words, answer] of asks) {
      const before = count(answer);
      studio.type(words);
      studio.press('Enter');
      await studio.shows(() => count(answer) === before + 1, `the balance for "${words}"`);
      // The answer is the line right under the question, in the question's language.
      const asked = lines(studio).lastIndexOf(`› ${words}`);
      expect(lines(studio)[asked + 1]).toBe(answer);
    }
    studio.press('C-b');
    await studio.shows(() => count(english) === 4, 'the balance for Ctrl+B');
    // Ctrl+B asks nothing in words: its answer is the newest line of the transcript, above the panes.
    const panes = lines(studio).findLastIndex((line) => line.startsWith('│ Timeline')) - 1;
    expect(lines(studio)[panes - 1]).toBe(english);
    expect(count(chinese)).toBe(1);
    expect(studio.wrapped()).toEqual([]);

    studio.press('C-c');
    await studio.shows(() => studio.view().includes('STUDIO-EXITED 0'), 'the studio to quit');
  });
});
