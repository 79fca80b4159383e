import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import type { RenderOutput } from '../../src/engine/api/types.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { planNoteText } from '../../src/wire/index.js';
import { makeClip } from '../helpers/clips.js';
import { stringValues, strayLatin } from '../helpers/wording-checks.js';

// A render's notes reach the user in the language of the instruction that asked for the export: the
// real node sends them as data beside its English prose, and the client words them.

const work = mkdtempSync(join(tmpdir(), 'export-notes-'));
let node: RenderNode;
let clip: string;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  // 160x120: "720p" is more than it has, so the encode runs at constant quality and searches its CRF.
  clip = await makeClip(work, { width: 160, height: 120, seconds: 1, audio: true, name: 'small.mp4' });
});
afterAll(async () => {
  await node.close();
  rmSync(work, { recursive: true, force: true });
});

/** Sends `instruction`, exports, and gives back the notices the export raised and the output as the node answered it. */
async function exportAfter(engine: Engine, instruction: string, outDir: string): Promise<{ notices: string[]; output: RenderOutput }> {
  await engine.send(instruction);
  const notices: string[] = [];
  const outputs: RenderOutput[] = [];
  const onNotice = ({ jobId, text }: { jobId?: string; text: string }) => void (jobId !== undefined && notices.push(text));
  const onDone = ({ outputs: answered }: { outputs: RenderOutput[] }) => void outputs.push(...answered);
  engine.on('notice', onNotice);
  engine.on('render:done', onDone);
  try {
    await engine.exportDraft({ outDir });
  } finally {
    engine.off('notice', onNotice);
    engine.off('render:done', onDone);
  }
  return { notices, output: outputs[0] };
}

describe("a render's notes, in the instruction's language", () => {
  it('come in Chinese after a Chinese instruction, then in English after an English one, in one session', async () => {
    const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, 'store')), liveState: false, env: {} });
    try {
      await engine.upload([clip]);

      const zh = await exportAfter(engine, '转成720p', join(work, 'out-zh'));
      // The wire still carries the English prose for other clients, and the same notes as data.
      expect(zh.output.notes?.some((note) => /^Quality search: CRF \d+(\.5)? /.test(note))).toBe(true);
      expect(zh.output.planNotes?.map((note) => note.code)).toContain('quality-search');
      expect(zh.notices).toEqual(zh.output.planNotes?.map((note) => planNoteText(note, 'zh')));
      expect(zh.notices.some((notice) => /^画质搜索：CRF \d+(\.5)? /.test(notice))).toBe(true);
      zh.output.planNotes?.forEach((note, i) => expect(strayLatin(zh.notices[i], stringValues(note))).toBe(''));

      const en = await exportAfter(engine, 'make it 480p', join(work, 'out-en'));
      // Exactly what an English user saw before the notes came as data: the node's own prose.
      expect(en.notices).toEqual(en.output.notes);
      expect(en.notices.some((notice) => /^Quality search: CRF \d+(\.5)? /.test(notice))).toBe(true);
      expect(en.notices.join('\n')).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      engine.close();
    }
  });
});
