import { SHORT_SIDE_LADDER, fitShortSide, rateUnder } from './resolution-ladder.js';
import { formatBytes, MIN_VIDEO_KBPS, SAFETY_MARGIN } from './target-budget.js';
import type { EncodePlan } from './types.js';

/**
 * The next plan after an encode came out at `actualBytes`, over the plan's target: the video
 * bitrate loses the excess plus the safety margin; from the second miss on, the frame also steps
 * down the ladder. Pure.
 */
export function lowerPlan(plan: EncodePlan, actualBytes: number, misses: number, sourceFps: number): EncodePlan {
  const target = plan.targetBytes ?? actualBytes;
  const videoKbps = plan.videoKbps ?? MIN_VIDEO_KBPS;
  const excessKbps = ((actualBytes - target * (1 - SAFETY_MARGIN)) * 8) / plan.durationSec / 1000;
  const nextKbps = Math.max(MIN_VIDEO_KBPS, Math.floor(Math.min(videoKbps * 0.97, videoKbps - excessKbps)));
  let size = { width: plan.width, height: plan.height };
  let fps = plan.fps;
  if (misses >= 2) {
    // A starved frame is what makes an encoder overshoot: give it fewer pixels, or at the
    // bottom of the ladder fewer frames (not below 5 a second).
    const short = Math.min(plan.width, plan.height);
    const rung = SHORT_SIDE_LADDER.find((s) => s < short);
    if (rung) size = fitShortSide(plan.width, plan.height, rung);
    else if (sourceFps > 5) fps = rateUnder(fps ?? sourceFps, Math.max(5, (fps ?? sourceFps) / 2));
  }
  const changes = [`${nextKbps} kbps`];
  if (size.width !== plan.width) changes.push(`${size.width}x${size.height}`);
  if (fps !== plan.fps && fps !== undefined) changes.push(`${Number(fps.toFixed(2))} fps`);
  return {
    ...plan,
    ...size,
    fps,
    videoKbps: nextKbps,
    notes: [...plan.notes, `Came out at ${formatBytes(actualBytes)}, over ${formatBytes(target)}: re-encoded at ${changes.join(', ')}.`],
  };
}

/**
 * The plan once its sound has been encoded and weighed: AAC spends far less than its nominal
 * bitrate on quiet or simple sound, and those bytes belong to the picture (only when the size
 * target was what limited it: otherwise more bitrate would buy nothing). Sound that came out
 * over its share is charged to the picture. Pure.
 */
export function withMeasuredAudio(plan: EncodePlan, audioBytes: number): EncodePlan {
  if (plan.audio.mode !== 'encode' || plan.targetBytes === undefined || plan.videoKbps === undefined) return plan;
  const plannedBytes = (plan.audio.kbps * 1000 * plan.durationSec) / 8;
  const spareBytes = plannedBytes - audioBytes;
  const budgetBound = (plan.expectedBytes ?? 0) >= plan.targetBytes * 0.9;
  const refundWorthIt = spareBytes >= plannedBytes * 0.05 && budgetBound;
  if (spareBytes >= 0 && !refundWorthIt) return plan;
  const videoKbps = Math.max(MIN_VIDEO_KBPS, Math.floor(plan.videoKbps + (spareBytes * 8) / plan.durationSec / 1000));
  const what = spareBytes > 0 ? 'the picture gets the rest' : 'the picture gives up the difference';
  return {
    ...plan,
    videoKbps,
    expectedBytes: (plan.expectedBytes ?? 0) - Math.round(spareBytes) + Math.round(((videoKbps - plan.videoKbps) * 1000 * plan.durationSec) / 8),
    notes: [...plan.notes, `The sound took ${formatBytes(audioBytes)} of the ${formatBytes(plannedBytes)} set aside: ${what} (${videoKbps} kbps).`],
  };
}
