import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { compress } from '../src/media/index.js';
import type { BenchRow } from './bench-row.js';
import type { CopyCheck } from './must-show.js';
import type { Clip } from './size-bench.js';

/** How far above the input's size the copy check sets its target, so the input is plainly under it. */
const COPY_TARGET_HEADROOM = 1.1;

/**
 * The naive encode the copy check feeds back in: at the largest target, from a clip with audio that
 * the product would keep as is (1080p or less, SDR), preferring the one that took longest to encode
 * so the comparison is not lost in process start-up. Undefined when no row qualifies.
 */
export function pickCopyInput(rows: readonly BenchRow[], clips: readonly Clip[], naive = 'naive'): BenchRow | undefined {
  const largest = Math.max(...rows.map((row) => row.targetPercent));
  const keepable = (name: string) => {
    const info = clips.find((clip) => clip.name === name)?.info;
    const video = info?.video;
    return info?.audio !== undefined && video !== undefined && video.hdr === undefined && Math.min(video.displayWidth, video.displayHeight) <= 1080;
  };
  return rows
    .filter((row) => row.tool === naive && row.targetPercent === largest && row.output !== undefined && keepable(row.clip))
    .sort((a, b) => (b.wallMs ?? 0) - (a.wallMs ?? 0))[0];
}

/**
 * Runs an already-small H.264/AAC MP4 (a naive output) through compress with a target above its
 * size and times it against the encode that produced it.
 */
export async function runCopyCheck(input: BenchRow, workDir: string): Promise<CopyCheck> {
  const outDir = path.join(workDir, 'copy-check');
  await mkdir(outDir, { recursive: true });
  const inputBytes = input.bytes as number;
  const targetBytes = Math.ceil(inputBytes * COPY_TARGET_HEADROOM);
  const started = performance.now();
  const result = await compress(input.output as string, { targetBytes }, { outDir });
  return {
    clip: input.clip,
    inputBytes,
    targetBytes,
    encodeMs: input.wallMs as number,
    oursMs: performance.now() - started,
    mode: result.plan.mode,
    outputBytes: result.bytes,
  };
}
