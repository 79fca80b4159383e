/**
 * How many bits a size target leaves for the picture and the sound. Pure arithmetic, in one place,
 * so the promise "never over the size" can be read and tuned here.
 */

/** Part of the target held back for the encoder's rate error; the size check catches the rest. */
export const SAFETY_MARGIN = 0.03;
/** The leanest video that is still a picture (kbps), and the leanest sound (kbps, mono). */
export const MIN_VIDEO_KBPS = 24;
export const MIN_AUDIO_KBPS = 48;

/** One audio choice: AAC (or Opus in WebM) at this bitrate and channel count. */
export type AudioChoice = { kbps: number; channels: number };

/** Steps tried in order; the first that takes at most its share of the budget wins. */
const AUDIO_LADDER: readonly (AudioChoice & { maxShare: number })[] = [
  { kbps: 128, channels: 2, maxShare: 0.1 },
  { kbps: 96, channels: 2, maxShare: 0.14 },
  { kbps: 64, channels: 2, maxShare: 0.2 },
  { kbps: MIN_AUDIO_KBPS, channels: 1, maxShare: 1 },
];

/**
 * Bytes the container adds around the streams: a fixed header plus an index entry per video
 * frame and per audio packet (MP4's sample tables; Matroska's block headers are about the same).
 */
export function containerOverheadBytes(durationSec: number, fps: number, hasAudio: boolean): number {
  const audioPacketsPerSec = hasAudio ? 48 : 0; // AAC: 1024 samples a packet at 44.1–48 kHz
  return Math.ceil(4096 + durationSec * (fps * 12 + audioPacketsPerSec * 6));
}

/** Total kbps a target allows after overhead and safety margin. */
export function totalKbps(targetBytes: number, durationSec: number, overheadBytes: number): number {
  const usable = (targetBytes - overheadBytes) * (1 - SAFETY_MARGIN);
  return Math.max(0, (usable * 8) / durationSec / 1000);
}

/**
 * Audio gets its share first: 128 kbps stereo while it is a small part of the budget, stepping
 * down to 48 kbps mono when the budget is tight. A mono source never gets more than one channel.
 */
export function chooseAudio(totalKbpsBudget: number, sourceChannels: number): AudioChoice {
  const step = AUDIO_LADDER.find((s) => s.kbps <= totalKbpsBudget * s.maxShare) ?? AUDIO_LADDER[AUDIO_LADDER.length - 1];
  if (sourceChannels >= 2 || step.channels === 1) return { kbps: step.kbps, channels: step.channels };
  // One channel needs about half the bits of two for the same sound.
  return { kbps: Math.max(MIN_AUDIO_KBPS, step.kbps / 2), channels: 1 };
}

/** The smallest file (bytes) that still holds a sensible picture (and sound) for this long. */
export function smallestBytes(durationSec: number, fps: number, hasAudio: boolean): number {
  const kbps = MIN_VIDEO_KBPS + (hasAudio ? MIN_AUDIO_KBPS : 0);
  const streams = (kbps * 1000 * durationSec) / 8;
  return Math.ceil(streams / (1 - SAFETY_MARGIN) + containerOverheadBytes(durationSec, fps, hasAudio));
}

/** "4.2 MB", "850 KB": sizes the way the user wrote them (1 MB = 1,000,000 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : 1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}
