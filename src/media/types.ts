import type { Codec, Container, Goal } from '../goal/types.js';
import type { PlanNote } from './plan-notes.js';

/** What ffprobe found in a file, in the shape the planner and the render node use. */
export type MediaInfo = {
  path: string;
  /** ffprobe's format name, e.g. 'mov,mp4,m4a,3gp,3g2,mj2' or 'matroska,webm'. */
  container: string;
  durationSec: number;
  sizeBytes: number;
  /** Whole-file bitrate, bits per second. */
  bitrate: number;
  video?: VideoInfo;
  audio?: AudioInfo;
  /** The subtitle tracks, in order (absent when there is none). */
  subtitles?: SubtitleInfo[];
};

/**
 * One subtitle track: its codec, whether it is text (SubRip, ASS, WebVTT, MP4 text) or pictures
 * (Blu-ray PGS, DVD), and about how many bytes and packets it holds (from the container's own
 * statistics where it keeps them, else from its bitrate, else a generous guess for its kind).
 */
export type SubtitleInfo = { codec: string; text: boolean; bytes: number; packets: number };

export type VideoInfo = {
  codec: string;
  /** Coded size, before rotation. */
  width: number;
  height: number;
  /** Size as shown: rotation applied and sample aspect ratio folded in. */
  displayWidth: number;
  displayHeight: number;
  /** Display aspect ratio as a number (displayWidth / displayHeight). */
  displayAspect: number;
  /** Clockwise degrees the player rotates the picture: 0, 90, 180 or 270. */
  rotation: number;
  avgFps: number;
  realFps: number;
  variableFrameRate: boolean;
  pixFmt: string;
  bitDepth: number;
  /** 'pq' | 'hlg' when the stream is HDR, else undefined. */
  hdr?: 'pq' | 'hlg';
  colorTransfer?: string;
  colorPrimaries?: string;
  /** The YUV matrix ffprobe reports ('bt709', 'smpte170m', ...), when the file says. */
  colorSpace?: string;
  bitrate?: number;
};

export type AudioInfo = {
  codec: string;
  channels: number;
  sampleRate: number;
  bitrate?: number;
};

/** What one ffmpeg run will do: a pure function of the Goal and the MediaInfo (planEncode). */
export type EncodePlan = {
  /** 'copy' remuxes without re-encoding; 'bitrate' is two-pass ABR; 'crf' is constant quality. */
  mode: 'copy' | 'bitrate' | 'crf';
  codec: Codec;
  container: Container;
  /** The ffmpeg encoder name, e.g. 'libx264'. */
  encoder: string;
  width: number;
  height: number;
  fps?: number;
  videoKbps?: number;
  crf?: number;
  preset: string;
  /** The encoder's tuning (x264's `-tune`), if any. */
  tune?: string;
  /**
   * `droppable`: the goal did not ask for this sound (no bitrate named, no music), so a size that
   * cannot hold it beside the leanest picture drops it rather than refusing the job.
   */
  audio: { mode: 'copy' | 'none' } | { mode: 'encode'; kbps: number; channels: number; droppable?: boolean };
  /** The subtitle tracks carried: each by its index among the source's, with the encoder that writes it ('copy': as it is). */
  subtitles?: { index: number; encoder: string }[];
  trim?: { startSec: number; endSec?: number };
  /** Output duration after trimming, seconds. */
  durationSec: number;
  /** The cap the output must stay under, if any. */
  targetBytes?: number;
  /** The planned size (bitrate mode), bytes. */
  expectedBytes?: number;
  toneMap: boolean;
  aspect?: Goal['aspect'];
  /** Titles burned in and music mixed in (from CompressOptions.overlays, resolved to files). */
  overlays?: PlannedOverlays;
  /**
   * In bitrate mode, when the budget made the planner shrink the frame or drop frames: the frame it
   * would have kept otherwise. compress() encodes samples at both and keeps the one that measures better.
   */
  fullFrame?: { width: number; height: number; fps: number };
  /** One per decision, for `plan` and the agent's replies, worded where shown (src/wire/plan-note-words.ts). */
  notes: PlanNote[];
};

/** A progress tick from ffmpeg's `-progress` output. */
export type EncodeProgress = {
  /** 'sample' while searching, 'pass1'/'pass2'/'encode' for the real work, 'retry' after a miss, 'verify' while measuring the output. */
  phase: 'probe' | 'sample' | 'pass1' | 'pass2' | 'encode' | 'copy' | 'retry' | 'verify';
  /** 0..1 over the whole compress() call. */
  fraction: number;
  fps?: number;
  /** Encoding speed as a multiple of real time. */
  speed?: number;
  etaSec?: number;
};

export type CompressOptions = {
  /** Folder the output lands in (created if missing). */
  outDir: string;
  /** File name for the output; default `<stem>.compressed.<ext>`; never overwrites (adds " (2)"). */
  outName?: string;
  signal?: AbortSignal;
  onProgress?: (progress: EncodeProgress) => void;
  /** Titles to burn in and background music to mix under the sound; any overlay means a re-encode. */
  overlays?: Overlays;
  /**
   * Where the private temp folders (samples, pass logs, title files) go; default: the system's temp
   * folder. The render node points it into its own work folder, which it empties when it starts, so
   * a node killed mid-encode leaves nothing behind for good.
   */
  scratchDir?: string;
};

/** What to draw on and mix into every frame of the output, in output time (after any trim). */
export type Overlays = {
  /** Text drawn in the lower third from `startSec` to `endSec`. */
  titles?: { text: string; startSec: number; endSec: number }[];
  /** An audio file mixed under the video's own sound at `volume` (0..1), looped or cut to the video's length. */
  music?: { path: string; volume: number };
};

/** Overlays as the encoder uses them: each title's text in a file (drawtext's `textfile`, so nothing needs escaping) and the font to draw it with. */
export type PlannedOverlays = {
  titles: { textFile: string; fontFile: string; startSec: number; endSec: number }[];
  /** `overSource` (set by planEncode): the item's own sound plays too; otherwise the music is the only sound. */
  music?: { path: string; volume: number; overSource?: boolean };
};

export type CompressResult = {
  input: string;
  output: string;
  bytes: number;
  durationSec: number;
  plan: EncodePlan;
  /** The plan before encoding changed anything (`changes` say what did): what a plan step promises. */
  planned: EncodePlan;
  /** How many full encodes it took to land under the target (1 when the first fit). */
  attempts: number;
  /**
   * What was decided while encoding that the plan (as shown before the export) did not say: the
   * quality search's CRF, a retry, the full frame kept, sound dropped, a copy taken byte for byte.
   */
  changes: PlanNote[];
  /** The output measured against the source (absent only for sound alone). */
  quality?: OutputQuality;
  timings: { probeMs: number; searchMs: number; encodeMs: number; verifyMs: number; totalMs: number };
};

/**
 * An output's measured quality against its source, at the output's size: VMAF 0.6.1 (0..100) where
 * an ffmpeg with libvmaf exists, else SSIM (0..1). `mean` over the scored frames and `low`, their
 * 5th percentile; `frames` is how many were scored (a subsample, to keep it cheap).
 */
export type OutputQuality = { metric: 'vmaf' | 'ssim'; mean: number; low: number; frames: number };

/** The part of an OutputQuality that travels (the node's answer, the job history): the metric and its mean. */
export type QualityScore = Pick<OutputQuality, 'metric' | 'mean'>;

/** The largest input the product accepts (Nemo 4002 above it). */
export const MAX_INPUT_BYTES = 500 * 1000 * 1000;

/** Formats the brief lists, for error messages (content is what decides, not the extension). */
export const SUPPORTED_FORMATS = ['mp4', 'mov', 'avi', 'webm', 'mkv', 'jpg', 'png', 'gif', 'webp', 'mp3', 'wav', 'm4a', 'aac'] as const;
