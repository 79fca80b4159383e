import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioActions } from '../../src/cli/studio-actions.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { App } from '../../src/ui/App.js';
import { themeFor } from '../../src/ui/theme.js';
import { createStudioStore, type StudioStore } from '../../src/ui/use-engine.js';
import { makeClip } from '../helpers/clips.js';
import { resize } from '../helpers/ink-size.js';
import { until } from '../helpers/until.js';

// The real studio components, driven through their keyboard, on a real engine and render node.

const work = mkdtempSync(join(tmpdir(), 'studio-ui-'));
let node: RenderNode;
let clip: string;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, audio: true, name: 'beach.mp4' });
});
afterAll(() => node.close());

type Harness = { engine: Engine; store: StudioStore; ui: ReturnType<typeof render>; outDir: string; quits: number; close(): void };

function studio(name: string, env: NodeJS.ProcessEnv = {}, history: string[] = []): Harness {
  const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, name)), env: {}, liveState: { everyMs: 100, maxMs: 400 } });
  const store = createStudioStore(engine, 5);
  const outDir = join(work, `${name}-out`);
  const harness = { engine, store, outDir, quits: 0 } as Harness;
  const actions = studioActions(engine, { outDir, autoExport: () => false, quit: () => harness.quits++, onSend: (text) => store.addUserLine(text) });
  harness.ui = render(<App store={store} actions={actions} theme={themeFor(env)} nodeLabel="local render node" history={history} />);
  harness.close = () => {
    harness.ui.unmount();
    store.close();
    engine.close();
  };
  return harness;
}



// The input line (above the status bar) as read: the cursor is drawn inverse, which only the escape codes show.
const inputLine = (ui: ReturnType<typeof render>) => ((ui.lastFrame() ?? '').split('\n').at(-2) ?? '').replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
const allFrames = (ui: ReturnType<typeof render>) => ui.frames.join('\n');
const type = async (ui: ReturnType<typeof render>, text: string) => {
  for (const char of text) ui.stdin.write(char);
  await new Promise((r) => setTimeout(r, 20));
};

describe('the studio', () => {
  it('takes a file path and an instruction, shows the reply and the timeline, and exports on Ctrl+E', async () => {
    const h = studio('flow');
    try {
      await until(() => (h.ui.lastFrame() ?? '').includes('connected'), 'the connection');
      await type(h.ui, `${clip} compress to under 300KB`);
      expect(h.ui.lastFrame()).toContain('under 300KB');
      h.ui.stdin.write('\r');
      await until(() => (h.ui.lastFrame() ?? '').includes('1. Video: beach.mp4') && allFrames(h.ui).includes('Understood'), 'the reply and the timeline');
      const frames = allFrames(h.ui);
      expect(frames).toContain('› ');
      expect(frames).toMatch(/Understood: ≤ 300 KB/);
      await until(() => /Output: ≤ 300 KB/.test(h.ui.lastFrame() ?? ''), 'the output settings in the timeline');

      h.ui.stdin.write('\x05'); // Ctrl+E
      await until(() => allFrames(h.ui).includes('beach.mp4 →'), 'the finished export');
      expect(allFrames(h.ui)).toMatch(/beach\.mp4\s+(queued|uploading|thinking|rendering|downloading)/);
      // The job is done once its file is in place; its temp folder goes a moment later.
      await until(() => readdirSync(h.outDir).length === 1, 'the temp folder to go');
      expect(readdirSync(h.outDir)).toEqual(['beach.compressed.mp4']);
      expect(h.ui.lastFrame()).not.toContain('e›'); // Ctrl+E typed nothing
    } finally {
      h.close();
    }
  });

  it('says what went wrong in one line for a file that is not a video, and keeps going', async () => {
    const h = studio('bad');
    try {
      const text = join(work, 'notes.mp4');
      await import('node:fs/promises').then((fs) => fs.writeFile(text, 'not a video at all'));
      await until(() => (h.ui.lastFrame() ?? '').includes('connected'), 'the connection');
      await type(h.ui, `${text}\r`);
      await until(() => /✗ .+/.test(allFrames(h.ui)), 'the error line');
      const errorLine = allFrames(h.ui).split('\n').find((line) => line.startsWith('✗'));
      expect(errorLine).toMatch(/MP4|format|video/i);
      expect(existsSync(text)).toBe(true);
    } finally {
      h.close();
    }
  });

  it('stacks the panes at 80 columns and puts them side by side at 120, following resizes', async () => {
    const h = studio('layout');
    try {
      resize(h.ui, 80);
      const stacked = () => {
        const lines = (h.ui.lastFrame() ?? '').split('\n');
        return lines.findIndex((l) => l.includes('Jobs')) > lines.findIndex((l) => l.includes('Timeline'));
      };
      await until(stacked, 'stacked panes');
      const narrow = (h.ui.lastFrame() ?? '').split('\n');
      expect(narrow.findIndex((l) => l.includes('Jobs'))).toBeGreaterThan(narrow.findIndex((l) => l.includes('Timeline')));
      expect(Math.max(...narrow.map((l) => l.length))).toBeLessThanOrEqual(80);
      resize(h.ui, 120);
      await until(() => (h.ui.lastFrame() ?? '').split('\n').some((l) => l.includes('Timeline') && l.includes('Jobs')), 'side-by-side panes');
    } finally {
      h.close();
    }
  });

  it('shows the key map on ? and hides it on Esc; Ctrl+C quits', async () => {
    const h = studio('keys');
    try {
      h.ui.stdin.write('?');
      await until(() => (h.ui.lastFrame() ?? '').includes('Ctrl+X'), 'the help');
      expect(h.ui.lastFrame()).toContain('cancel a job');
      h.ui.stdin.write('\x1b');
      await until(() => !(h.ui.lastFrame() ?? '').includes('cancel a job'), 'the help to close');
      h.ui.stdin.write('\x03');
      await until(() => h.quits === 1, 'quit');
    } finally {
      h.close();
    }
  });

  it('fits the help into 80x24, every line reachable by scrolling', async () => {
    const h = studio('help-fit');
    try {
      resize(h.ui, 80, 24);
      await until(() => (h.ui.lastFrame() ?? '').includes('connected'), 'the connection');
      h.ui.stdin.write('?');
      await until(() => (h.ui.lastFrame() ?? '').includes('Esc or ? closes'), 'the help');
      const frame = (h.ui.lastFrame() ?? '').split('\n');
      expect(frame.length).toBeLessThanOrEqual(24);
      expect(frame.join('\n')).toContain('Keys');
      expect(Math.max(...frame.map((l) => l.length))).toBeLessThanOrEqual(80);
      for (let i = 0; i < 40; i++) h.ui.stdin.write('\x1b[B');
      await until(() => (h.ui.lastFrame() ?? '').includes('new project'), 'the last example after scrolling');
      expect((h.ui.lastFrame() ?? '').split('\n').length).toBeLessThanOrEqual(24);
    } finally {
      h.close();
    }
  });

  it('edits the line like readline: a burst of Backspaces, cursor keys, Ctrl+A/E/U/W/K, history', async () => {
    const h = studio('editing', {}, ['an older line', 'the last line']);
    const input = () => inputLine(h.ui);
    const shows = (line: string, what: string) => until(() => input() === line, what, { ms: 10_000, context: () => JSON.stringify(input()) });
    try {
      await until(() => (h.ui.lastFrame() ?? '').includes('connected'), 'the connection');
      await type(h.ui, 'hell');
      h.ui.stdin.write('\x7f\x7f\x7fZ'); // key repeat over SSH: three Backspaces in one read
      await shows('› hZ', 'the burst applied key by key');
      h.ui.stdin.write('\x1b[D');
      await type(h.ui, 'X');
      await shows('› hXZ', 'an insert before the cursor');
      h.ui.stdin.write('\x01'); // Ctrl+A
      await type(h.ui, '>');
      h.ui.stdin.write('\x05'); // Ctrl+E with text: end of line, not export
      await type(h.ui, '<');
      await shows('› >hXZ<', 'Ctrl+A and Ctrl+E moved the cursor');
      expect(allFrames(h.ui)).not.toMatch(/Nothing to export|queued/);
      h.ui.stdin.write('\x17'); // Ctrl+W
      await shows('›', 'Ctrl+W deleted the word');
      await type(h.ui, 'one two');
      h.ui.stdin.write('\x1b[D\x1b[D\x1b[D');
      h.ui.stdin.write('\x0b'); // Ctrl+K
      await shows('› one', 'Ctrl+K cut to the end');
      h.ui.stdin.write('\x15'); // Ctrl+U
      await shows('›', 'Ctrl+U cut to the start');
      h.ui.stdin.write('\x1b[A');
      await shows('› the last line', 'Up recalls the last line');
      h.ui.stdin.write('\x1b[A');
      await shows('› an older line', 'Up again, the one before');
      h.ui.stdin.write('\x1b[B\x1b[B');
      await shows('›', 'Down back to the empty line');
      h.ui.stdin.write('\x1b[200~a pasted\nline\x1b[201~');
      await shows('› a pasted line', 'a paste typed, its line break not sent');
      expect(allFrames(h.ui)).not.toContain('› a pasted\n');
    } finally {
      h.close();
    }
  });

  it('completes a path on Tab, escaping its spaces and apostrophe', async () => {
    const h = studio('completion');
    const folder = join(work, 'tab folder');
    await import('node:fs/promises').then(async (fs) => {
      await fs.mkdir(folder);
      await fs.copyFile(clip, join(folder, "it's here.mp4"));
    });
    const input = () => inputLine(h.ui);
    try {
      await until(() => (h.ui.lastFrame() ?? '').includes('connected'), 'the connection');
      await type(h.ui, `${join(work, 'tab')}`);
      h.ui.stdin.write('\t');
      await until(() => input().includes('tab\\ folder/'), 'the folder completed');
      await type(h.ui, 'it');
      h.ui.stdin.write('\t');
      await until(() => input().includes("tab\\ folder/it\\'s\\ here.mp4"), 'the file completed', { ms: 5_000, context: () => JSON.stringify(input()) });
      await type(h.ui, 'under 300KB\r');
      await until(() => (h.ui.lastFrame() ?? '').includes("1. Video: it's here.mp4"), 'the escaped path uploaded');
    } finally {
      h.close();
    }
  });

  it('watches a folder on "watch DIR": a video dropped in comes out compressed; "stop watching" stops', async () => {
    const h = studio('watching');
    const drop = join(work, 'drop');
    await import('node:fs/promises').then((fs) => fs.mkdir(drop));
    try {
      await until(() => (h.ui.lastFrame() ?? '').includes('connected'), 'the connection');
      await type(h.ui, 'compress to under 200KB\r');
      await until(() => allFrames(h.ui).includes('Understood'), 'the goal understood');
      await type(h.ui, `watch ${drop}\r`);
      await until(() => (h.ui.lastFrame() ?? '').includes('watching drop/'), 'the watch to start', { ms: 20_000 });
      await import('node:fs/promises').then((fs) => fs.copyFile(clip, join(drop, 'dropped.mp4')));
      // A whole lifecycle (upload, turn, render, download): minutes on a busy machine, not one.
      await until(() => allFrames(h.ui).includes('dropped.mp4 →'), 'the dropped file to come out compressed', { ms: 170_000 });
      // Like the CLI's watch: outputs go with the folder, made to the goal said last.
      expect(readdirSync(join(drop, 'compressed'))).toContain('dropped.compressed.mp4');
      expect(h.engine.jobs().find((job) => job.input.endsWith('dropped.mp4'))?.targetBytes).toBe(200_000);
      await type(h.ui, 'stop watching\r');
      const statusLine = () => (h.ui.lastFrame() ?? '').split('\n').at(-1) ?? '';
      await until(() => !statusLine().includes('watching'), 'the watch to stop', { ms: 20_000 });
      expect(allFrames(h.ui)).toContain(`Stopped watching ${drop}`);
    } finally {
      h.close();
    }
  });

  it('uses no colour under NO_COLOR', async () => {
    const h = studio('plain', { NO_COLOR: '1' });
    try {
      await until(() => (h.ui.lastFrame() ?? '').includes('connected'), 'the connection');
      expect(h.ui.lastFrame()).not.toMatch(/\x1b\[(3\d|9\d|7)m/);
    } finally {
      h.close();
    }
  });
});
