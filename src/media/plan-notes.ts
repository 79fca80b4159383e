import type { Aspect, Codec, Quality } from '../goal/types.js';

// What the media core decided, as data: each note a code and the values its wording needs. The
// sentences live where notes are shown, src/server/plan-note-words.ts, a table per language (the
// node's reply in the instruction's language; a render's notes on the wire in English).

/** A measured quality: VMAF with its 5th percentile, or SSIM (mean only). */
export type NoteScore = { metric: 'vmaf' | 'ssim'; mean: number; low: number };

/** The sound codec a container carries: Opus in WebM, AAC elsewhere. */
export type SoundCodec = 'aac' | 'opus';

/** How a frame rate fares: lowered, a variable rate kept, or the source's kept. */
export type RateChange = { kind: 'lowered'; fromFps: number; toFps: number } | { kind: 'variable'; aboutFps: number } | { kind: 'kept'; fps: number };

/** One step leaner for a picture the budget cannot carry (see leanerPlan). */
export type LeanerChange = { kind: 'frame'; width: number; height: number } | { kind: 'fps'; fps: number } | { kind: 'no-sound' };

/** One way the plan a render worker ran differs from the plan promised: the field, as the plan shows it, before and after. */
export type PlanDifference =
  | { field: 'codec'; promised: Codec; ran: Codec }
  | { field: 'encoder'; promised: string; ran: string }
  | { field: 'frame'; promised: { width: number; height: number }; ran: { width: number; height: number } }
  | { field: 'fps' | 'video_kbps' | 'crf' | 'audio_kbps'; promised?: number; ran?: number }
  | { field: 'passes'; promised: number; ran: number }
  | { field: 'audio'; promised: 'copy' | 'none' | 'encode'; ran: 'copy' | 'none' | 'encode' };

/** One decision of a plan, or of the encode that ran it. */
export type PlanNote =
  /** Planned as a copy: already H.264 (and AAC) at this size, under the target. */
  | { code: 'copied'; withAudio: boolean; width: number; height: number; bytes: number; targetBytes: number }
  /** The copy's rewritten container grew past the target: the input's own bytes went out. */
  | { code: 'copied-as-is'; grewBytes: number; targetBytes: number }
  | { code: 'webm-codec'; asked: Codec }
  | { code: 'webm' }
  | { code: 'trim'; startSec: number; endSec: number; durationSec: number }
  | { code: 'crop'; aspect: Aspect; width: number; height: number; sourceWidth: number; sourceHeight: number }
  | { code: 'rotation'; degrees: number }
  | { code: 'hdr'; format: string; codec: Codec }
  | { code: 'hardware-encoder'; encoder: string }
  | { code: 'title'; startSec: number; endSec: number }
  | { code: 'quality'; quality: Quality; crf: number }
  /** A resolution was asked for that the source does not reach: it keeps its own size. */
  | { code: 'source-smaller'; askedShortSide: number; width: number; height: number }
  /** The picture's size and rate; in bitrate mode also the video bitrate and passes. */
  | { code: 'picture'; width: number; height: number; rate: RateChange; video?: { kbps: number; twoPass: boolean } }
  | { code: 'sound'; codec: SoundCodec; kbps: number; channels: number }
  | { code: 'sound-music'; percent: number; overSource: boolean; codec: SoundCodec; kbps: number; channels: number }
  | { code: 'sound-none-in-source' }
  | { code: 'sound-muted' }
  | { code: 'sound-none' }
  /** Sound the goal did not name, left out: the size cannot hold it beside a picture. */
  | { code: 'sound-dropped'; targetBytes: number; durationSec: number; smallestWithSoundBytes: number }
  | { code: 'size-budget'; targetBytes: number; totalKbps: number; overheadBytes: number; marginPercent: number }
  | { code: 'bitrate-unused'; usedKbps: number; availableKbps: number }
  | { code: 'picture-scaled'; width: number; height: number; fullWidth: number; fullHeight: number; bitsPerPixel: number }
  | { code: 'sound-under-floor'; floorKbps: number; floorChannels: number; pictureKbps: number; width: number; height: number }
  /** The quality search's CRF; `bar` is what the samples had to reach when it fell short. */
  | { code: 'quality-search'; crf: number; score: NoteScore; passed: boolean; bar: { metric: 'vmaf' | 'ssim'; value: number }; reused: boolean; sampleSec: number; tries: number }
  | { code: 'quality-remeasured'; score: NoteScore; crf: number; lowerCrf: number }
  | { code: 'quality-over-cap'; quality: Quality; capBytes: number; copied: boolean }
  | { code: 'under-encoder-floor'; kbps: number; width: number; height: number; change: LeanerChange }
  | { code: 'size-overshot'; actualBytes: number; targetBytes: number; kbps: number; change?: LeanerChange }
  | { code: 'size-topped-up'; actualBytes: number; aimBytes: number; kbps: number }
  | { code: 'sound-measured'; audioBytes: number; plannedBytes: number; spare: boolean; kbps: number }
  /**
   * The render worker planned with its own ffmpeg and came to another plan than the node promised;
   * `missingEncoder`: the promised encoder, when the worker's ffmpeg lacks it (else it is another build).
   */
  | { code: 'worker-plan'; missingEncoder?: string; differences: PlanDifference[] }
  | { code: 'full-frame-kept'; width: number; height: number; fps: number; ssim: number; plannedSsim: number; plannedWidth: number; plannedHeight: number };

/** A note's identity: a note re-planned from the same facts is the same note. */
export function noteKey(note: PlanNote): string {
  return JSON.stringify(note);
}
