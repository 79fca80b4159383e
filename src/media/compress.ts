import { rm } from 'node:fs/promises';
import { CanceledError } from '../errors.js';
import type { Goal } from '../goal/types.js';
import { capabilities } from './capabilities.js';
import { encode, type EncodeOutcome } from './encode.js';
import { defaultOutputName, placeOutput } from './place-output.js';
import { planEncode, type PlanOptions } from './plan-encode.js';
import { writeOverlayFiles } from './overlay-files.js';
import { probe } from './probe.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { searchQuality, SSIM_THRESHOLDS } from './quality-search.js';
import { formatBytes } from '../units.js';
import { tryFullFrame } from './frame-trial.js';
import type { CompressOptions, CompressResult, EncodePlan, MediaInfo, PlannedOverlays } from './types.js';
import { scratchFolder } from './scratch.js';

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
  const caps = await capabilities();
  const planOptions: PlanOptions = { hardwareH264: caps.hardwareH264, ...(overlays ? { overlays } : {}) };
  const plan = planEncode(goal, info, planOptions);
  const probeMs = performance.now() - started;
  span.report('probe', 0.02);
  checkAborted(signal);

  const wantsQuality = plan.mode === 'crf' || (plan.mode === 'bitrate' && goal.quality !== undefined);
  let searchMs = 0;
  let outcome: EncodeOutcome;
  const encodeStarted = performance.now();
  if (!wantsQuality) {
    // A frame the budget made smaller is checked against the full one on samples first.
    const trial = caps.filters.ssim && plan.fullFrame !== undefined;
    const framed = trial ? await tryFullFrame(plan, info, { signal, span: span.slice(0.02, 0.15), scratchDir }) : plan;
    searchMs = performance.now() - encodeStarted;
    outcome = await encode(framed, info, { outDir: options.outDir, signal, span: span.slice(trial ? 0.15 : 0.02, 0.98), scratchDir });
  } else {
    const quality = await qualityEncode(goal, info, plan, planOptions, options, span, caps.filters.ssim);
    outcome = quality.outcome;
    searchMs = quality.searchMs;
  }
  const encodeMs = performance.now() - encodeStarted - searchMs;

  let output: string;
  let durationSec: number;
  try {
    // The real output, probed as any input would be: a broken or truncated encode fails here.
    durationSec = (await probe(outcome.tempFile, { signal })).durationSec;
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
    attempts: outcome.attempts,
    changes: outcome.plan.notes.filter((note) => !plan.notes.includes(note)),
    timings: { probeMs, searchMs, encodeMs, totalMs: performance.now() - started },
  };
}

/**
 * A quality goal: measure the CRF on samples, then one full encode at it — unless the estimate
 * (or the real result) is bigger than the cap (the size asked for, else the input's own size:
 * compressing never makes a file bigger), in which case the size-capped plan runs instead.
 */
async function qualityEncode(
  goal: Goal,
  info: MediaInfo,
  plan: EncodePlan,
  planOptions: PlanOptions,
  options: CompressOptions,
  span: ProgressSpan,
  canMeasure: boolean,
): Promise<{ outcome: EncodeOutcome; searchMs: number }> {
  const { signal, outDir, scratchDir } = options;
  const crfPlan = plan.mode === 'crf' ? plan : planEncode({ ...goal, targetBytes: undefined, relativeSize: undefined }, info, planOptions);
  const cap = plan.targetBytes ?? info.sizeBytes;
  const searchStarted = performance.now();
  let chosen = crfPlan;
  let estimatedBytes = 0;
  if (canMeasure) {
    const audioKbps = crfPlan.audio.mode === 'encode' ? crfPlan.audio.kbps : 0;
    const maxVideoKbps = (cap * 8) / crfPlan.durationSec / 1000 - audioKbps;
    const found = await searchQuality(crfPlan, info, goal.quality ?? 'high', { signal, span: span.slice(0.02, 0.3), maxVideoKbps, scratchDir });
    estimatedBytes = ((found.videoKbps + audioKbps) * 1000 * crfPlan.durationSec) / 8;
    const bar = SSIM_THRESHOLDS[goal.quality ?? 'high'];
    const verdict = found.ssim >= bar ? `keeps SSIM ${found.ssim.toFixed(4)}` : `(the best tried) reaches SSIM ${found.ssim.toFixed(4)}, short of the ${bar} asked for,`;
    chosen = {
      ...crfPlan,
      crf: found.crf,
      notes: [...crfPlan.notes, `Quality search: CRF ${found.crf} ${verdict} on the worst of ${found.sampleSec.toFixed(0)} s of samples (${found.probes.length} tries).`],
    };
  }
  const searchMs = performance.now() - searchStarted;
  const rest = span.slice(canMeasure ? 0.3 : 0.02, 0.98);

  if (estimatedBytes <= cap * 0.95) {
    const outcome = await encode(chosen, info, { outDir, signal, span: rest.slice(0, 0.9), scratchDir });
    if (outcome.bytes <= cap) return { outcome, searchMs };
    await rm(outcome.tempFile, { force: true });
  }
  // Over the cap: the size-capped plan (the goal's own, or "no bigger than the input", which may be a copy).
  const capped = plan.mode === 'bitrate' ? plan : planEncode({ ...goal, targetBytes: info.sizeBytes }, info, planOptions);
  const instead = capped.mode === 'copy' ? 'the input already fits, so it is copied' : 'it is encoded to fit instead';
  const note = `At quality "${goal.quality ?? 'high'}" it would come out over ${formatBytes(cap)}: ${instead}.`;
  const outcome = await encode({ ...capped, notes: [note, ...capped.notes] }, info, { outDir, signal, span: rest.slice(0.5, 1), scratchDir });
  return { outcome, searchMs };
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CanceledError();
}
