import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../src/media/index.js';
import type { BenchTool, EncodeJob } from './encode-job.js';

/** The audio bitrate the naive recipe always spends (when the source has audio), kbit/s. */
export const NAIVE_AUDIO_KBPS = 128;

/** The lowest video bitrate the naive recipe will ask x264 for when its formula goes to zero or below. */
export const NAIVE_MIN_VIDEO_KBPS = 16;

/**
 * The textbook two-pass bitrate: target bits spread over the duration, minus the audio.
 * Returns whole kbit/s (rounded down) and whether the formula had to be clamped because the
 * audio alone eats the budget, which is exactly where the naive recipe breaks.
 */
export function naiveVideoKbps(targetBytes: number, durationSec: number, audioKbps: number): { kbps: number; clamped: boolean } {
  const totalKbps = (targetBytes * 8) / durationSec / 1000;
  const videoKbps = Math.floor(totalKbps - audioKbps);
  return videoKbps < NAIVE_MIN_VIDEO_KBPS ? { kbps: NAIVE_MIN_VIDEO_KBPS, clamped: true } : { kbps: videoKbps, clamped: false };
}

/**
 * The ffmpeg arguments of the two passes the way a tutorial writes them: libx264 preset medium at
 * the source's resolution and frame rate, `-pass 1 -an -f null` then `-pass 2` with AAC 128k, MP4.
 */
export function naiveTwoPassArgs(input: string, output: string, passLog: string, videoKbps: number, hasAudio: boolean): [string[], string[]] {
  const video = ['-c:v', 'libx264', '-preset', 'medium', '-b:v', `${videoKbps}k`, '-passlogfile', passLog];
  const audio = hasAudio ? ['-c:a', 'aac', '-b:a', `${NAIVE_AUDIO_KBPS}k`] : ['-an'];
  return [
    ['-y', '-i', input, ...video, '-pass', '1', '-an', '-f', 'null', '-'],
    ['-y', '-i', input, ...video, '-pass', '2', ...audio, output],
  ];
}

/** The naive ffmpeg two-pass the product has to beat. */
export const naiveTwoPass: BenchTool = {
  name: 'naive',
  async encode(job: EncodeJob) {
    const hasAudio = job.info.audio !== undefined;
    const { kbps, clamped } = naiveVideoKbps(job.targetBytes, job.info.durationSec, hasAudio ? NAIVE_AUDIO_KBPS : 0);
    const output = path.join(job.outDir, `${job.stem}.mp4`);
    const passLog = path.join(job.outDir, `${job.stem}.passlog`);
    const [pass1, pass2] = naiveTwoPassArgs(job.input, output, passLog, kbps, hasAudio);
    try {
      await runFfmpeg(['-nostats', ...pass1]);
      await runFfmpeg(['-nostats', ...pass2]);
    } finally {
      await removePassLogs(job.outDir, path.basename(passLog));
    }
    return { output, note: clamped ? `formula ≤ 0, video clamped to ${kbps} kbps` : undefined };
  },
};

async function removePassLogs(dir: string, prefix: string): Promise<void> {
  // x264 writes <prefix>-0.log and <prefix>-0.log.mbtree.
  await Promise.all(['-0.log', '-0.log.mbtree', '-0.log.temp', '-0.log.mbtree.temp'].map((suffix) => rm(path.join(dir, prefix + suffix), { force: true })));
}
