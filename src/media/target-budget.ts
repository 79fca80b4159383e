/**
 * How many bits a size target leaves for the picture and the sound. Pure arithmetic, in one place,
 * so the promise "never over the size" can be read and tuned here.
 */

/**
 * Part of the target held back for the encoder's rate error; the size check catches the rest.
 * Two-pass x264 (tuned for SSIM, see codec-table.ts) lands within about 1 % on clips of a few
 * hundred frames; a short 1080p clip can overshoot by up to 10 %, which the size check's one
 * re-encode of the second pass costs less than holding that much back from every clip would.
 */
export const SAFETY_MARGIN = 0.02;
/**
 * The leanest video that is still a picture (kbps: a 144p slideshow at one frame a second, enough
 * to follow a screen recording or a still shot), the slowest that slideshow gets (frames a second),
 * and the leanest sound (kbps, mono, speech still understandable).
 */
export const MIN_VIDEO_KBPS = 1;
export const MIN_FPS = 1;
export const MIN_AUDIO_KBPS = 12;

/** One audio choice: AAC (or Opus in WebM) at this bitrate and channel count. */
export type AudioChoice = { kbps: number; channels: number };

/** Steps tried in order; the first that takes at most its share of the budget wins. */
const AUDIO_LADDER: readonly (AudioChoice & { maxShare: number })[] = [
  { kbps: 128, channels: 2, maxShare: 0.1 },
  { kbps: 96, channels: 2, maxShare: 0.14 },
  { kbps: 64, channels: 2, maxShare: 0.2 },
  { kbps: 48, channels: 1, maxShare: 0.3 },
  { kbps: 32, channels: 1, maxShare: 0.4 },
  { kbps: 24, channels: 1, maxShare: 0.5 },
  { kbps: 16, channels: 1, maxShare: 0.6 },
  { kbps: MIN_AUDIO_KBPS, channels: 1, maxShare: 1 },
];

/**
 * Bytes the container adds around the streams: a header plus about 16 bytes of index per packet
 * (MP4's sample tables, measured on x264/AAC outputs; Matroska's block headers cost about the same).
 * AAC makes one packet per 1024 samples, so the sample rate (from the bitrate) sets its packet rate.
 */
export function containerOverheadBytes(durationSec: number, fps: number, audioKbps: number | undefined): number {
  const audioPacketsPerSec = audioKbps === undefined ? 0 : (audioSampleRate(audioKbps) ?? 48000) / 1024;
  return Math.ceil(1536 + durationSec * (fps + audioPacketsPerSec) * 16);
}

/** Total kbps a target allows after overhead and safety margin. */
export function totalKbps(targetBytes: number, durationSec: number, overheadBytes: number): number {
  const usable = (targetBytes - overheadBytes) * (1 - SAFETY_MARGIN);
  return Math.max(0, (usable * 8) / durationSec / 1000);
}

/**
 * The least sound a listener accepts from AAC-LC (and Opus, which does better at the same rate):
 * below about 64 kbps stereo or 48 kbps mono the loss is audible. A mono source floors at mono.
 */
export function soundFloor(sourceChannels: number): AudioChoice {
  return sourceChannels >= 2 ? { kbps: 64, channels: 2 } : { kbps: 48, channels: 1 };
}

/**
 * The sound for a size budget. Its share of the budget sets it while the budget is generous (128 kbps
 * stereo while that is a tenth of it, then less); it never goes under the sound floor while the picture
 * keeps `pictureFloorKbps` (a watchable picture at the bottom of the resolution ladder) beside it. When
 * even that cannot be had, the picture comes first: the richest step under the floor that still leaves
 * it that much, else the leanest sound (speech stays understandable).
 */
export function chooseAudio(totalKbpsBudget: number, sourceChannels: number, pictureFloorKbps: number): AudioChoice {
  const steps = AUDIO_LADDER.map((step) => forSource(step, sourceChannels));
  const leanest = steps[steps.length - 1];
  const byShare = steps.find((s) => s.kbps <= totalKbpsBudget * s.maxShare) ?? leanest;
  const floor = soundFloor(sourceChannels);
  const leavesPicture = (s: AudioChoice) => totalKbpsBudget - s.kbps >= pictureFloorKbps;
  const chosen = byShare.kbps >= floor.kbps ? byShare : leavesPicture(floor) ? floor : (steps.find((s) => s.kbps < floor.kbps && leavesPicture(s)) ?? leanest);
  return { kbps: chosen.kbps, channels: chosen.channels };
}

/** A ladder step for a source with this many channels: a mono source never gets more than one. */
function forSource<T extends AudioChoice>(step: T, sourceChannels: number): T {
  if (sourceChannels >= 2 || step.channels === 1) return step;
  // One channel needs about half the bits of two for the same sound.
  return { ...step, kbps: Math.max(MIN_AUDIO_KBPS, step.kbps / 2), channels: 1 };
}

/** The AAC sample rate for a bitrate: low bitrates sound better with less bandwidth to spend it on. */
export function audioSampleRate(kbps: number): number | undefined {
  if (kbps <= 24) return 16000;
  if (kbps <= 40) return 24000;
  return undefined; // keep the source's
}

/** The smallest file (bytes) that still holds a sensible picture (and sound) for this long. */
export function smallestBytes(durationSec: number, hasAudio: boolean): number {
  const kbps = MIN_VIDEO_KBPS + (hasAudio ? MIN_AUDIO_KBPS : 0);
  const streams = (kbps * 1000 * durationSec) / 8;
  return Math.ceil(streams / (1 - SAFETY_MARGIN) + containerOverheadBytes(durationSec, MIN_FPS, hasAudio ? MIN_AUDIO_KBPS : undefined));
}

/** What to do about a size too small for the video: the ways out, muting only where there is sound to mute. */
export function tooSmallHint(smallest: string, withSound: boolean): string {
  return `Ask for at least ${smallest}${withSound ? ', trim it shorter, or mute it' : ' or trim it shorter'}.`;
}
