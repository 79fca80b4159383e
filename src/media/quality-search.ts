import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Quality } from '../goal/types.js';
import { CODECS } from './codec-table.js';
import { videoCodecArgs, videoFilters } from './encode-args.js';
import { scoreFrames, subsampleFor } from './frame-scores.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { capBinds, crossing, headroom, nextCrf, slopeOf, type Measured } from './quality-bar.js';
import type { QualityMeter } from './quality-meter.js';
import { localFile, runFfmpeg } from './run-ffmpeg.js';
import { chooseSamples, clipRateShare, readActivity, type Samples } from './sample-windows.js';
import type { EncodePlan, MediaInfo } from './types.js';
import { scratchFolder } from './scratch.js';

/**
 * At most three CRF tries: the first from the codec's start, the second from the measured distance
 * to the bar, the third interpolated between the two. The samples use the final preset: at a faster
 * one the same CRF measured much lower (veryfast needed CRF 18 where medium reached the bar at 25).
 */
const MAX_PROBES = 3;

/** Sample frames scored per try: every 4th at most (see subsampleFor). */
export const SAMPLE_EVERY = 4;

/** One measured CRF: its score pooled, how far above (+) or below (−) the bar that is, and the bitrate the whole clip would take at it. */
export type CrfProbe = Measured & { crf: number; videoKbps: number };

/**
 * What the search found: the CRF to use, what it measured (or, `between` two tries, what the line
 * between them gives), and the video bitrate it should come out at.
 */
export type QualitySearchResult = CrfProbe & { probes: CrfProbe[]; sampleSec: number; passed: boolean; reused?: boolean; between?: [number, number]; whole?: boolean };

type SearchOptions = { signal?: AbortSignal; span?: ProgressSpan; maxVideoKbps?: number; scratchDir?: string };

/**
 * Finds the highest CRF whose samples still reach the quality's bar (VMAF mean and 5th percentile,
 * or SSIM where no libvmaf exists), the ab-av1 way done cheaper: samples from the busiest part of
 * each stretch of the clip (the whole of a short one), cut through the plan's own filters losslessly
 * once, then encoded at CRFs chosen by interpolating the measured distance to the bar. Results are
 * kept per source and plan, so a re-plan of the same file does not search again.
 */
export async function searchQuality(plan: EncodePlan, info: MediaInfo, quality: Quality, meter: QualityMeter, options: SearchOptions = {}): Promise<QualitySearchResult> {
  const known = await knownSearch(plan, info, quality, meter);
  if (known) return known;
  const found = await search(plan, info, quality, meter, options);
  await rememberSearch(plan, info, quality, meter, found, options.maxVideoKbps !== undefined);
  return found;
}

/** What an earlier search of this file through these settings found (`reused`), if one did. */
export async function knownSearch(plan: EncodePlan, info: MediaInfo, quality: Quality, meter: QualityMeter): Promise<QualitySearchResult | undefined> {
  const known = searchCache.get(await cacheKey(plan, info, quality, meter));
  return known && { ...known, reused: true };
}

/** Keeps a search's answer for a re-plan of the same file; not one cut short by a size cap (it answered another question). */
export async function rememberSearch(plan: EncodePlan, info: MediaInfo, quality: Quality, meter: QualityMeter, found: QualitySearchResult, capped: boolean): Promise<void> {
  if (!capped || found.passed) remember(await cacheKey(plan, info, quality, meter), found);
}

async function search(plan: EncodePlan, info: MediaInfo, quality: Quality, meter: QualityMeter, options: SearchOptions): Promise<QualitySearchResult> {
  const span = options.span ?? progressSpan(undefined);
  const [lowest, highest] = CODECS[plan.codec].crfRange;
  const workDir = await scratchFolder('samples', options.scratchDir);
  try {
    const startSec = plan.trim?.startSec ?? 0;
    const activity = await readActivity(info.path, options.signal);
    const samples = chooseSamples(startSec, plan.durationSec, activity);
    const rateShare = clipRateShare(activity, samples, startSec, plan.durationSec);
    const seconds = samples.starts.length * samples.sampleSec;
    const reference = path.join(workDir, 'reference.mkv');
    await runFfmpeg(referenceArgs(plan, info, samples, reference), { signal: options.signal, onProgress: span.slice(0, 0.15).ffmpeg('sample'), durationSec: seconds });
    const frameCount = Math.round(seconds * (plan.fps ?? info.video?.avgFps ?? 30));
    const subsample = subsampleFor(frameCount, SAMPLE_EVERY);

    const probes: CrfProbe[] = [];
    // The plan's CRF is the SSIM-calibrated start; VMAF has its own.
    const start = meter.metric === 'vmaf' ? CODECS[plan.codec].vmafStartCrf[quality] : (plan.crf ?? CODECS[plan.codec].startCrf[quality]);
    let crf: number | undefined = Math.min(highest, Math.max(lowest, start));
    for (let i = 0; crf !== undefined && i < MAX_PROBES; i++) {
      const probeSpan = span.slice(0.15 + (0.85 * i) / MAX_PROBES, 0.15 + (0.85 * (i + 1)) / MAX_PROBES);
      const encoded = path.join(workDir, `crf${crf}.${plan.container === 'webm' ? 'webm' : 'mkv'}`);
      const codec = videoCodecArgs({ ...plan, mode: 'crf', crf }, { kind: 'single' });
      await runFfmpeg(['-y', '-i', reference, ...codec, '-pix_fmt', 'yuv420p', '-an', encoded], { signal: options.signal, durationSec: seconds, onProgress: probeSpan.slice(0, 0.7).ffmpeg('sample') });
      const scores = await scoreFrames(
        { distorted: ['-i', localFile(encoded)], reference: ['-i', localFile(reference)], size: { width: plan.width, height: plan.height } },
        { meter, subsample, logFile: path.join(workDir, `scores${crf}.log`), signal: options.signal, frameCount, span: probeSpan.slice(0.7, 1) },
      );
      const bytes = (await stat(encoded)).size;
      const probe: CrfProbe = { crf, ...headroom(scores, quality, samples.starts.length), videoKbps: ((bytes * 8) / seconds / 1000) * rateShare };
      probes.push(probe);
      // Short of the bar and already over the size cap (a better CRF only gets bigger), or over it
      // even where the trend meets the bar: the cap binds, and the caller encodes to fit.
      const max = options.maxVideoKbps;
      if (max !== undefined && ((probe.headroom < 0 && probe.videoKbps > max) || capBinds(probe, slopeOf(probes), max))) break;
      crf = nextCrf(probes, lowest, highest);
    }
    span.report('sample', 1);
    const passing = probes.filter((p) => p.headroom >= 0).sort((a, b) => b.crf - a.crf)[0];
    const found = { probes, sampleSec: seconds, passed: passing !== undefined };
    const line = crossing(probes, CODECS[plan.codec].crfStep);
    if (line) return { ...found, ...interpolate(line), between: [line.pass.crf, line.fail.crf] };
    // Nothing passed: the best CRF tried (the lowest), the closest this search got.
    return { ...found, ...(passing ?? [...probes].sort((a, b) => a.crf - b.crf)[0]) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A CRF on the line between two tries: scores linear, the bitrate geometric (x264's halves every few CRF). */
function interpolate({ crf, t, pass, fail }: { crf: number; t: number; pass: CrfProbe; fail: CrfProbe }): CrfProbe {
  const along = (a: number, b: number) => a + (b - a) * t;
  return {
    crf,
    metric: pass.metric,
    mean: along(pass.mean, fail.mean),
    low: along(pass.low, fail.low),
    headroom: Math.max(0, along(pass.headroom, fail.headroom)),
    videoKbps: pass.videoKbps * (fail.videoKbps / pass.videoKbps) ** t,
  };
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

const searchCache = new Map<string, QualitySearchResult>();
const CACHE_ENTRIES = 64;

function remember(key: string, result: QualitySearchResult): void {
  searchCache.delete(key);
  searchCache.set(key, result);
  if (searchCache.size > CACHE_ENTRIES) searchCache.delete(searchCache.keys().next().value as string);
}

/** The same file (by path, size and modification time) through the same picture settings, at the same bar. */
async function cacheKey(plan: EncodePlan, info: MediaInfo, quality: Quality, meter: QualityMeter): Promise<string> {
  const modified = await stat(info.path).then((s) => s.mtimeMs, () => 0);
  const { codec, encoder, preset, tune, width, height, fps, toneMap, aspect, trim, durationSec } = plan;
  return JSON.stringify([info.path, info.sizeBytes, modified, codec, encoder, preset, tune, width, height, fps, toneMap, aspect, trim, durationSec, quality, meter.metric]);
}
