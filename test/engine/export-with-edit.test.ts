import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, handleText } from '../../src/engine/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';

const work = mkdtempSync(join(tmpdir(), 'export-edit-'));
let node: RenderNode;
let clip: string;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, name: 'party.mp4' });
});
afterAll(() => node.close());

describe('an export that also asks for an edit', () => {
  it('applies the title on the node before exporting, in one line typed by the user', async () => {
    const engine = createEngine({ apiBase: node.url, store: defaultStore(join(work, 'store')), liveState: false, env: {} });
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
});
