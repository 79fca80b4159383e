import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pictureFilters, rateFilters, titleFilters } from './encode-args.js';
import { checkSubsample, poolScores, scoreFrames, type FrameScores } from './frame-scores.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { SSIM_METER, type QualityMeter } from './quality-meter.js';
import { CanceledError } from '../errors.js';
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
 * density is for a try that is its own check.
 */
export async function verifyOutput(
  output: string,
  plan: EncodePlan,
  info: MediaInfo,
  meter: QualityMeter,
  options: { signal?: AbortSignal; span?: ProgressSpan; scratchDir?: string; subsample?: (frameCount: number) => number } = {},
): Promise<FrameScores | undefined> {
  if (!info.video) return undefined;
  const workDir = await scratchFolder('verify', options.scratchDir);
  try {
    const fps = plan.fps ?? info.video.avgFps;
    // A copy holds the source's own packets: its first frames show it decodes as the source does,
    // where scoring across the clip would decode all of both and cost many times the copy itself.
    const checkedSec = plan.mode === 'copy' ? Math.min(plan.durationSec, COPY_CHECK_FRAMES / fps) : plan.durationSec;
    const cut = checkedSec < plan.durationSec ? ['-t', checkedSec.toFixed(3)] : [];
    const reference = [
      ...(plan.trim ? ['-ss', plan.trim.startSec.toFixed(3)] : []),
      ...(cut.length ? cut : plan.trim?.endSec !== undefined ? ['-t', plan.durationSec.toFixed(3)] : []),
      '-i', localFile(info.path),
    ];
    const frameCount = Math.round(checkedSec * fps);
    const score = (using: QualityMeter) => scoreFrames(
      {
        distorted: [...cut, '-i', localFile(output)],
        reference,
        referenceRate: rateFilters(plan).join(',') || undefined,
        // Titles are drawn by the frame's own time, which the pick keeps (it renumbers nothing).
        referenceFilter: [...pictureFilters(plan, info), ...titleFilters(plan)].join(',') || undefined,
        size: { width: plan.width, height: plan.height },
      },
      {
        meter: using,
        subsample: (options.subsample ?? checkSubsample)(frameCount),
        logFile: path.join(workDir, 'scores.log'),
        signal: options.signal,
        frameCount,
        span: options.span ?? progressSpan(undefined),
        phase: 'verify',
      },
    );
    for (const candidate of meter.metric === 'vmaf' ? [meter, SSIM_METER] : [meter]) {
      try {
        return await score(candidate);
      } catch (error) {
        if (error instanceof CanceledError || options.signal?.aborted) throw error;
      }
    }
    return undefined;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
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

/** An output's quality as `run --json` and the node's answer carry it: `{ vmaf: 96.1 }` or `{ ssim: 0.9931 }`, rounded. */
export function qualityField(quality: QualityScore): { vmaf: number } | { ssim: number } {
  return quality.metric === 'vmaf' ? { vmaf: Number(quality.mean.toFixed(2)) } : { ssim: Number(quality.mean.toFixed(4)) };
}
