// One WebM/AV1 export of a clip with the ffmpeg this process chose (COMPRESSOR_FFMPEG/COMPRESSOR_FFPROBE
// pick the build), as the product makes it: compress() with a WebM container and a size target.
// Prints one JSON line for av1-line.ts, which runs it once per build; a process per build because the
// media core chooses its ffmpeg once per process.
//   node dist/bench/av1-encode.js CLIP OUT_DIR TARGET_BYTES
import { spawnSync } from 'node:child_process';
import { chosenFfmpeg, compress } from '../src/media/index.js';
import { versionWord } from '../src/media/ffmpeg-build.js';
import { runScript } from './run-script.js';

/** What one export measured: the build, the encoder the plan chose, and the times against the output's length. */
export type Av1Run = { ffmpeg: string; version: string; encoder: string; outputSec: number; encodeSec: number; totalSec: number; bytes: number; attempts: number };

async function main(argv: string[]): Promise<number> {
  const [clip, outDir, target] = argv;
  if (!clip || !outDir || !target) {
    console.error('usage: node dist/bench/av1-encode.js CLIP OUT_DIR TARGET_BYTES');
    return 2;
  }
  const { ffmpeg } = chosenFfmpeg();
  const version = versionWord(spawnSync(ffmpeg, ['-hide_banner', '-version'], { encoding: 'utf8' }).stdout ?? '');
  const result = await compress(clip, { container: 'webm', targetBytes: Number(target) }, { outDir, outName: 'av1.webm' });
  const run: Av1Run = {
    ffmpeg,
    version,
    encoder: result.plan.encoder,
    outputSec: result.durationSec,
    encodeSec: result.timings.encodeMs / 1000,
    totalSec: result.timings.totalMs / 1000,
    bytes: result.bytes,
    attempts: result.attempts,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
  return 0;
}

runScript(main);
