import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pictureFilters, rateFilters, titleFilters } from './encode-args.js';
import { checkSubsample, comparedFrames, framePick, poolScores, scoreFrames, type FrameScores } from './frame-scores.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { SSIM_METER, type QualityMeter } from './quality-meter.js';
import { CanceledError } from '../errors.js';
import { formatBytes } from '../units.js';
import { localFile } from './run-ffmpeg.js';
import { scratchFolder } from './scratch.js';
import type { EncodePlan, MediaInfo, OutputQuality, QualityScore } from './types.js';

/**
 * Scores a finished output against its source: the source through the plan's own filters (trim,
 * tone-map, crop, scale, rate, titles) is what the output should look like, frame for frame. The
 * per-frame scores come back (pool them with poolScores); undefined for sound alone. A copy is
 * measured too, on its first COPY_CHECK_FRAMES: its number is the one every output carries, and it
 * says the copy lost nothing.
 * A check that fails never fails the job it checks: the VMAF ffmpeg (another build than the one
 * that encoded) may not read what was written, so SSIM through the encoding ffmpeg is tried next,
 * and failing that the output goes out unmeasured. Only a cancel passes through. `subsample`
 * says which frames are scored, from how many the output holds: by default checkSubsample's budget.
 * The lighter REPORT_FRAMES budget is for numbers that are only reported, and the search's own
 * density is for a try that is its own check. `picked` frames, written by the encode as they
 * reached the encoder (checkPick), stand in for the source and its filters.
 */
export async function verifyOutput(
  output: string,
  plan: EncodePlan,
  info: MediaInfo,
  meter: QualityMeter,
  options: { signal?: AbortSignal; span?: ProgressSpan; scratchDir?: string; subsample?: (frameCount: number) => number; picked?: PickedCheck } = {},
): Promise<FrameScores | undefined> {
  if (!info.video) return undefined;
  const workDir = await scratchFolder('verify', options.scratchDir);
  try {
    const { checkedSec, frameCount } = checkedSpan(plan, info);
    const cut = checkedSec < plan.durationSec ? ['-t', checkedSec.toFixed(3)] : [];
    const source = {
      reference: [
        ...(plan.trim ? ['-ss', plan.trim.startSec.toFixed(3)] : []),
        ...(cut.length ? cut : plan.trim?.endSec !== undefined ? ['-t', plan.durationSec.toFixed(3)] : []),
        '-i', localFile(info.path),
      ],
      referenceRate: rateFilters(plan).join(',') || undefined,
      // Titles are drawn by the frame's own time, which the pick keeps (it renumbers nothing).
      referenceFilter: [...pictureFilters(plan, info), ...titleFilters(plan)].join(',') || undefined,
    };
    const score = (using: QualityMeter, picked: PickedCheck | undefined) => scoreFrames(
      {
        distorted: [...cut, '-i', localFile(output)],
        ...(picked ? { reference: ['-i', localFile(picked.file)], referencePicked: true } : source),
        size: { width: plan.width, height: plan.height },
      },
      {
        meter: using,
        subsample: picked?.every ?? (options.subsample ?? checkSubsample)(frameCount),
        logFile: path.join(workDir, 'scores.log'),
        signal: options.signal,
        frameCount,
        span: options.span ?? progressSpan(undefined),
        phase: 'verify',
      },
    );
    // Frames picked for this metric first; the source itself if they cannot be read.
    const picked = options.picked?.metric === meter.metric ? options.picked : undefined;
    const tries: { using: QualityMeter; frames?: PickedCheck }[] = [
      ...(picked ? [{ using: meter, frames: picked }] : []),
      { using: meter },
      ...(meter.metric === 'vmaf' ? [{ using: SSIM_METER }] : []),
    ];
    for (const { using, frames } of tries) {
      try {
        return await score(using, frames);
      } catch (error) {
        if (error instanceof CanceledError || options.signal?.aborted) throw error;
      }
    }
    return undefined;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Frames an encode wrote for its output's check (see checkPick): the file, every how many frames they were picked, and for which metric. */
export type PickedCheck = { file: string; every: number; metric: FrameScores['metric'] };

/** Past this many bytes of uncompressed frames, the encode writes none and the check decodes the source. */
export const PICKED_MAX_BYTES = 256 * 1024 * 1024;

/**
 * What an encode's first run (pass 1, or the only run) should write for the check of `plan`'s
 * output (into `file`): the frames `subsample` scores (with VMAF's neighbours) and the select that
 * picks them. Undefined for a copy (no filter sees its frames) and where they would take more than
 * PICKED_MAX_BYTES. Pure.
 */
export function checkPick(
  plan: EncodePlan,
  info: MediaInfo,
  metric: FrameScores['metric'],
  file: string,
  subsample: (frameCount: number) => number = checkSubsample,
): (PickedCheck & { select?: string }) | undefined {
  if (plan.mode === 'copy' || !info.video) return undefined;
  const { frameCount } = checkedSpan(plan, info);
  const every = subsample(frameCount);
  if (comparedFrames(metric, every, frameCount) * plan.width * plan.height * 1.5 > PICKED_MAX_BYTES) return undefined;
  const { select } = framePick(metric, every);
  return { file, every, metric, ...(select === undefined ? {} : { select }) };
}

/**
 * Runs `work` with a `pick` for encode (EncodeOptions.pick): the frames the check of its output
 * scores (by `subsample`, see checkPick), written into a private folder that is removed when
 * `work` ends, whatever happens. Pass the outcome's `picked` on to verifyOutput inside `work`.
 */
export async function withPickedFrames<T>(
  info: MediaInfo,
  metric: FrameScores['metric'],
  subsample: ((frameCount: number) => number) | undefined,
  scratchDir: string | undefined,
  work: (pick: (plan: EncodePlan) => ReturnType<typeof checkPick>) => Promise<T>,
): Promise<T> {
  const dir = await scratchFolder('check', scratchDir);
  try {
    return await work((plan) => checkPick(plan, info, metric, path.join(dir, 'frames.nut'), subsample));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How much of an output its check compares, and how many frames that holds. A copy holds the
 * source's own packets: its first frames show it decodes as the source does, where scoring across
 * the clip would decode all of both and cost many times the copy itself.
 */
function checkedSpan(plan: EncodePlan, info: MediaInfo): { checkedSec: number; frameCount: number } {
  const fps = plan.fps ?? info.video?.avgFps ?? 30;
  const checkedSec = plan.mode === 'copy' ? Math.min(plan.durationSec, COPY_CHECK_FRAMES / fps) : plan.durationSec;
  return { checkedSec, frameCount: Math.round(checkedSec * fps) };
}

/**
 * The frames a copy's check scores, from its start (a copy is never re-encoded on its number). On
 * a 720p24 copy (bundled libvmaf 1.3.9, 2 cores) starting the scorer costs about 0.18 s and each
 * frame about 0.07 s more: 8 frames made the whole copy 11 % of an encode's time, 3 make it 8 %.
 */
export const COPY_CHECK_FRAMES = 3;

/** The scores as an output reports them. */
export function outputQuality(scores: FrameScores): OutputQuality {
  return { metric: scores.metric, ...poolScores(scores.frames), frames: scores.frames.length };
}

/** An output's quality in a few characters, for a result line: 'VMAF 96.1' or 'SSIM 0.9931'. */
export function formatQuality(quality: QualityScore): string {
  return quality.metric === 'vmaf' ? `VMAF ${quality.mean.toFixed(1)}` : `SSIM ${quality.mean.toFixed(4)}`;
}

/** What a result line says of an output in parentheses: '95.3 KB, under 100 KB, VMAF 93.4' (the size cap and quality when known). */
export function outputDetails({ bytes, targetBytes, quality }: { bytes?: number; targetBytes?: number; quality?: QualityScore }): string {
  return [bytes !== undefined ? formatBytes(bytes) : undefined, targetBytes !== undefined ? `under ${formatBytes(targetBytes)}` : undefined, quality ? formatQuality(quality) : undefined]
    .filter((part) => part !== undefined)
    .join(', ');
}

/** An output's quality as `run --json` and the node's answer carry it: `{ vmaf: 96.1 }` or `{ ssim: 0.9931 }`, rounded. */
export function qualityField(quality: QualityScore): { vmaf: number } | { ssim: number } {
  return quality.metric === 'vmaf' ? { vmaf: Number(quality.mean.toFixed(2)) } : { ssim: Number(quality.mean.toFixed(4)) };
}
