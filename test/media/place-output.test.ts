import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOutputName, placeOutput } from '../../src/media/place-output.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'place-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('placeOutput', () => {
  it('names outputs <stem>.compressed.<ext>', () => {
    expect(defaultOutputName('/a/b/My Clip.final.MOV', 'mp4')).toBe('My Clip.final.compressed.mp4');
  });

  it('never replaces an existing file: adds (2), (3)… and removes the temp file', async () => {
    await writeFile(path.join(dir, 'x.compressed.mp4'), 'precious');
    const placed: string[] = [];
    for (const content of ['one', 'two']) {
      const temp = path.join(dir, `.compressing-${content}.mp4`);
      await writeFile(temp, content);
      placed.push(path.basename(await placeOutput(temp, dir, 'x.compressed.mp4')));
    }
    expect(placed).toEqual(['x.compressed (2).mp4', 'x.compressed (3).mp4']);
    expect(await readFile(path.join(dir, 'x.compressed.mp4'), 'utf8')).toBe('precious');
    expect(await readFile(path.join(dir, 'x.compressed (3).mp4'), 'utf8')).toBe('two');
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
