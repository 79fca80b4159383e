import { isTwoPass } from '../media/encode-args.js';
import type { EncodePlan } from '../media/types.js';
import type { PlanItem } from '../wire/plan.js';

/**
 * An encode plan as the wire shows it: in the agent's 'plan' step (what a turn promises) and on a
 * render's output (what the encode ran), so a client can hold the one against the other.
 */
export function planItem(plan: EncodePlan): PlanItem {
  return {
    mode: plan.mode,
    codec: plan.codec,
    container: plan.container,
    encoder: plan.encoder,
    passes: plan.mode === 'copy' ? 0 : isTwoPass(plan) ? 2 : 1,
    width: plan.width,
    height: plan.height,
    ...(plan.fps !== undefined ? { fps: plan.fps } : {}),
    ...(plan.videoKbps !== undefined ? { video_kbps: plan.videoKbps } : {}),
    ...(plan.crf !== undefined ? { crf: plan.crf } : {}),
    audio: plan.audio.mode,
    ...(plan.audio.mode === 'encode' ? { audio_kbps: plan.audio.kbps } : {}),
    ...(plan.expectedBytes !== undefined ? { expected_bytes: plan.expectedBytes } : {}),
    ...(plan.targetBytes !== undefined ? { target_bytes: plan.targetBytes } : {}),
  };
}
