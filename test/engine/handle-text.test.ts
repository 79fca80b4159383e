import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, handleText } from '../../src/engine/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';

// Lines as the user types them in the studio, against a real node.

const work = mkdtempSync(join(tmpdir(), 'handle-text-'));
let node: RenderNode;
let clip: string;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, name: 'party.mp4' });
});
afterAll(async () => {
  await node.close();
  rmSync(work, { recursive: true, force: true });
});

function newEngine() {
  return createEngine({ apiBase: node.url, store: defaultStore(join(work, `store-${crypto.randomUUID()}`)), liveState: false, env: {} });
}

describe('handleText', () => {
  it('applies the title on the node before exporting, in one line typed by the user', async () => {
    const engine = newEngine();
    const outDir = join(work, 'out');
    try {
      await handleText(engine, clip, { outDir, autoExport: false });
      await handleText(engine, "export with the title 'Happy Birthday'", { outDir, autoExport: false });
      const state = await engine.state();
      const title = state.draft?.t.find((track) => track.tt === 7)?.sg[0];
      expect(title?.m?.text).toBe('Happy Birthday');
      expect(readdirSync(outDir)).toEqual(['party.compressed.mp4']);
    } finally {
      engine.close();
    }
  });

  it('keeps the size of "upload and compress to …" said before the path, and says when a path names nothing', async () => {
    const engine = newEngine();
    const notices: string[] = [];
    engine.subscribe((event) => {
      if (event.name === 'notice') notices.push(event.payload.text);
    });
    const outDir = join(work, 'out-upload-first');
    try {
      await handleText(engine, 'upload and compress to 40KB', { outDir, autoExport: false });
      await handleText(engine, join(work, 'no-such.mp4'), { outDir, autoExport: false });
      expect(notices).toEqual([`Nothing found at ${join(work, 'no-such.mp4')}. Check the path, or paste it whole (quote a name that has spaces).`]);
      await handleText(engine, clip, { outDir, autoExport: false });
      await handleText(engine, 'export', { outDir, autoExport: false });
      const [output] = readdirSync(outDir);
      expect(statSync(join(outDir, output)).size).toBeLessThanOrEqual(40_000);
      expect(statSync(clip).size).toBeGreaterThan(40_000);
    } finally {
      engine.close();
    }
  });

  it('starts a new, empty project on "new project", remembered by the next studio on the same store', async () => {
    const store = defaultStore(join(work, 'store-start-over'));
    const engine = createEngine({ apiBase: node.url, store, liveState: false, env: {} });
    const outDir = join(work, 'out-start-over');
    try {
      await handleText(engine, `${clip} under 1MB`, { outDir, autoExport: false });
      const before = await engine.openSession();
      expect((await engine.state()).draft?.t.flatMap((track) => track.sg)).toHaveLength(1);
      await handleText(engine, 'new project', { outDir, autoExport: false });
      const after = await engine.openSession();
      expect(after.id).not.toBe(before.id);
      expect((await engine.state()).draft?.t.flatMap((track) => track.sg)).toEqual([]);
    } finally {
      engine.close();
    }
    const next = createEngine({ apiBase: node.url, store, liveState: false, env: {} });
    try {
      expect((await next.state()).draft?.t.flatMap((track) => track.sg)).toEqual([]);
    } finally {
      next.close();
    }
  });

  it('says after the export what the encode decided beyond the plan in the chat (here the quality search\'s CRF)', async () => {
    const engine = newEngine();
    const notices: string[] = [];
    engine.subscribe((event) => {
      if (event.name === 'notice') notices.push(event.payload.text);
    });
    const outDir = join(work, 'out-notes');
    try {
      await handleText(engine, `${clip} compress it without losing quality`, { outDir, autoExport: false });
      await handleText(engine, 'export', { outDir, autoExport: false });
      expect(readdirSync(outDir)).toEqual(['party.compressed.mp4']);
      expect(notices.at(-1)).toMatch(/^Quality search: CRF \d+ keeps SSIM 0\.9\d+ on the worst of /);
    } finally {
      engine.close();
    }
  });
});
