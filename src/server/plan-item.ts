import { MediaError } from '../errors.js';
import { isTwoPass } from '../media/encode-args.js';
import { machinePlanOptions, planEncode } from '../media/plan-encode.js';
import type { Capabilities } from '../media/capabilities.js';
import type { EncodePlan, PlannedOverlays } from '../media/types.js';
import type { PlanDifference, PlanNote } from '../wire/plan-notes.js';
import type { PlanItem } from '../wire/plan.js';
import type { RenderItem } from './render-items.js';
import type { MediaRecord } from './sessions.js';
import { mediaPath } from './uploads.js';

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

/**
 * The plan of one render item with `caps`' ffmpeg: what the agent's plan step promises, and what
 * the node records with a render so a worker can hold its own plan against it.
 */
export function planRenderItem(item: RenderItem, media: MediaRecord, mediaDir: string, caps: Capabilities): EncodePlan {
  return planEncode(item.goal, { ...media.info, path: mediaPath(mediaDir, item.mediaId) }, machinePlanOptions(caps, planOverlays(item, mediaDir)));
}

/**
 * The items with the plan each is promised (see RenderItem.promised). An item no plan can meet has
 * none: its render fails with the planner's own sentence, where it always did.
 */
export function withPromises(items: RenderItem[], media: Record<string, MediaRecord>, mediaDir: string, caps: Capabilities): RenderItem[] {
  return items.map((item) => {
    try {
      return { ...item, promised: planItem(planRenderItem(item, media[item.mediaId], mediaDir, caps)) };
    } catch (error) {
      if (error instanceof MediaError) return item;
      throw error;
    }
  });
}

/**
 * What the item adds, for the planner: titles rule out a copy and music needs a sound budget. The
 * planner reads nothing else, so the title files (written at render time) are not needed yet.
 */
function planOverlays(item: RenderItem, mediaDir: string): PlannedOverlays | undefined {
  if (!item.titles && !item.music) return undefined;
  const titles = (item.titles ?? []).map(({ startSec, endSec }) => ({ textFile: '', fontFile: '', startSec, endSec }));
  const music = item.music && { path: mediaPath(mediaDir, item.music.mediaId), volume: item.music.volume };
  return { titles, ...(music ? { music } : {}) };
}

/**
 * Where two plans of the same item differ in what a user was told: frame, rate, codec, encoder,
 * passes, bitrates or CRF, sound. Sizes are left out: they follow from the rest. Empty when they agree.
 */
export function planDifferences(promised: PlanItem, ran: PlanItem): PlanDifference[] {
  const differences: PlanDifference[] = [];
  if (promised.codec !== ran.codec) differences.push({ field: 'codec', promised: promised.codec, ran: ran.codec });
  if (promised.encoder !== ran.encoder) differences.push({ field: 'encoder', promised: promised.encoder, ran: ran.encoder });
  if (promised.width !== ran.width || promised.height !== ran.height) {
    differences.push({ field: 'frame', promised: { width: promised.width, height: promised.height }, ran: { width: ran.width, height: ran.height } });
  }
  for (const field of ['fps', 'video_kbps', 'crf'] as const) if (promised[field] !== ran[field]) differences.push({ field, promised: promised[field], ran: ran[field] });
  if (promised.passes !== ran.passes) differences.push({ field: 'passes', promised: promised.passes, ran: ran.passes });
  if (promised.audio !== ran.audio) differences.push({ field: 'audio', promised: promised.audio, ran: ran.audio });
  if (promised.audio_kbps !== ran.audio_kbps) differences.push({ field: 'audio_kbps', promised: promised.audio_kbps, ran: ran.audio_kbps });
  return differences;
}

/**
 * The note a render worker adds when the plan it made with its own ffmpeg (`planned`, before the
 * encode changed anything) is not the plan the node promised; undefined when they agree. `encoders`:
 * the worker's, to say whether it lacks the promised one or is merely another build.
 */
export function workerPlanNote(promised: PlanItem, planned: PlanItem, encoders: readonly string[]): PlanNote | undefined {
  const differences = planDifferences(promised, planned);
  if (differences.length === 0) return undefined;
  const missing = promised.encoder !== 'copy' && !encoders.includes(promised.encoder);
  return { code: 'worker-plan', ...(missing ? { missingEncoder: promised.encoder } : {}), differences };
}
