import { rm } from 'node:fs/promises';
import { CanceledError, MediaError } from '../errors.js';
import type { Goal, Quality } from '../goal/types.js';
import { capabilities } from './capabilities.js';
import { encode, type EncodeOutcome } from './encode.js';
import { defaultOutputName, placeOutput } from './place-output.js';
import { machinePlanOptions, planEncode, qualityCap, type PlanOptions } from './plan-encode.js';
import { writeOverlayFiles } from './overlay-files.js';
import { probe } from './probe.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { knownSearch, rememberSearch, searchQuality, type QualitySearchResult } from './quality-search.js';
import { measuredWhole } from './sample-windows.js';
import { tryWholeClip } from './whole-clip-quality.js';
import { headroom, SAMPLE_MARGIN, slopeOf, SSIM_THRESHOLDS, VMAF_BARS } from './quality-bar.js';
import { qualityMeter, SSIM_METER, type QualityMeter } from './quality-meter.js';
import { verifyOutput, outputQuality, withPickedFrames } from './verify-output.js';
import { checkSubsample, REPORT_FRAMES, type FrameScores } from './frame-scores.js';
import { CODECS } from './codec-table.js';
import { trialCanChange, tryFullFrame } from './frame-trial.js';
import type { CompressOptions, CompressResult, EncodePlan, MediaInfo, PlannedOverlays } from './types.js';
import { removing, scratchFolder } from './scratch.js';
import type { NoteScore, PlanNote } from './plan-notes.js';

/**
 * Compresses `input` to what `goal` asks for and writes `<stem>.compressed.<ext>` (never
 * overwriting: " (2)", " (3)"…) in `options.outDir`. Probe, plan, quality search when the goal
 * is about quality, encode with a size check, verify. `options.overlays` burns titles in and
 * mixes music under the sound (never a copy then; the music shares the planned audio budget). The input is only ever read; on failure or
 * abort nothing is left behind (no temp output, no pass logs, no samples).
 */
export async function compress(input: string, goal: Goal, options: CompressOptions): Promise<CompressResult> {
  if (!options.overlays) return compressPlanned(input, goal, options);
  // The titles' text files live in a private folder, removed whatever happens.
  const overlayDir = await scratchFolder('overlays', options.scratchDir);
  try {
    return await compressPlanned(input, goal, options, await writeOverlayFiles(options.overlays, overlayDir));
  } finally {
    await rm(overlayDir, { recursive: true, force: true });
  }
}

async function compressPlanned(input: string, goal: Goal, options: CompressOptions, overlays?: PlannedOverlays): Promise<CompressResult> {
  const started = performance.now();
  const { signal, scratchDir } = options;
  const span = progressSpan(options.onProgress);
  span.report('probe', 0);
  const info = await probe(input, { signal });
  const [caps, meter] = await Promise.all([capabilities(), qualityMeter()]);
  const planOptions = machinePlanOptions(caps, overlays);
  // The frame trial compares sizes by SSIM: an ffmpeg without it keeps the planned frame.
  const trials = caps.filters.ssim;
  const plan = planEncode(goal, info, planOptions);
  const probeMs = performance.now() - started;
  span.report('probe', 0.02);
  checkAborted(signal);

  const wantsQuality = plan.mode === 'crf' || (plan.mode === 'bitrate' && goal.quality !== undefined);
  let searchMs = 0;
  let verifyMs = 0;
  let outcome: EncodeOutcome;
  let scores: FrameScores | undefined;
  const encodeStarted = performance.now();
  if (!wantsQuality) {
    ({ outcome, scores, trialMs: searchMs, verifyMs } = await sizeEncode(plan, info, { trials, meter }, { outDir: options.outDir, signal, span: span.slice(0.02, 0.99), scratchDir }));
  } else {
    const quality = await qualityEncode(goal, info, plan, { planOptions, meter, trials }, options, span);
    ({ outcome, scores, searchMs, verifyMs } = quality);
  }
  const encodeMs = performance.now() - encodeStarted - searchMs - verifyMs;

  let output: string;
  let durationSec: number;
  try {
    durationSec = await outputDuration(outcome.tempFile, outcome.plan, signal);
    output = await placeOutput(outcome.tempFile, options.outDir, options.outName ?? defaultOutputName(input, outcome.plan.container));
  } catch (error) {
    await rm(outcome.tempFile, { force: true });
    throw error;
  }
  span.report(outcome.plan.mode === 'copy' ? 'copy' : 'encode', 1);
  return {
    input,
    output,
    bytes: outcome.bytes,
    durationSec,
    plan: outcome.plan,
    planned: plan,
    attempts: outcome.attempts,
    changes: newNotes(outcome.plan, plan),
    ...(scores ? { quality: outputQuality(scores) } : {}),
    timings: { probeMs, searchMs, encodeMs, verifyMs, totalMs: performance.now() - started },
  };
}

/**
 * The real output's length, probed as any input would be. An encode can end "successfully" short of
 * the plan: Debian's ffmpeg 5.1 exits 0 when a Matroska write hits a full disk. A broken output or
 * one shorter than planned (beyond a frame's rounding and a stream ending early) is a failed encode,
 * said without the temp file's name.
 */
async function outputDuration(tempFile: string, plan: EncodePlan, signal: AbortSignal | undefined): Promise<number> {
  const hint = 'The disk may be full: free some space, or choose another output folder, and try again.';
  const durationSec = await probe(tempFile, { signal }).then(
    (info) => info.durationSec,
    (error: unknown) => {
      if (error instanceof MediaError && error.kind === 'unsupported') throw new MediaError('failed', 'The encode left a damaged output.', { hint, cause: error });
      throw error;
    },
  );
  if (durationSec >= plan.durationSec * (1 - SHORT_OUTPUT_SHARE) - SHORT_OUTPUT_SEC) return durationSec;
  throw new MediaError('failed', `The encode stopped early: the output holds ${durationSec.toFixed(1)} s of the planned ${plan.durationSec.toFixed(1)} s.`, { hint });
}

/** How much shorter than planned an output may be: a stream ending a little early, frame rounding. */
const SHORT_OUTPUT_SHARE = 0.05;
const SHORT_OUTPUT_SEC = 0.5;

/**
 * An encode to a size, checked: a frame the budget made smaller is first checked against the full
 * one on a sample (when `trials` allows and the trial could change the plan). The check's number is
 * only reported (nothing is re-encoded on it), so a lighter budget does, on frames the encode wrote
 * as they reached the encoder (checkPick) where they fit.
 */
async function sizeEncode(
  plan: EncodePlan,
  info: MediaInfo,
  machine: { trials: boolean; meter: QualityMeter },
  options: { outDir: string; signal?: AbortSignal; span: ProgressSpan; scratchDir?: string },
): Promise<{ outcome: EncodeOutcome; scores?: FrameScores; trialMs: number; verifyMs: number }> {
  const { signal, span, scratchDir } = options;
  const started = performance.now();
  const trial = machine.trials && trialCanChange(plan);
  const framed = trial ? await tryFullFrame(plan, info, { signal, span: span.slice(0, 0.15), scratchDir }) : plan;
  const trialMs = performance.now() - started;
  return withPickedFrames(info, machine.meter.metric, forReport, scratchDir, async (pick) => {
    const outcome = await encode(framed, info, { outDir: options.outDir, signal, span: span.slice(trial ? 0.15 : 0, 0.94), scratchDir, pick });
    const verifyStarted = performance.now();
    const scores = await verifyOutput(outcome.tempFile, outcome.plan, info, machine.meter, { signal, span: span.slice(0.94, 1), scratchDir, subsample: forReport, picked: outcome.picked }).catch(removing(outcome.tempFile));
    return { outcome, scores, trialMs, verifyMs: performance.now() - verifyStarted };
  });
}

/** Re-encodes of an output that measured under the quality asked for, each at a lower CRF. */
const MAX_REENCODES = 2;

/**
 * A quality goal: measure the CRF on samples, then one full encode at it, measured whole; an output
 * under the bar is re-encoded lower (it never ships under the promise silently) — unless the
 * estimate (or the real result) is bigger than the cap (the size asked for, else the input's own
 * size: compressing never makes a file bigger), in which case the size-capped plan runs instead.
 * A clip short enough to be measured whole skips the samples: its tries are real outputs, and the
 * one that keeps the bar ships (tryWholeClip).
 */
async function qualityEncode(
  goal: Goal,
  info: MediaInfo,
  plan: EncodePlan,
  machine: { planOptions: PlanOptions; meter: QualityMeter; trials: boolean },
  options: CompressOptions,
  span: ProgressSpan,
): Promise<{ outcome: EncodeOutcome; scores?: FrameScores; searchMs: number; verifyMs: number }> {
  const { signal, outDir, scratchDir } = options;
  const { planOptions, meter } = machine;
  const quality = goal.quality ?? 'high';
  const crfPlan = plan.mode === 'crf' ? plan : planEncode({ ...goal, targetBytes: undefined, relativeSize: undefined }, info, planOptions);
  const cap = qualityCap(goal, plan, info, planOptions) ?? Infinity;
  const searchStarted = performance.now();
  const audioKbps = crfPlan.audio.mode === 'encode' ? crfPlan.audio.kbps : 0;
  const maxVideoKbps = Number.isFinite(cap) ? (cap * 8) / crfPlan.durationSec / 1000 - audioKbps : undefined;

  let verifyMs = 0;

  // Over the cap: the size-capped plan (the goal's own, or "no bigger than the input", which may be a copy).
  const overCap = async (searchMs: number, rest: ProgressSpan) => {
    const capped = plan.mode === 'bitrate' ? plan : planEncode({ ...goal, targetBytes: info.sizeBytes }, info, planOptions);
    const note: PlanNote = { code: 'quality-over-cap', quality, capBytes: cap, copied: capped.mode === 'copy' };
    const checked = await sizeEncode({ ...capped, notes: [note, ...capped.notes] }, info, machine, { outDir, signal, span: rest.slice(0.5, 1), scratchDir });
    return { outcome: checked.outcome, scores: checked.scores, searchMs, verifyMs: verifyMs + checked.verifyMs };
  };

  if (measuredWhole(crfPlan.durationSec) && !(await knownSearch(crfPlan, info, quality, meter))) {
    const tried = await tryWholeClip(crfPlan, info, quality, meter, { outDir, signal, span: span.slice(0.02, 0.98), scratchDir, capBytes: cap });
    if (tried.kind !== 'unmeasured') await rememberSearch(crfPlan, info, quality, meter, tried.found, maxVideoKbps !== undefined);
    if (tried.kind === 'output') {
      const outcome = { ...tried.outcome, plan: { ...tried.outcome.plan, notes: [...crfPlan.notes, searchNote(tried.found, quality)] } };
      return { outcome: withGrowth(outcome, info), scores: tried.scores, searchMs: tried.searchMs, verifyMs: tried.verifyMs };
    }
    if (tried.kind === 'over-cap') return overCap(tried.searchMs, span.slice(0.02, 1));
  }

  const searchOptions = { signal, span: span.slice(0.02, 0.3), maxVideoKbps, scratchDir };
  // The VMAF ffmpeg is another build than the encoder's and may not read a probe it wrote: SSIM then.
  const found = await searchQuality(crfPlan, info, quality, meter, searchOptions).catch((error: unknown) => {
    if (meter.metric !== 'vmaf' || error instanceof CanceledError || signal?.aborted) throw error;
    return searchQuality(crfPlan, info, quality, SSIM_METER, searchOptions);
  });
  const estimatedBytes = ((found.videoKbps + audioKbps) * 1000 * crfPlan.durationSec) / 8;
  let chosen: EncodePlan = { ...crfPlan, crf: found.crf, notes: [...crfPlan.notes, searchNote(found, quality)] };
  const searchMs = performance.now() - searchStarted;
  const rest = span.slice(0.3, 0.98);

  if (estimatedBytes <= cap * 0.95) {
    for (let tries = 0; ; tries++) {
      const slice = rest.slice(tries === 0 ? 0 : 1 - 0.5 ** tries, 1 - 0.5 ** (tries + 1));
      // Undefined when the output came out over the cap (and is removed).
      const checked = await withPickedFrames(info, meter.metric, undefined, scratchDir, async (pick) => {
        const outcome = await encode(chosen, info, { outDir, signal, span: slice.slice(0, 0.9), scratchDir, pick });
        if (outcome.bytes > cap) {
          await rm(outcome.tempFile, { force: true });
          return undefined;
        }
        const verifyStarted = performance.now();
        const scores = await verifyOutput(outcome.tempFile, outcome.plan, info, meter, { signal, span: slice.slice(0.9, 1), scratchDir, picked: outcome.picked }).catch(removing(outcome.tempFile));
        verifyMs += performance.now() - verifyStarted;
        return { outcome, scores };
      });
      if (!checked) break;
      const { outcome, scores } = checked;
      const measured = scores && headroom(scores, quality, 1, 0);
      const lower = measured && measured.headroom < 0 ? (chosen.crf ?? 0) - Math.max(1, Math.ceil(-measured.headroom / slopeOf(found.probes))) : undefined;
      if (!measured || lower === undefined || tries >= MAX_REENCODES || lower < CODECS[chosen.codec].crfRange[0]) return { outcome: withGrowth(outcome, info), scores, searchMs, verifyMs };
      await rm(outcome.tempFile, { force: true });
      const note: PlanNote = { code: 'quality-remeasured', score: noteScore(measured), crf: chosen.crf ?? 0, lowerCrf: lower };
      chosen = { ...chosen, crf: lower, notes: [...chosen.notes, note] };
    }
  }
  return overCap(searchMs, rest);
}

/** The check of an output whose number is only reported (nothing is re-encoded on it): a lighter budget. */
function forReport(frameCount: number): number {
  return checkSubsample(frameCount, REPORT_FRAMES);
}

/** An output bigger than its source says so: a quality kept where the source's codec is leaner than H.264. */
function withGrowth(outcome: EncodeOutcome, info: MediaInfo): EncodeOutcome {
  if (outcome.bytes <= info.sizeBytes) return outcome;
  const note: PlanNote = { code: 'bigger-than-source', bytes: outcome.bytes, sourceBytes: info.sizeBytes, sourceCodec: info.video?.codec ?? 'unknown' };
  return { ...outcome, plan: { ...outcome.plan, notes: [...outcome.plan.notes, note] } };
}

/** What the search found, as a plan note: the CRF, its score against the bar, on how much it was measured. */
function searchNote(found: QualitySearchResult, quality: Quality): PlanNote {
  // What the samples must reach: the bar plus the margin that keeps the whole output over it.
  const bar = found.metric === 'vmaf' ? { metric: 'vmaf' as const, value: VMAF_BARS[quality].mean + SAMPLE_MARGIN } : { metric: 'ssim' as const, value: SSIM_THRESHOLDS[quality] };
  return {
    code: 'quality-search',
    crf: found.crf,
    score: noteScore(found),
    passed: found.passed,
    bar,
    reused: found.reused === true,
    sampleSec: found.sampleSec,
    tries: found.probes.length,
    ...(found.between ? { between: found.between } : {}),
    ...(found.whole ? { whole: true } : {}),
  };
}

/** A score as a note keeps it: the metric, its mean and its low end. */
function noteScore(score: NoteScore): NoteScore {
  return { metric: score.metric, mean: score.mean, low: score.low };
}

/**
 * What the encode decided that the plan shown before it did not say. By value (its JSON): the
 * quality path re-plans, and a note planned again from the same facts is the one already shown.
 */
function newNotes(ran: EncodePlan, shown: EncodePlan): PlanNote[] {
  const said = new Set(shown.notes.map((note) => JSON.stringify(note)));
  return ran.notes.filter((note) => !said.has(JSON.stringify(note)));
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CanceledError();
}
