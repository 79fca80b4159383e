import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import React from 'react';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copiedWords, type CopyPlace, type Desktop } from '../../src/cli/desktop.js';
import { studioActions } from '../../src/cli/studio-actions.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore, type JobRecord } from '../../src/store/index.js';
import { App } from '../../src/ui/App.js';
import { themeFor } from '../../src/ui/theme.js';
import { createStudioStore, type StudioStore } from '../../src/ui/use-engine.js';
import { makeClip } from '../helpers/clips.js';
import { resize } from '../helpers/ink-size.js';
import { until } from '../helpers/until.js';

// The job picker in the real studio (real engine, real render node, the history from a real
// store); only the desktop around the terminal is a recorder, so what was asked of it shows.

const PICK = '\x0f'; // Ctrl+O
const DOWN = '\x1b[B';
const ESC = '\x1b';

const work = mkdtempSync(join(tmpdir(), 'job-picker-'));
let node: RenderNode;
let clip: string;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, audio: true, name: 'beach.mp4' });
});
afterAll(() => node.close());

/**
 * A desktop that records what the studio asked; `display`: whether a file manager could open;
 * `place`: where a copy lands (a terminal outside tmux unless told).
 */
function recordingDesktop(display: boolean, place: CopyPlace = 'terminal'): Desktop & { opened: string[]; copied: string[] } {
  const desktop = {
    opened: [] as string[],
    copied: [] as string[],
    openFolder: async (dir: string) => (desktop.opened.push(dir), display),
    copy: async (text: string) => (desktop.copied.push(text), place),
  };
  return desktop;
}

type Harness = { engine: Engine; store: StudioStore; ui: ReturnType<typeof render>; outDir: string; storeDir: string; desktop: ReturnType<typeof recordingDesktop>; close(): void };

/** The studio as a restart finds it: `past` was saved in its store by an earlier run. */
function studio(name: string, past: JobRecord[], display = false, lines: string[] = []): Harness {
  const storeDir = join(work, name);
  const saved = defaultStore(storeDir);
  for (const job of past) saved.saveJob(job);
  const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(storeDir), env: {}, liveState: { everyMs: 100, maxMs: 400 } });
  const store = createStudioStore(engine, 5);
  const outDir = join(work, `${name}-out`);
  const desktop = recordingDesktop(display);
  const actions = studioActions(engine, { outDir, autoExport: () => false, quit: () => {}, desktop, cwd: join(work, 'elsewhere'), lines: () => lines });
  const ui = render(<App store={store} actions={actions} theme={themeFor({ NO_COLOR: '1' })} nodeLabel="local render node" pastJobs={saved.jobs()} />);
  return {
    engine,
    store,
    ui,
    outDir,
    storeDir,
    desktop,
    close() {
      ui.unmount();
      void actions.close();
      store.close();
      engine.close();
    },
  };
}

const frame = (h: Harness) => h.ui.lastFrame() ?? '';
const allFrames = (h: Harness) => h.ui.frames.join('\n');

const done: JobRecord = { id: 'past-done', input: '/v/old.mp4', status: 'done', output: '/srv/out/old.compressed.mp4', bytes: 1000, startedAt: 3, updatedAt: 3 };
const cutOff = (): JobRecord => ({ id: 'past-cut', input: clip, status: 'rendering', goal: { targetBytes: 300_000 }, targetBytes: 300_000, startedAt: 2, updatedAt: 2 });
const gone: JobRecord = { id: 'past-gone', input: join(tmpdir(), 'job-picker-gone', 'gone.mp4'), status: 'failed', error: 'the node stopped', startedAt: 1, updatedAt: 1 };

describe('the job picker', () => {
  it('picks the newest finished job on Ctrl+O, copies its output path and shows its folder', async () => {
    const h = studio('copy-open', [done, cutOff(), gone]);
    try {
      h.ui.stdin.write(PICK);
      await until(() => frame(h).includes('c copy path'), 'the picker', { context: () => frame(h) });
      expect(frame(h)).toMatch(/▸ ✓ old\.mp4/);
      expect(frame(h)).not.toContain('r retry');
      expect(frame(h)).not.toContain('x cancel');

      h.ui.stdin.write('c');
      await until(() => allFrames(h).includes(copiedWords('terminal', '/srv/out/old.compressed.mp4')), 'the copy said');
      expect(allFrames(h)).toContain('Asked the terminal to copy /srv/out/old.compressed.mp4'); // OSC 52 cannot confirm a copy
      expect(h.desktop.copied).toEqual(['/srv/out/old.compressed.mp4']);

      h.ui.stdin.write('o');
      await until(() => allFrames(h).includes('the folder is /srv/out'), 'the folder said (no display here)');
      expect(h.desktop.opened).toEqual(['/srv/out']);

      h.ui.stdin.write(ESC);
      await until(() => !frame(h).includes('copy path'), 'the picker to close');
      expect(frame(h)).not.toContain('▸');
    } finally {
      h.close();
    }
  });

  it('says the folder was opened where a file manager exists', async () => {
    const h = studio('open-display', [done], true);
    try {
      h.ui.stdin.write(PICK);
      await until(() => frame(h).includes('o open folder'), 'the picker');
      h.ui.stdin.write('o');
      await until(() => allFrames(h).includes('Opened /srv/out'), 'the opened folder said');
      expect(h.desktop.opened).toEqual(['/srv/out']);
    } finally {
      h.close();
    }
  });

  it('retries an interrupted job from the history: its input, to its goal, kept for the next start', async () => {
    const h = studio('retry', [done, cutOff(), gone]);
    try {
      expect(frame(h)).toMatch(/beach\.mp4: interrupted .* retry: Ctrl\+O, r/);
      h.ui.stdin.write(PICK);
      await until(() => frame(h).includes('▸ ✓ old.mp4'), 'the picker on the newest');
      h.ui.stdin.write(DOWN);
      await until(() => frame(h).includes('r retry') && /▸ ! beach\.mp4/.test(frame(h)), 'the interrupted job picked', { context: () => frame(h) });
      h.ui.stdin.write('r');
      await until(() => !frame(h).includes('r retry'), 'the picker to close');
      await until(() => existsSync(h.outDir) && readdirSync(h.outDir).includes('beach.compressed.mp4'), 'the output of the retry', { context: () => allFrames(h) });
      await until(() => /✓ beach\.mp4 → .*beach\.compressed\.mp4/.test(frame(h)), 'the finished retry listed', { context: () => frame(h) });
      const retried = defaultStore(h.storeDir).jobs().find((job) => job.input === clip && job.status === 'done');
      expect(retried?.goal?.targetBytes).toBe(300_000);
      expect(retried?.bytes).toBeLessThanOrEqual(300_000);
      expect(dirname(retried?.output ?? '')).toBe(h.outDir);
    } finally {
      h.close();
    }
  });

  it('finds the file of a studio export (recorded by name) in the lines sent before a restart, and retries it', async () => {
    const canceled: JobRecord = { id: 'past-export', input: 'beach.mp4', status: 'canceled', goal: { targetBytes: 250_000 }, targetBytes: 250_000, startedAt: 4, updatedAt: 4 };
    const h = studio('retry-by-name', [canceled], false, [`${clip} under 250KB`, 'export']);
    try {
      h.ui.stdin.write(PICK);
      await until(() => /▸ – beach\.mp4: canceled/.test(frame(h)) && frame(h).includes('r retry'), 'the canceled export picked', { context: () => frame(h) });
      h.ui.stdin.write('r');
      await until(() => allFrames(h).includes('Retrying beach.mp4.'), 'the retry said');
      await until(() => h.engine.jobs().some((job) => job.input === clip && job.status === 'done'), 'the retried job done', { context: () => allFrames(h) });
      expect(readdirSync(h.outDir)).toEqual(['beach.compressed.mp4']);
    } finally {
      h.close();
    }
  });

  it('says in one line that a studio export whose file is nowhere to be found cannot be retried', async () => {
    const lost: JobRecord = { id: 'past-lost', input: 'lost.mp4', status: 'failed', startedAt: 4, updatedAt: 4 };
    const h = studio('lost', [lost]);
    try {
      h.ui.stdin.write(PICK);
      await until(() => frame(h).includes('r retry'), 'the failed export picked');
      h.ui.stdin.write('r');
      await until(() => allFrames(h).includes('Cannot retry lost.mp4: the file is not found here. Upload it again to redo it.'), 'the one line', { context: () => allFrames(h) });
    } finally {
      h.close();
    }
  });

  it('says in one line that a job whose input is gone cannot be retried', async () => {
    const h = studio('gone', [done, gone]);
    try {
      h.ui.stdin.write(PICK);
      await until(() => frame(h).includes('▸ ✓ old.mp4'), 'the picker');
      h.ui.stdin.write(DOWN);
      await until(() => /▸ ✗ gone\.mp4/.test(frame(h)) && frame(h).includes('r retry'), 'the failed job picked');
      h.ui.stdin.write('r');
      // One row: a path too long for it is shortened in the middle, keeping the file name.
      const line = () => allFrames(h).split('\n').find((row) => row.startsWith('• Cannot retry gone.mp4: '));
      await until(() => line() !== undefined, 'the one line', { context: () => allFrames(h) });
      expect(line()).toMatch(/^• Cannot retry gone\.mp4: \/.*gone\.mp4 is gone\. Upload it again to redo it\.$/);
      expect(h.engine.jobs().filter((job) => job.input === gone.input)).toEqual([]);
    } finally {
      h.close();
    }
  });

  it('cancels the picked running job with x', async () => {
    const h = studio('cancel', []);
    try {
      // A job as the lifecycle starts one: tracked, and running under its controller.
      const job = h.engine.addJob(clip);
      const controller = h.engine.controllerFor(job.id);
      await until(() => frame(h).includes('beach.mp4'), 'the running job');
      h.ui.stdin.write(PICK);
      await until(() => frame(h).includes('x cancel') && frame(h).includes('▸ beach.mp4'), 'the running job picked', { context: () => frame(h) });
      expect(frame(h)).not.toContain('r retry');
      h.ui.stdin.write('x');
      await until(() => controller.signal.aborted, 'the job canceled');
      await until(() => !frame(h).includes('x cancel'), 'the picker to close');
    } finally {
      h.close();
    }
  });

  it('cancels on a typed "cancel" as on Ctrl+X: the one running job, else says what to do', async () => {
    const h = studio('typed-cancel', []);
    const notices: string[] = [];
    h.engine.subscribe((event) => event.name === 'notice' && notices.push(event.payload.text));
    try {
      h.ui.stdin.write('cancel\r');
      await until(() => notices.includes('Nothing is running.'), 'the nothing-to-cancel line', { context: () => notices.join('\n') });
      const one = h.engine.addJob(clip);
      const two = h.engine.addJob(clip);
      h.ui.stdin.write('cancel the render\r');
      await until(() => notices.includes('2 jobs are running: press Ctrl+X and pick one with ↑/↓.'), 'the line that says to pick', { context: () => notices.join('\n') });
      expect(h.engine.controllerFor(one.id).signal.aborted).toBe(false);
      // The second ends (as its lifecycle would mark it): one is left running.
      h.engine.updateJob({ type: 'canceled', id: two.id, at: Date.now() });
      h.ui.stdin.write('取消\r');
      await until(() => h.engine.controllerFor(one.id).signal.aborted, 'the one running job canceled');
    } finally {
      h.close();
    }
  });

  it('at 80x24 with 14 finished jobs: every key of a burst moves the pick a row, the list scrolls with it, and the frame fits', async () => {
    const name = (i: number) => `clip-${String(i).padStart(2, '0')}`;
    const many = Array.from({ length: 14 }, (_, i): JobRecord => ({ id: `many-${i}`, input: `/v/${name(i)}.mp4`, status: 'done', output: `/srv/out/${name(i)}.compressed.mp4`, bytes: 1000, startedAt: 10 + i, updatedAt: 10 + i }));
    const h = studio('many', many);
    try {
      resize(h.ui, 80, 24);
      const picked = (i: number) => frame(h).includes(`▸ ✓ ${name(i)}.mp4`);
      const fits = () => frame(h).split('\n').length <= 23 && frame(h).split('\n').every((row) => row.length <= 80);
      h.ui.stdin.write(PICK);
      await until(() => picked(13) && frame(h).includes('↓ 8 more'), 'the newest picked, six rows shown', { context: () => frame(h) });
      expect(fits()).toBe(true);

      h.ui.stdin.write(DOWN.repeat(9)); // a held ↓: nine keys in one read, faster than a render
      await until(() => picked(4), 'the pick nine rows down', { context: () => frame(h) });
      expect(frame(h)).not.toContain(`${name(13)}.mp4`); // scrolled off the top
      expect(fits()).toBe(true);

      h.ui.stdin.write(DOWN.repeat(20));
      await until(() => picked(0), 'the pick at the oldest', { context: () => frame(h) });
      for (let i = 0; i < 3; i += 1) h.ui.stdin.write('\x1b[A');
      await until(() => picked(3), 'the pick three rows back up', { context: () => frame(h) });
      expect(fits()).toBe(true);
    } finally {
      h.close();
    }
  });

  it('keeps the live frame a row short of the terminal with a full timeline and history, at 80x24 and at 60x15', async () => {
    const parts = [];
    for (let i = 1; i <= 7; i += 1) parts.push(await makeClip(work, { seconds: 1, name: `part-${i}.mp4` }));
    const history = Array.from({ length: 14 }, (_, i): JobRecord => ({ id: `old-${i}`, input: `/v/old-${i}.mp4`, status: 'done', output: `/srv/out/old-${i}.compressed.mp4`, bytes: 1000, startedAt: 10 + i, updatedAt: 10 + i }));
    const h = studio('full', history);
    // The live frame: from the first pane's top border to the status bar (lastFrame also holds the printed transcript).
    const live = () => {
      const lines = frame(h).split('\n');
      return lines.slice(lines.findIndex((line) => line.startsWith('╭')));
    };
    try {
      resize(h.ui, 80, 24);
      await until(() => frame(h).includes('connected'), 'the connection');
      h.ui.stdin.write(`${parts.join(' ')} under 2MB`);
      h.ui.stdin.write('\r');
      await until(() => frame(h).includes('6. Video: part-6.mp4') && frame(h).includes('Output:'), 'the timeline filled', { context: () => frame(h) });
      expect(live().length).toBeLessThanOrEqual(23);
      expect(live().join('\n')).toContain('↓ 8 more');

      h.ui.stdin.write(PICK);
      h.ui.stdin.write(DOWN.repeat(9));
      await until(() => frame(h).includes('▸ ✓ old-4.mp4') && frame(h).includes('c copy path'), 'a pick in the middle of the history', { context: () => frame(h) });
      expect(live().length).toBeLessThanOrEqual(23);
      expect(live().join('\n')).toMatch(/↑ \d+ more · ↓ \d+ more/);

      resize(h.ui, 60, 15);
      await until(() => live().length <= 14 && live().every((row) => row.length <= 60), 'the frame fitted to 60x15', { context: () => live().join('\n') });
      expect(live().join('\n')).toContain('▸ ✓ old-4.mp4'); // the pick stays in view
      expect(live().join('\n')).toMatch(/1\. Video: part-1\.mp4[^]*↓ 6 more items/); // the timeline's first item, and how many follow
      expect(live().at(-2)).toMatch(/^› /);
    } finally {
      h.close();
    }
  });

  it('lets letters be typed again once Esc leaves the picker', async () => {
    const h = studio('typing', [done]);
    try {
      h.ui.stdin.write(PICK);
      await until(() => frame(h).includes('copy path'), 'the picker');
      h.ui.stdin.write(ESC);
      await until(() => !frame(h).includes('copy path'), 'the picker to close');
      h.ui.stdin.write('c');
      await until(() => (frame(h).split('\n').at(-2) ?? '').includes('c'), 'the letter typed');
      expect(h.desktop.copied).toEqual([]);
    } finally {
      h.close();
    }
  });
});
