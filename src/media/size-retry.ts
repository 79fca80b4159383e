import { SHORT_SIDE_LADDER, fitShortSide } from './resolution-ladder.js';
import { formatBytes, MIN_VIDEO_KBPS, SAFETY_MARGIN } from './target-budget.js';
import type { EncodePlan } from './types.js';

/**
 * The next plan after an encode came out at `actualBytes`, over the plan's target: the video
 * bitrate loses the excess plus the safety margin; from the second miss on, the frame also steps
 * down the ladder (a starved frame is what makes an encoder overshoot). Pure.
 */
export function lowerPlan(plan: EncodePlan, actualBytes: number, misses: number): EncodePlan {
  const target = plan.targetBytes ?? actualBytes;
  const videoKbps = plan.videoKbps ?? MIN_VIDEO_KBPS;
  const excessKbps = ((actualBytes - target * (1 - SAFETY_MARGIN)) * 8) / plan.durationSec / 1000;
  const nextKbps = Math.max(MIN_VIDEO_KBPS, Math.floor(Math.min(videoKbps * 0.97, videoKbps - excessKbps)));
  let size = { width: plan.width, height: plan.height };
  if (misses >= 2) {
    const short = Math.min(plan.width, plan.height);
    const rung = SHORT_SIDE_LADDER.find((s) => s < short);
    if (rung) size = fitShortSide(plan.width, plan.height, rung);
  }
  const resized = size.width !== plan.width;
  return {
    ...plan,
    ...size,
    videoKbps: nextKbps,
    notes: [
      ...plan.notes,
      `Came out at ${formatBytes(actualBytes)}, over ${formatBytes(target)}: re-encoded at ${nextKbps} kbps${resized ? `, ${size.width}x${size.height}` : ''}.`,
    ],
  };
}
