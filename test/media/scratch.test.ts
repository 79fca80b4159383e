import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder } from '../../src/media/scratch.js';
import { PROCESS_TAG } from '../../src/orphan-folders.js';

const before = process.env.TMPDIR;
afterEach(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
});

describe('scratch folders', () => {
  it('are named after this process, and the first one removes what a killed process left in the temp folder', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'scratch-'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const kept = [`compressor-${PROCESS_TAG}-passlog-AbC123`, 'compressor-tests-x', 'compressor-worker-Q1w2e3', 'someone-else'];
    for (const name of [`compressor-${gone}-123-check-Zz9Yy8`, ...kept]) {
      mkdirSync(join(temp, name));
      writeFileSync(join(temp, name, 'picked.nut'), 'frames');
    }
    process.env.TMPDIR = temp;
    const made = await scratchFolder('check');
    expect(made.startsWith(join(temp, `compressor-${PROCESS_TAG}-check-`))).toBe(true);
    expect(readdirSync(temp).sort()).toEqual([...kept, made.slice(temp.length + 1)].sort());
    await rm(temp, { recursive: true, force: true });
  });

  it('leave a folder the caller chose alone: it is the caller\'s to clear', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scratch-root-'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    mkdirSync(join(root, `compressor-${gone}-123-frames-Aa1Bb2`));
    const made = await scratchFolder('frames', root);
    expect(readdirSync(root)).toHaveLength(2);
    expect(made.startsWith(join(root, `compressor-${PROCESS_TAG}-frames-`))).toBe(true);
    await rm(root, { recursive: true, force: true });
  });
});
