import { SHORT_SIDE_LADDER, fitShortSide, rateUnder } from './resolution-ladder.js';
import { MIN_FPS, MIN_VIDEO_KBPS, SAFETY_MARGIN } from './target-budget.js';
import type { LeanerChange } from './plan-notes.js';
import type { EncodePlan } from './types.js';

/**
 * The next plan after an encode came out at `actualBytes`, over the plan's target. The sound and
 * the container weigh what the plan said; the picture is what overshot, and x264 repeats its
 * overshoot ratio at a lower bitrate, so the video bitrate is scaled to land the whole file at the
 * target less the safety margin. From the second miss on, the picture also gets leaner (see
 * leanerPlan): a starved frame is what makes an encoder overshoot. Pure.
 */
export function lowerPlan(plan: EncodePlan, actualBytes: number, misses: number, sourceFps: number): EncodePlan {
  const target = plan.targetBytes ?? actualBytes;
  const videoKbps = plan.videoKbps ?? MIN_VIDEO_KBPS;
  const { kbpsToBytes, otherBytes, videoBytes } = pictureShare(plan, videoKbps, actualBytes);
  const scale = (target * (1 - SAFETY_MARGIN) - otherBytes) / videoBytes;
  // At least 1 % lower each time, so a clip whose sound or index outgrew the plan still converges.
  const nextKbps = Math.max(MIN_VIDEO_KBPS, Math.floor(videoKbps * Math.min(0.99, scale)));
  const lower = { ...plan, videoKbps: nextKbps, expectedBytes: Math.round(otherBytes + kbpsToBytes(nextKbps)) };
  const leaner = misses >= 2 ? leanerPlan(lower, sourceFps) : undefined;
  return {
    ...(leaner?.plan ?? lower),
    notes: [...plan.notes, { code: 'size-overshot', actualBytes, targetBytes: target, kbps: nextKbps, ...(leaner ? { change: leaner.change } : {}) }],
  };
}

/**
 * An encode's bytes split as the retries see them: the sound and the container weigh what the plan
 * said (`otherBytes`), the picture is the rest of what came out (`videoBytes`).
 */
function pictureShare(plan: EncodePlan, videoKbps: number, actualBytes: number): { kbpsToBytes: (kbps: number) => number; otherBytes: number; videoBytes: number } {
  const kbpsToBytes = (kbps: number) => (kbps * 1000 * plan.durationSec) / 8;
  const otherBytes = Math.max(0, (plan.expectedBytes ?? 0) - kbpsToBytes(videoKbps));
  return { kbpsToBytes, otherBytes, videoBytes: Math.max(1, actualBytes - otherBytes) };
}

/** Under this share of what the plan expected, an encode is worth one more second pass. */
export const TOP_UP_BELOW = 0.94;
/** The most a top-up raises the video bitrate: past it, x264 is not short of bits but of detail. */
const TOP_UP_MAX_SCALE = 1.5;

/**
 * The plan for one more second pass after an encode came out at `actualBytes`, well under what
 * the plan expected (x264's second pass undershoots short clips at low rates by 5 to 40 %): the
 * video bitrate scaled to land where the plan meant to, never past the target less its margin.
 * Undefined when the encode is close enough, or over. Pure.
 */
export function raisePlan(plan: EncodePlan, actualBytes: number): EncodePlan | undefined {
  const target = plan.targetBytes;
  const videoKbps = plan.videoKbps;
  if (target === undefined || videoKbps === undefined || plan.expectedBytes === undefined) return undefined;
  const aim = Math.min(plan.expectedBytes, target * (1 - SAFETY_MARGIN));
  if (actualBytes >= aim * TOP_UP_BELOW) return undefined;
  const { kbpsToBytes, otherBytes, videoBytes } = pictureShare(plan, videoKbps, actualBytes);
  const scale = Math.min(TOP_UP_MAX_SCALE, (aim - otherBytes) / videoBytes);
  const nextKbps = Math.floor(videoKbps * scale);
  if (nextKbps <= videoKbps) return undefined;
  return {
    ...plan,
    videoKbps: nextKbps,
    expectedBytes: Math.round(otherBytes + kbpsToBytes(nextKbps)),
    notes: [...plan.notes, { code: 'size-topped-up', actualBytes, aimBytes: aim, kbps: nextKbps }],
  };
}

/**
 * One step leaner for a picture the budget cannot carry: the next size down the ladder; at its
 * bottom half the frames (down to a one-frame-a-second slideshow); last, sound the goal did not
 * ask for, whose bits go to the picture. Undefined when nothing is left to give up. Pure.
 */
export function leanerPlan(plan: EncodePlan, sourceFps: number): { plan: EncodePlan; change: LeanerChange } | undefined {
  const rung = SHORT_SIDE_LADDER.find((s) => s < Math.min(plan.width, plan.height));
  if (rung) {
    const size = fitShortSide(plan.width, plan.height, rung);
    return { plan: { ...plan, ...size }, change: { kind: 'frame', ...size } };
  }
  const fps = plan.fps ?? sourceFps;
  if (fps > MIN_FPS + 0.01) {
    const slower = rateUnder(sourceFps, Math.max(MIN_FPS, fps / 2));
    return { plan: { ...plan, fps: slower }, change: { kind: 'fps', fps: slower } };
  }
  if (plan.audio.mode === 'encode' && plan.audio.droppable) {
    return { plan: { ...plan, audio: { mode: 'none' }, videoKbps: (plan.videoKbps ?? MIN_VIDEO_KBPS) + plan.audio.kbps }, change: { kind: 'no-sound' } };
  }
  return undefined;
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
  // Worth a line to the user only when the picture's rate moves noticeably.
  const noticeable = Math.abs(videoKbps - plan.videoKbps) >= plan.videoKbps * 0.05;
  return {
    ...plan,
    videoKbps,
    expectedBytes: (plan.expectedBytes ?? 0) - Math.round(spareBytes) + Math.round(((videoKbps - plan.videoKbps) * 1000 * plan.durationSec) / 8),
    notes: noticeable ? [...plan.notes, { code: 'sound-measured', audioBytes, plannedBytes, spare: spareBytes > 0, kbps: videoKbps }] : plan.notes,
  };
}
