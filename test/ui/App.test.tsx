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

function studio(name: string, env: NodeJS.ProcessEnv = {}): Harness {
  const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, name)), env: {}, liveState: { everyMs: 100, maxMs: 400 } });
  const store = createStudioStore(engine, 5);
  const outDir = join(work, `${name}-out`);
  const harness = { engine, store, outDir, quits: 0 } as Harness;
  const actions = studioActions(engine, { outDir, autoExport: () => false, quit: () => harness.quits++, onSend: (text) => store.addUserLine(text) });
  harness.ui = render(<App store={store} actions={actions} theme={themeFor(env)} nodeLabel="local render node" />);
  harness.close = () => {
    harness.ui.unmount();
    store.close();
    engine.close();
  };
  return harness;
}

/** Sets the fake terminal's size and tells Ink, as a real resize does. */
function resize(ui: ReturnType<typeof render>, columns: number, rows = 24): void {
  Object.defineProperty(ui.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(ui.stdout, 'rows', { value: rows, configurable: true });
  (ui.stdout as unknown as NodeJS.EventEmitter).emit('resize');
}


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
      const outputs = readdirSync(h.outDir);
      expect(outputs).toEqual(['beach.compressed.mp4']);
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
      expect(h.ui.lastFrame()).toContain('cancel the newest running job');
      h.ui.stdin.write('\x1b');
      await until(() => !(h.ui.lastFrame() ?? '').includes('cancel the newest running job'), 'the help to close');
      h.ui.stdin.write('\x03');
      await until(() => h.quits === 1, 'quit');
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
      await type(h.ui, `watch ${drop}\r`);
      await until(() => (h.ui.lastFrame() ?? '').includes('watching drop/'), 'the watch to start', { ms: 20_000 });
      await import('node:fs/promises').then((fs) => fs.copyFile(clip, join(drop, 'dropped.mp4')));
      // A whole lifecycle (upload, turn, render, download): minutes on a busy machine, not one.
      await until(() => allFrames(h.ui).includes('dropped.mp4 →'), 'the dropped file to come out compressed', { ms: 170_000 });
      expect(readdirSync(h.outDir)).toContain('dropped.compressed.mp4');
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
