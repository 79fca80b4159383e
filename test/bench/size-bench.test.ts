import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSizeBench, type Clip } from '../../bench/size-bench.js';
import { naiveTwoPass } from '../../bench/naive-two-pass.js';
import type { BenchTool } from '../../bench/encode-job.js';
import { probe } from '../../src/media/index.js';
import { makeClip } from '../helpers/clips.js';

// A row is the tool's result: an output the bench then cannot measure still counts with its bytes
// and time (and says it was not measured), where it used to be counted as a failed encode.

let dir: string;
let clip: Clip;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'size-bench-'));
  const file = await makeClip(dir, { width: 320, height: 180, seconds: 1, name: 'clip.mp4' });
  clip = { path: file, name: 'clip.mp4', info: await probe(file) };
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('runSizeBench', () => {
  it('keeps a finished encode whose output cannot be measured, and measures one that can', async () => {
    // An output the probe and the metrics cannot read (a tool that wrote something odd).
    const unreadable: BenchTool = {
      name: 'odd',
      async encode(job) {
        const output = path.join(job.outDir, `${job.stem}.mp4`);
        await writeFile(output, 'not a video');
        return { output };
      },
    };
    const rows = await runSizeBench([clip], [unreadable, naiveTwoPass], { targetPercents: [50], workDir: dir, log: () => undefined });
    const [odd, naive] = rows;
    expect(odd).toMatchObject({ tool: 'odd', bytes: 11 });
    expect(odd.error).toBeUndefined();
    expect(odd.wallMs).toBeGreaterThanOrEqual(0);
    expect(odd.note).toMatch(/^not measured: /);
    expect(odd.ssim).toBeUndefined();
    expect(naive.error).toBeUndefined();
    expect(naive.ssim).toBeGreaterThan(0.5);
    expect(naive.note ?? '').not.toMatch(/not measured/);
  }, 120_000);
});
