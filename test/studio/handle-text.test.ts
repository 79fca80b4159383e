import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { handleText, StudioWatch } from '../../src/studio/index.js';
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

type Studio = { engine: Engine; outDir: string; notices: string[]; type: (text: string) => Promise<void> };

/** An engine with its own store (`name`), the notices it raises, and a way to type a line into it. */
function studio(name: string): Studio {
  const engine = createEngine({ apiBase: node.url, accessKey: node.accessKey, store: defaultStore(join(work, `store-${name}`)), liveState: false, env: {} });
  const outDir = join(work, `out-${name}`);
  const notices: string[] = [];
  engine.subscribe((event) => {
    if (event.name === 'notice') notices.push(event.payload.text);
  });
  return { engine, outDir, notices, type: (text) => handleText(engine, text, { outDir, autoExport: false, watch: new StudioWatch(engine) }) };
}

const segments = async (engine: Engine) => (await engine.state()).draft?.t.flatMap((track) => track.sg);

describe('handleText', () => {
  it.each([
    ['credits', /^Credits: (unlimited|\d+ available)/],
    ['balance', /^Credits: /],
    ['how many credits do I have?', /^Credits: /],
    ['积分', /^积分/],
    ['余额', /^积分/],
  ])('answers "%s" with the balance in one line, in its own language', async (text, sentence) => {
    const { engine, notices, type } = studio(`credits-${text.length}-${text.charCodeAt(0)}`);
    try {
      await type(text);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(sentence);
    } finally {
      engine.close();
    }
  });

  it('applies the title on the node before exporting, in one line typed by the user', async () => {
    const { engine, outDir, type } = studio('title');
    try {
      await type(clip);
      await type("export with the title 'Happy Birthday'");
      const state = await engine.state();
      const title = state.draft?.t.find((track) => track.tt === 7)?.sg[0];
      expect(title?.m?.text).toBe('Happy Birthday');
      expect(readdirSync(outDir)).toEqual(['party.compressed.mp4']);
    } finally {
      engine.close();
    }
  });

  it('keeps the size of "upload and compress to …" said before the path, and says when a path names nothing', async () => {
    const { engine, outDir, notices, type } = studio('upload-first');
    try {
      await type('upload and compress to 40KB');
      await type(join(work, 'no-such.mp4'));
      expect(notices).toEqual([`Nothing found at ${join(work, 'no-such.mp4')}. Check the path, or paste it whole (quote a name that has spaces).`]);
      await type(clip);
      await type('export');
      const [output] = readdirSync(outDir);
      expect(statSync(join(outDir, output)).size).toBeLessThanOrEqual(40_000);
      expect(statSync(clip).size).toBeGreaterThan(40_000);
    } finally {
      engine.close();
    }
  });

  it('aims an instruction typed with several paths at those files, not at the newest alone', async () => {
    const { engine, type } = studio('two-paths');
    try {
      const [first, second] = await Promise.all(['first.mp4', 'second one.mp4'].map((name) => makeClip(work, { seconds: 1, name })));
      await type(clip);
      await type(`${first} '${second}' under 40KB`);
      const goals = Object.fromEntries(((await segments(engine)) ?? []).map((segment) => [segment.m.name, segment.m.goal?.targetBytes]));
      expect(goals).toEqual({ 'party.mp4': undefined, 'first.mp4': 40_000, 'second one.mp4': 40_000 });
      // "all of them" keeps its meaning: every file, the earlier one too.
      await type(`${first} ${second.replaceAll(' ', '\\ ')} all of them under 30KB`);
      const draft = (await engine.state()).draft;
      expect(draft?.m.targetBytes).toBe(30_000);
      expect((await segments(engine))?.filter((segment) => segment.m.goal?.targetBytes !== undefined)).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('says it when "watch" names a file, or "stop watching" finds no watch, and uploads nothing', async () => {
    const { engine, notices, type } = studio('watch-words');
    try {
      await type(`watch ${clip}`);
      await type('stop watching');
      expect(notices).toEqual([
        `${clip} is a file: a watch takes a folder, and each video dropped into it is compressed (say "watch ~/Drop"). To compress this file, paste its path alone.`,
        'No folder is being watched.',
      ]);
      expect(await segments(engine)).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('starts a new, empty project on "new project", remembered by the next studio on the same store', async () => {
    const first = studio('start-over');
    try {
      await first.type(`${clip} under 1MB`);
      const before = await first.engine.openSession();
      expect(await segments(first.engine)).toHaveLength(1);
      await first.type('new project');
      expect((await first.engine.openSession()).id).not.toBe(before.id);
      expect(await segments(first.engine)).toEqual([]);
    } finally {
      first.engine.close();
    }
    const next = studio('start-over');
    try {
      expect(await segments(next.engine)).toEqual([]);
    } finally {
      next.engine.close();
    }
  });

  it("says after the export what the encode decided beyond the plan in the chat (here the quality search's CRF)", async () => {
    const { engine, outDir, notices, type } = studio('notes');
    try {
      await type(`${clip} compress it without losing quality`);
      await type('export');
      expect(readdirSync(outDir)).toEqual(['party.compressed.mp4']);
      expect(notices.at(-1)).toMatch(/^Quality search: CRF \d+(\.5)? keeps (about )?(VMAF|SSIM) \d/);
    } finally {
      engine.close();
    }
  });

  it('exports into the folder a line names, and into the one "set the output folder to" chose from then on', async () => {
    const { engine, outDir, notices } = studio('folders');
    let current = outDir;
    const type = (text: string) => handleText(engine, text, { outDir: current, autoExport: false, watch: new StudioWatch(engine), setOutDir: (dir) => (current = dir) });
    try {
      await type(clip);
      await type(`export to ${join(work, 'once')}`);
      expect(readdirSync(join(work, 'once'))).toEqual(['party.compressed.mp4']);
      await type(`set the output folder to ${join(work, 'from-now-on')}`);
      expect(notices.at(-1)).toBe(`Exports now land in ${join(work, 'from-now-on')} (created on the first export), this time and next.`);
      await type('export');
      expect(readdirSync(join(work, 'from-now-on'))).toEqual(['party.compressed.mp4']);
    } finally {
      engine.close();
    }
  });

  it('exports by itself once "auto export on" was said, when a reply says the draft is ready', async () => {
    const { engine, outDir, notices } = studio('auto');
    let auto = false;
    const type = (text: string) => handleText(engine, text, { outDir, autoExport: auto, watch: new StudioWatch(engine), setAutoExport: (on) => (auto = on) });
    try {
      await type('auto export on');
      expect([auto, notices.at(-1)]).toEqual([true, 'Auto-export is on: a draft that is ready is exported by itself, into the output folder.']);
      await type(`${clip} under 1MB`);
      expect(readdirSync(outDir)).toEqual(['party.compressed.mp4']);
    } finally {
      engine.close();
    }
  });

  it('puts an output beside its video when no folder was named, and into a folder a line names', async () => {
    const { engine, outDir } = studio('beside');
    const sources = join(work, 'beside-sources');
    mkdirSync(sources);
    const local = await makeClip(sources, { seconds: 1, name: 'holiday.mp4' });
    const type = (text: string) => handleText(engine, text, { outDir, besideSources: true, autoExport: false, watch: new StudioWatch(engine) });
    try {
      await type(local);
      await type('export');
      expect(readdirSync(sources).sort()).toEqual(['holiday.compressed.mp4', 'holiday.mp4']);
      expect(existsSync(outDir)).toBe(false);
      await type(`export to ${join(work, 'beside-named')}`);
      expect(readdirSync(join(work, 'beside-named'))).toEqual(['holiday.compressed.mp4']);
    } finally {
      engine.close();
    }
  });
});
