import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFile, readJsonFile, writeJsonAtomic } from '../../src/server/persist.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'persist-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('persist', () => {
  it('writes through a temp file and leaves only the final file', async () => {
    await writeJsonAtomic(join(dir, 'a', 'x.json'), { n: 1 });
    expect(await readdir(join(dir, 'a'))).toEqual(['x.json']);
    expect(await readJsonFile(join(dir, 'a', 'x.json'))).toEqual({ n: 1 });
  });

  it('reads a missing file as undefined', async () => {
    expect(await readJsonFile(join(dir, 'none.json'))).toBeUndefined();
  });

  it('lands the latest snapshot when saves overlap', async () => {
    const file = new JsonFile<{ n: number }>(join(dir, 'x.json'));
    let n = 0;
    const saves = Array.from({ length: 20 }, () => {
      n += 1;
      const value = n;
      return file.save(() => ({ n: value }));
    });
    await Promise.all(saves);
    expect(await file.load()).toEqual({ n: 20 });
    expect(await readdir(dir)).toEqual(['x.json']);
  });
});
