import type { EncodeProgress } from './types.js';
import type { FfmpegProgress } from './run-ffmpeg.js';

/**
 * A slice of one call's 0..1 progress. Each step of compress() gets its own slice, so a step
 * reports 0..1 of its own work and the caller sees one bar that never goes backwards.
 */
export type ProgressSpan = {
  /** Reports `fraction` (0..1) of this slice's work. */
  report(phase: EncodeProgress['phase'], fraction: number, detail?: Pick<EncodeProgress, 'fps' | 'speed' | 'etaSec'>): void;
  /** Feeds an ffmpeg progress tick into this slice. */
  ffmpeg(phase: EncodeProgress['phase']): (tick: FfmpegProgress) => void;
  /** The part [from, to] of this slice, as a slice of its own. */
  slice(from: number, to: number): ProgressSpan;
};

/** The whole call's span, reporting to `sink` (nothing when there is no sink). */
export function progressSpan(sink: ((progress: EncodeProgress) => void) | undefined): ProgressSpan {
  const state = { last: 0 };
  return makeSpan(sink, 0, 1, state);
}

function makeSpan(sink: ((progress: EncodeProgress) => void) | undefined, from: number, to: number, state: { last: number }): ProgressSpan {
  const span: ProgressSpan = {
    report(phase, fraction, detail = {}) {
      const overall = Math.max(state.last, from + (to - from) * Math.min(1, Math.max(0, fraction)));
      state.last = overall;
      sink?.({ phase, fraction: overall, ...detail });
    },
    ffmpeg(phase) {
      return (tick) => span.report(phase, tick.fraction ?? 0, { fps: tick.fps, speed: tick.speed, etaSec: tick.etaSec });
    },
    slice(a, b) {
      return makeSpan(sink, from + (to - from) * a, from + (to - from) * b, state);
    },
  };
  return span;
}
