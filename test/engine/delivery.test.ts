import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { processFile } from '../../src/studio/index.js';
import { PARTIAL_FOLDER } from '../../src/engine/partial-folder.js';
import { byteLength, NAME_MAX_BYTES } from '../../src/media/file-names.js';
import { startRenderNode, type RenderNode } from '../../src/server/index.js';
import { defaultStore } from '../../src/store/index.js';
import { makeClip } from '../helpers/clips.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { until } from '../helpers/until.js';
import { FaultProxy } from './fault-proxy.js';

// Delivering a render's file into the output folder: through a fault proxy around the real node.
const work = mkdtempSync(join(tmpdir(), 'delivery-'));
const bin = resolve('bin/compressor-studio.js');
const FILES = /^\/files\//;
let node: RenderNode;
let clip: string;
let round = 0;

beforeAll(async () => {
  node = await startRenderNode({ dataDir: join(work, 'node') });
  clip = await makeClip(work, { seconds: 1, name: 'clip.mp4', pattern: 'noise' });
});
afterAll(() => node.close());

async function withProxy<T>(use: (proxy: FaultProxy, outDir: string) => Promise<T>): Promise<T> {
  const proxy = await FaultProxy.start(node.url);
  try {
    return await use(proxy, join(work, `out-${++round}`));
  } finally {
    await proxy.close();
  }
}

/** The sizes of the partial downloads in an output folder's hidden temp folder. */
function partSizes(outDir: string): number[] {
  const partial = join(outDir, PARTIAL_FOLDER);
  if (!existsSync(partial)) return [];
  return readdirSync(partial, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('download.part'))
    .flatMap((name) => {
      try {
        return [statSync(join(partial, name)).size];
      } catch {
        return [];
      }
    });
}

const engineFor = (proxy: FaultProxy) =>
  createEngine({ apiBase: proxy.url, accessKey: node.accessKey, store: defaultStore(join(work, `store-${round}`)), env: {}, liveState: false, pollMs: 50 });

describe('delivering the rendered file', () => {
  it('resumes a download cut mid-way with one Range request, and ends with the whole, correct file', async () => {
    await withProxy(async (proxy, outDir) => {
      proxy.inject({ method: 'GET', path: FILES, fault: { kind: 'stall', afterBytes: 20_000 } });
      const delivering = processFile(engineFor(proxy), clip, { goalText: 'make it 240p', outDir });
      // Cut once the client has written what it got, so the resume must start from those bytes.
      // The upload, turn and render come first: on a busy machine that alone can take a minute or more.
      await until(() => partSizes(outDir).includes(20_000), 'the first 20000 bytes on disk', {
        ms: 170_000,
        context: () => JSON.stringify({ parts: partSizes(outDir), seen: proxy.seen.map((r) => `${r.method} ${r.path} ${r.headers.range ?? ''}`) }),
      });
      proxy.cutStalled();
      const result = await delivering;
      const gets = proxy.seen.filter((r) => r.method === 'GET' && FILES.test(r.path));
      expect(gets.map((r) => r.headers.range)).toEqual([undefined, 'bytes=20000-']);
      const whole = Buffer.from(await (await fetch(new URL(gets[0].path, node.url), { headers: { 'x-access-key': node.accessKey } })).arrayBuffer());
      expect(readFileSync(result.output).equals(whole)).toBe(true);
      expect(readdirSync(outDir)).toEqual(['clip.compressed.mp4']);
    });
  });

  it('delivers a 244-character input name, twice, within the 255-byte limit and leaves nothing else', async () => {
    const long = join(work, `${'a'.repeat(240)}.mp4`);
    await copyFile(await makeClip(work, { seconds: 1, width: 160, height: 120, name: 'small.mp4' }), long);
    await withProxy(async (proxy, outDir) => {
      const engine = engineFor(proxy);
      const first = await processFile(engine, long, { goalText: 'make it 240p', outDir });
      const second = await processFile(engine, long, { goalText: 'make it 240p', outDir });
      const names = readdirSync(outDir).sort();
      expect(names).toHaveLength(2);
      expect(names.every((name) => byteLength(name) <= NAME_MAX_BYTES && !name.startsWith('.'))).toBe(true);
      expect(second.output).toMatch(/^[^ ]+ \(2\)\.mp4$/);
      expect(statSync(first.output).size).toBe(first.bytes);
    });
  });

  it('a client killed with -9 mid-download leaves temp files that the next run removes', async () => {
    await withProxy(async (proxy, outDir) => {
      proxy.inject({ method: 'GET', path: FILES, fault: { kind: 'stall', afterBytes: 10_000 } });
      const env = { ...isolatedEnv(join(work, `cli-${round}`)), NEMO_ACCESS_KEY: node.accessKey };
      const child = spawn(process.execPath, [bin, 'run', clip, '-g', 'make it 240p', '-o', outDir, '--api', proxy.url, '--json'], { env, cwd: work, stdio: 'ignore' });
      const exited = new Promise((done) => child.on('exit', done));
      const partial = join(outDir, PARTIAL_FOLDER);
      const parts = () => (existsSync(partial) ? readdirSync(partial, { recursive: true }).map(String) : []);
      try {
        await until(() => partSizes(outDir).some((size) => size > 0), 'a partial download', { ms: 170_000 });
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      expect(parts().length).toBeGreaterThan(0);
      const next = await processFile(engineFor(proxy), clip, { goalText: 'make it 240p', outDir });
      expect(readdirSync(outDir)).toEqual(['clip.compressed.mp4']);
      expect(statSync(next.output).size).toBe(next.bytes);
    });
  });
});
