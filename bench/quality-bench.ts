import { stat } from 'node:fs/promises';
import path from 'node:path';
import { compress, runFfmpeg, type FfmpegTools } from '../src/media/index.js';
import { handbrakeQualityArgs, runHandbrake } from './handbrake.js';
import { measureQuality } from './quality-metrics.js';
import { referenceFrame, type Clip } from './size-bench.js';

/** The promise the quality mode makes: whole-clip VMAF of the output against the source. */
export const QUALITY_VMAF_BAR = 95;

/** Who made a quality-mode output. */
export type QualityTool = 'ours' | 'naive-crf' | 'handbrake' | 'oracle';

/** One quality-mode encode: its whole-clip VMAF, size and wall time; ours adds its verification's cost. */
export type QualityRow = {
  clip: string;
  tool: QualityTool;
  vmaf?: number;
  bytes?: number;
  wallMs?: number;
  crf?: number;
  /** Ours: the search, the encode(s) and the output check, from compress()'s own timings. */
  searchMs?: number;
  encodeMs?: number;
  verifyMs?: number;
  /** Ours: the quality compress() reported for its output (measured on a subsample). */
  reported?: number;
  error?: string;
};

export type QualityBenchSettings = {
  workDir: string;
  vmafModel: string;
  /** The ffmpeg with libvmaf that measures (the product's meter). */
  meterTools?: FfmpegTools;
  handbrake?: string;
  log: (line: string) => void;
};

/** The naive recipe: x264's defaults (medium, CRF 23) and AAC 128k, as one ffmpeg line would do it. */
const NAIVE_CRF = 23;
/** The oracle's bisection range: the largest CRF in it whose whole clip reaches the bar. */
const ORACLE_RANGE: [number, number] = [12, 40];

/**
 * Per clip: ours ('visually-lossless'), the naive CRF 23, HandBrake Fast 1080p30 (RF 22) when
 * installed, and the oracle (the largest x264-medium CRF whose whole-clip VMAF reaches 95, by
 * bisection). Every output is scored whole against the source as displayed.
 */
export async function runQualityBench(clips: readonly Clip[], settings: QualityBenchSettings): Promise<QualityRow[]> {
  const rows: QualityRow[] = [];
  for (const clip of clips) {
    const frame = referenceFrame(clip.info);
    const score = async (output: string) => (await measureQuality(output, clip.path, frame, { vmafModel: settings.vmafModel, tools: settings.meterTools })).vmaf;
    const stem = path.join(settings.workDir, path.parse(clip.name).name);
    const timed = async (tool: QualityTool, run: () => Promise<{ output: string } & Partial<QualityRow>>): Promise<QualityRow> => {
      const row: QualityRow = { clip: clip.name, tool };
      try {
        const started = performance.now();
        const { output, ...extra } = await run();
        Object.assign(row, extra, { wallMs: performance.now() - started, bytes: (await stat(output)).size });
        row.vmaf = await score(output);
      } catch (error) {
        row.error = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);
      }
      settings.log(`${clip.name} ${tool}: ${row.error ?? `VMAF ${row.vmaf?.toFixed(2)}, ${row.bytes} B, ${((row.wallMs ?? 0) / 1000).toFixed(1)} s`}`);
      rows.push(row);
      return row;
    };
    await timed('ours', async () => {
      const result = await compress(clip.path, { quality: 'visually-lossless' }, { outDir: settings.workDir, outName: `${path.basename(stem)}.ours.mp4` });
      const { searchMs, encodeMs, verifyMs } = result.timings;
      return { output: result.output, crf: result.plan.crf, searchMs, encodeMs, verifyMs, reported: result.quality?.mean };
    });
    await timed('naive-crf', async () => ({ output: await naiveCrf(clip.path, NAIVE_CRF, `${stem}.naive.mp4`), crf: NAIVE_CRF }));
    const handbrake = settings.handbrake;
    if (handbrake) await timed('handbrake', async () => {
      const output = `${stem}.handbrake.mp4`;
      await runHandbrake(handbrake, handbrakeQualityArgs(clip.path, output));
      return { output };
    });
    await timed('oracle', async () => oracle(clip.path, stem, score));
  }
  return rows;
}

/** One ffmpeg line at a CRF: x264 medium, yuv420p, AAC 128k, the first video and audio streams. */
async function naiveCrf(input: string, crf: number, output: string): Promise<string> {
  await runFfmpeg(['-y', '-i', input, '-map', '0:v:0', '-map', '0:a:0?', '-c:v', 'libx264', '-preset', 'medium', '-crf', String(crf), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', output]);
  return output;
}

/** The largest CRF whose whole clip reaches the bar, by bisection (its wall time is the bisection's, not a competitor's). */
async function oracle(input: string, stem: string, score: (output: string) => Promise<number | undefined>): Promise<{ output: string; crf: number }> {
  let [pass, fail] = [ORACLE_RANGE[0], ORACLE_RANGE[1] + 1];
  let best = { output: await naiveCrf(input, pass, `${stem}.oracle${pass}.mp4`), crf: pass };
  while (fail - pass > 1) {
    const crf = Math.floor((pass + fail) / 2);
    const output = await naiveCrf(input, crf, `${stem}.oracle${crf}.mp4`);
    if (((await score(output)) ?? 0) >= QUALITY_VMAF_BAR) [pass, best] = [crf, { output, crf }];
    else fail = crf;
  }
  return best;
}
