import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Quality } from '../goal/types.js';
import { CODECS } from './codec-table.js';
import { videoCodecArgs, videoFilters } from './encode-args.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { localFile, runFfmpeg } from './run-ffmpeg.js';
import type { EncodePlan, MediaInfo } from './types.js';
import { scratchFolder } from './scratch.js';

/**
 * The SSIM (ffmpeg's "All", 0..1) the worst sample must reach for each quality; edit here to
 * retune. 'visually-lossless' is calibrated against VMAF (bench/RESULTS.md, "SSIM threshold
 * calibration"): SSIM ≥ 0.9939 put every dev clip at VMAF ≥ 95, while 0.985 let 12 encodes through
 * under 95. The others step down from it: 'high' ≈ VMAF 93–95 there, 'small' ≈ 88–92.
 */
export const SSIM_THRESHOLDS: Record<Quality, number> = {
  'visually-lossless': 0.994,
  high: 0.99,
  balanced: 0.98,
  small: 0.97,
};

/**
 * The search must cost a fraction of the encode it tunes: at most three CRF tries on a few
 * seconds of samples. The samples use the final preset: at a faster one the same CRF measured
 * much lower (veryfast needed CRF 18 where medium reached the bar at 25, on the flower clip).
 */
const MAX_PROBES = 3;
const SAMPLE_SEC = 1.5;

/** One measured CRF. */
export type CrfProbe = { crf: number; ssim: number; videoKbps: number };

/** What the search found: the CRF to use, and the video bitrate it should come out at. */
export type QualitySearchResult = { crf: number; ssim: number; videoKbps: number; probes: CrfProbe[]; sampleSec: number };

/**
 * Finds the highest CRF whose worst sample still reaches the quality's SSIM threshold, the
 * ab-av1 way: cut short samples from across the clip (through the plan's own filters, losslessly,
 * once), encode them at a few CRFs chosen by bisection, and compare each to its reference.
 * SSIM rather than VMAF: this ffmpeg's libvmaf needs a model file that npm does not ship.
 */
export async function searchQuality(
  plan: EncodePlan,
  info: MediaInfo,
  quality: Quality,
  options: { signal?: AbortSignal; span?: ProgressSpan; maxVideoKbps?: number; scratchDir?: string } = {},
): Promise<QualitySearchResult> {
  const span = options.span ?? progressSpan(undefined);
  const threshold = SSIM_THRESHOLDS[quality];
  const [lowest, highest] = CODECS[plan.codec].crfRange;
  const workDir = await scratchFolder('samples', options.scratchDir);
  try {
    const samples = chooseSamples(plan.trim?.startSec ?? 0, plan.durationSec);
    const seconds = samples.starts.length * samples.sampleSec;
    const reference = path.join(workDir, 'reference.mkv');
    await runFfmpeg(referenceArgs(plan, info, samples, reference), { signal: options.signal, onProgress: span.slice(0, 0.2).ffmpeg('sample'), durationSec: seconds });

    const probes: CrfProbe[] = [];
    let crf = plan.crf ?? CODECS[plan.codec].startCrf[quality];
    let step = 3;
    let floor = lowest;
    let ceiling = highest;
    for (let i = 0; i < MAX_PROBES && floor <= ceiling; i++) {
      const probeSpan = span.slice(0.2 + (0.8 * i) / MAX_PROBES, 0.2 + (0.8 * (i + 1)) / MAX_PROBES);
      const probe = await measure(plan, crf, reference, samples.starts.length, seconds, workDir, probeSpan, options.signal);
      probes.push(probe);
      // Short of the bar and already over the size cap: a better CRF only gets bigger, stop here.
      if (probe.ssim < threshold && options.maxVideoKbps !== undefined && probe.videoKbps > options.maxVideoKbps) break;
      if (probe.ssim >= threshold) floor = crf + 1;
      else ceiling = crf - 1;
      crf = Math.min(ceiling, Math.max(floor, probe.ssim >= threshold ? crf + step : crf - step));
      step = Math.max(1, Math.round(step / 2));
    }
    span.report('sample', 1);
    const passing = probes.filter((p) => p.ssim >= threshold).sort((a, b) => b.crf - a.crf)[0];
    // Nothing passed: take the best CRF tried (the lowest), the closest this search got.
    const chosen = passing ?? [...probes].sort((a, b) => a.crf - b.crf)[0];
    return { ...chosen, probes, sampleSec: seconds };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Where the samples are cut. */
export type Samples = { starts: number[]; sampleSec: number };

/** One sample from the middle of a short clip, two or three spread across a long one. */
export function chooseSamples(startSec: number, durationSec: number): Samples {
  const sampleSec = Math.min(SAMPLE_SEC, durationSec);
  const count = durationSec >= 20 ? 3 : durationSec >= 8 ? 2 : 1;
  const starts = Array.from({ length: count }, (_, i) => startSec + Math.max(0, ((i + 0.5) / count) * durationSec - sampleSec / 2));
  return { starts, sampleSec };
}

/** One lossless file of all samples, already through the plan's filters (tone-map, crop, scale): what samples are measured against. */
export function referenceArgs(plan: EncodePlan, info: MediaInfo, { starts, sampleSec }: Samples, output: string): string[] {
  const args = ['-y'];
  for (const start of starts) args.push('-ss', start.toFixed(3), '-t', sampleSec.toFixed(3), '-i', localFile(info.path));
  const filters = videoFilters(plan, info).join(',') || 'null';
  const chains = starts.map((_, i) => `[${i}:v:0]${filters}[s${i}]`);
  const inputs = starts.map((_, i) => `[s${i}]`).join('');
  // From time zero, as every encode made from it starts: the trial's fps filter counts from there.
  args.push('-filter_complex', `${chains.join(';')};${inputs}concat=n=${starts.length}:v=1:a=0,setpts=PTS-STARTPTS[ref]`, '-map', '[ref]');
  return [...args, '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p', '-f', 'matroska', output];
}

async function measure(
  plan: EncodePlan,
  crf: number,
  reference: string,
  sampleCount: number,
  seconds: number,
  workDir: string,
  span: ProgressSpan,
  signal: AbortSignal | undefined,
): Promise<CrfProbe> {
  const encoded = path.join(workDir, `crf${crf}.${plan.container === 'webm' ? 'webm' : 'mkv'}`);
  const codec = videoCodecArgs({ ...plan, mode: 'crf', crf }, { kind: 'single' });
  await runFfmpeg(['-y', '-i', reference, ...codec, '-pix_fmt', 'yuv420p', '-an', encoded], { signal, durationSec: seconds, onProgress: span.slice(0, 0.7).ffmpeg('sample') });
  const perFrame = await measureSsim(encoded, reference, { statsFile: path.join(workDir, `ssim${crf}.log`), signal, durationSec: seconds, span: span.slice(0.7, 1) });
  const bytes = (await stat(encoded)).size;
  return { crf, ssim: worstChunkMean(perFrame, sampleCount), videoKbps: (bytes * 8) / seconds / 1000 };
}

/**
 * Per-frame SSIM of `encoded` against `reference`; `prefilter` first brings the encode back to the
 * reference's size and rate (for a smaller or slower trial encode).
 */
export async function measureSsim(
  encoded: string,
  reference: string,
  options: { statsFile: string; prefilter?: string; signal?: AbortSignal; durationSec: number; span: ProgressSpan },
): Promise<number[]> {
  // Frames are paired by their order, not their times: Matroska keeps milliseconds, so a 29.97 fps
  // encode's times round differently from its reference's and the ssim filter paired every few
  // frames with a neighbour (SSIM 0.97 where the frames agreed to 0.994).
  const inOrder = 'settb=AVTB,setpts=N';
  const graph = `[0:v]${options.prefilter ? `${options.prefilter},` : ''}${inOrder}[e];[1:v]${inOrder}[r];[e][r]ssim=stats_file=${escapeFilterPath(options.statsFile)}`;
  await runFfmpeg(['-i', encoded, '-i', reference, '-lavfi', graph, '-f', 'null', '-'], {
    signal: options.signal,
    durationSec: options.durationSec,
    onProgress: options.span.ffmpeg('sample'),
  });
  return parseSsimStats(await readFile(options.statsFile, 'utf8'));
}

/** The per-frame "All" values of an ssim stats file (lines like `n:1 Y:0.99 U:0.98 V:0.98 All:0.987 (19.1)`). */
export function parseSsimStats(text: string): number[] {
  return text
    .split('\n')
    .map((line) => /All:([\d.]+)/.exec(line)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

/** The lowest of the means of `chunks` equal runs of frames: the worst sample's SSIM. */
export function worstChunkMean(values: number[], chunks: number): number {
  if (values.length === 0) return 0;
  const size = Math.max(1, Math.floor(values.length / chunks));
  let worst = 1;
  for (let i = 0; i < values.length; i += size) {
    const chunk = values.slice(i, i + size);
    if (chunk.length < size / 2) break; // a stub of leftover frames is not a sample
    worst = Math.min(worst, chunk.reduce((a, b) => a + b, 0) / chunk.length);
  }
  return worst;
}

/** Filter arguments treat ':' and '\' specially; a temp path may contain neither, but be safe. */
function escapeFilterPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/:/g, '\\:').replace(/'/g, "\\'");
}
