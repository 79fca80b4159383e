import type { Goal } from '../goal/types.js';

/**
 * A Goal's trim as a window inside a clip of `durationSec`: negative bounds count back from the
 * end ("last 30 seconds" is `{startSec: -30}`), bounds are clamped to the clip. The window may be
 * empty or inverted when the trim cannot fit; callers say so. Pure.
 */
export function trimWindow(trim: NonNullable<Goal['trim']>, durationSec: number): { startSec: number; endSec: number } {
  const at = (sec: number) => (sec < 0 ? Math.max(0, durationSec + sec) : sec);
  return {
    startSec: at(trim.startSec),
    endSec: trim.endSec === undefined ? durationSec : Math.min(durationSec, at(trim.endSec)),
  };
}
