import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanceledError } from '../../src/errors.js';
import { createEngine } from '../../src/engine/index.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';

// A studio batch shares one render on a real node; its jobs are canceled one by one.

const work = mkdtempSync(join(tmpdir(), 'export-session-'));
let node: RenderNode;
let clips: string[];

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clips = [await makeClip(work, { seconds: 1, name: 'first.mp4' }), await makeClip(work, { seconds: 1, name: 'second.mp4' })];
});
afterAll(async () => {
  await node.close();
  rmSync(work, { recursive: true, force: true });
});

async function batch(name: string) {
  const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, `store-${name}`)), liveState: false, env: {} });
  await engine.upload(clips);
  return { engine, outDir: join(work, `out-${name}`) };
}

describe('a batch export', () => {
  it('canceling one item skips that file and still delivers the others', async () => {
    const { engine, outDir } = await batch('one');
    try {
      const canceled: string[] = [];
      engine.on('render:queued', ({ jobId }) => {
        if (canceled.length === 0) {
          canceled.push(jobId);
          engine.cancel(jobId);
        }
      });
      const delivered = await engine.exportDraft({ outDir });
      expect(delivered.map((file) => file.output)).toEqual([join(outDir, 'second.compressed.mp4')]);
      expect(readdirSync(outDir)).toEqual(['second.compressed.mp4']);
      expect(engine.jobs().map((job) => [job.input, job.status])).toEqual([['first.mp4', 'canceled'], ['second.mp4', 'done']]);
    } finally {
      engine.close();
    }
  });

  it('canceling every item stops the export and writes nothing', async () => {
    const { engine, outDir } = await batch('all');
    try {
      engine.on('render:queued', ({ jobId }) => engine.cancel(jobId));
      await expect(engine.exportDraft({ outDir })).rejects.toBeInstanceOf(CanceledError);
      expect(engine.jobs().map((job) => job.status)).toEqual(['canceled', 'canceled']);
      expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('an output folder that cannot be made fails each job with one sentence, leaving nothing', async () => {
    const { engine } = await batch('unwritable');
    try {
      const outDir = join(clips[0], 'out'); // under a file: no folder can be made there
      await expect(engine.exportDraft({ outDir })).rejects.toThrow();
      expect(engine.jobs().map((job) => job.status)).toEqual(['failed', 'failed']);
      expect(engine.jobs()[0].error).toBe(`${outDir}: a part of the path is a file, not a folder. Check the path, or choose another folder.`);
    } finally {
      engine.close();
    }
  });
});
