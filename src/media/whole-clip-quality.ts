import { rm } from 'node:fs/promises';
import type { Quality } from '../goal/types.js';
import { CODECS } from './codec-table.js';
import { encode, type EncodeOutcome } from './encode.js';
import { subsampleFor, type FrameScores } from './frame-scores.js';
import { removing } from './scratch.js';
import type { ProgressSpan } from './progress-span.js';
import { capBinds, crossing, headroom, nextCrf, slopeOf } from './quality-bar.js';
import type { QualityMeter } from './quality-meter.js';
import { SAMPLE_EVERY, type CrfProbe, type QualitySearchResult } from './quality-search.js';
import { verifyOutput, withPickedFrames } from './verify-output.js';
import type { EncodePlan, MediaInfo } from './types.js';

/**
 * Tries before the answer: the sampled search's three, one on the line between a pass and a fail,
 * and one more when nothing has passed yet (the sampled path's re-encodes, which this replaces).
 */
const MAX_TRIES = 5;

/** What the tries came to: the output that keeps the quality (its scores are its check), or the cap binding. */
export type WholeClipResult =
  | { kind: 'output'; outcome: EncodeOutcome; scores: FrameScores; found: QualitySearchResult; searchMs: number; verifyMs: number }
  | { kind: 'over-cap'; found: QualitySearchResult; searchMs: number }
  /** No meter could score a try (see verifyOutput): the sampled search, with its own reference, is the way. */
  | { kind: 'unmeasured' };

type Try = { probe: CrfProbe; outcome: EncodeOutcome; scores: FrameScores; encodeMs: number; verifyMs: number };

type TryOptions = { outDir: string; signal?: AbortSignal; span: ProgressSpan; scratchDir?: string; capBytes: number };

/**
 * The quality search for a clip short enough to be measured whole (chooseSamples takes all of it):
 * each try is the finished output at one CRF, scored against the source through the plan's filters
 * on every 4th frame (each scored exactly, see framePick). The try that passes is the output and its
 * scores are its check, so a short clip pays for no sample cut, no final encode and no second
 * measurement: the brief's 2 s 1080p50 concert took 65 s the sampled way, a full encode and a full
 * check after three sample tries of the same frames. CRFs are chosen as the sampled search chooses
 * them; where a pass and a fail bracket the bar, the point on the line between them is tried too.
 * `capBytes` is the most the output may be (Infinity for none): a try that misses the bar over it
 * says the cap binds. Tries that are not the answer are removed as soon as they are beaten.
 */
export async function tryWholeClip(plan: EncodePlan, info: MediaInfo, quality: Quality, meter: QualityMeter, options: TryOptions): Promise<WholeClipResult> {
  const { capBytes } = options;
  const started = performance.now();
  const [lowest, highest] = CODECS[plan.codec].crfRange;
  const audioKbps = plan.audio.mode === 'encode' ? plan.audio.kbps : 0;
  const maxVideoKbps = Number.isFinite(capBytes) ? (capBytes * 8) / plan.durationSec / 1000 - audioKbps : undefined;
  const tries: Try[] = [];
  let best: Try | undefined;
  const drop = async (beaten: Try | undefined) => beaten && (await rm(beaten.outcome.tempFile, { force: true }));
  try {
    let crf: number | undefined = Math.min(highest, Math.max(lowest, CODECS[plan.codec].vmafStartCrf[quality]));
    let onLine = false;
    for (let i = 0; crf !== undefined && i < MAX_TRIES; i++) {
      const attempt = await tryCrf({ ...plan, crf }, info, quality, meter, audioKbps, { ...options, span: options.span.slice(trySlice(i), trySlice(i + 1)) });
      if (!attempt) {
        await drop(best);
        return { kind: 'unmeasured' };
      }
      tries.push(attempt);
      // Kept: the highest CRF that passes within the cap; else, while nothing passes, the lowest tried.
      const fits = attempt.outcome.bytes <= capBytes;
      const better = !best || (attempt.probe.headroom >= 0 ? fits && (best.probe.headroom < 0 || attempt.probe.crf > best.probe.crf) : best.probe.headroom < 0 && attempt.probe.crf < best.probe.crf);
      await drop(better ? best : attempt);
      if (better) best = attempt;
      const probes = tries.map((t) => t.probe);
      // Short of the bar over the cap (a lower CRF only grows), or the trend meets the bar over it.
      if (maxVideoKbps !== undefined && ((attempt.probe.headroom < 0 && !fits) || capBinds(attempt.probe, slopeOf(probes), maxVideoKbps))) break;
      if (onLine) break;
      crf = nextCrf(probes, lowest, highest);
      if (crf === undefined) {
        const line = crossing(probes, CODECS[plan.codec].crfStep);
        crf = line && !probes.some((p) => p.crf === line.crf) ? line.crf : undefined;
        onLine = true;
      }
    }
    const probes = tries.map((t) => t.probe);
    const passing = probes.filter((p) => p.headroom >= 0).sort((a, b) => b.crf - a.crf)[0];
    const found: QualitySearchResult = { ...(passing ?? best?.probe ?? probes[0]), probes, sampleSec: plan.durationSec, passed: passing !== undefined, whole: true };
    // The bar kept only over the cap (or even the best tried over it): the cap decides, and an encode to fit it beats a try under the bar.
    if (!best || best.outcome.bytes > capBytes || (passing && best.probe.headroom < 0)) {
      await drop(best);
      return { kind: 'over-cap', found, searchMs: performance.now() - started };
    }
    const shipped = best;
    best = undefined;
    // What the tries that did not ship cost is the search's; the shipped one's scoring is its check.
    return { kind: 'output', outcome: shipped.outcome, scores: shipped.scores, found, searchMs: performance.now() - started - shipped.encodeMs - shipped.verifyMs, verifyMs: shipped.verifyMs };
  } catch (error) {
    await drop(best);
    throw error;
  }
}

/** One try: the output at the plan's CRF, and its scores against the bar; undefined (the output removed) when it could not be scored. */
async function tryCrf(plan: EncodePlan, info: MediaInfo, quality: Quality, meter: QualityMeter, audioKbps: number, options: TryOptions): Promise<Try | undefined> {
  const { signal, span, scratchDir, outDir } = options;
  const encodeStarted = performance.now();
  // The encode also writes the frames its check scores, so the check decodes, tone-maps and scales no source.
  return withPickedFrames(info, meter.metric, searchDensity, scratchDir, async (pick) => {
    const outcome = await encode(plan, info, { outDir, signal, span: span.slice(0, 0.6), scratchDir, pick });
    const verifyStarted = performance.now();
    const scores = await verifyOutput(outcome.tempFile, outcome.plan, info, meter, { signal, span: span.slice(0.6, 1), scratchDir, subsample: searchDensity, picked: outcome.picked }).catch(removing(outcome.tempFile));
    const verifyMs = performance.now() - verifyStarted;
    if (!scores) {
      await rm(outcome.tempFile, { force: true });
      return undefined;
    }
    const measured = headroom(scores, quality, 1);
    const videoKbps = Math.max(0, (outcome.bytes * 8) / plan.durationSec / 1000 - audioKbps);
    return { probe: { crf: plan.crf ?? 0, ...measured, videoKbps }, outcome, scores, encodeMs: verifyStarted - encodeStarted, verifyMs };
  });
}

/** A try is scored as the sampled search scores its samples: every 4th frame at most. */
function searchDensity(frameCount: number): number {
  return subsampleFor(frameCount, SAMPLE_EVERY);
}

/** Where try `i` starts on the bar: three tries fill most of it, any after them halve what is left. */
function trySlice(i: number): number {
  return i <= 3 ? 0.3 * i : 1 - 0.1 * 0.5 ** (i - 3);
}
