import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../src/media/index.js';
import type { CalibrationPoint } from './calibration.js';
import { measureQuality, TONE_MAP_TO_SDR } from './quality-metrics.js';
import { referenceFrame, type Clip } from './size-bench.js';

/** Samples stay short: at most this long, and at most SAMPLE_FRAMES frames (the 1080p60 clips). */
const SAMPLE_SECONDS = 2.5;
const SAMPLE_FRAMES = 60;

/**
 * The part of a clip the calibration encodes: from the middle, short enough for 2 cores, starting
 * on a frame boundary so the sample and the reference cut begin with the same frame.
 */
export function sampleSpan(durationSec: number, fps: number): { startSec: number; durationSec: number } {
  const length = Math.min(durationSec, SAMPLE_SECONDS, SAMPLE_FRAMES / fps);
  const startFrame = Math.floor(((durationSec - length) / 2) * fps);
  return { startSec: Number((startFrame / fps).toFixed(6)), durationSec: Number(length.toFixed(3)) };
}

/**
 * Encodes a sample of every clip at every CRF (x264 medium, the product's default preset, at the
 * source's display size; HDR tone-mapped like the product's H.264 output) and scores each one with
 * SSIM and VMAF against the same span of the source.
 */
export async function runCalibration(
  clips: readonly Clip[],
  crfs: readonly number[],
  settings: { workDir: string; vmafModel: string; log: (line: string) => void },
): Promise<CalibrationPoint[]> {
  const points: CalibrationPoint[] = [];
  for (const clip of clips) {
    const frame = referenceFrame(clip.info);
    const span = sampleSpan(clip.info.durationSec, frame.fps);
    for (const crf of crfs) {
      const sample = path.join(settings.workDir, `${path.parse(clip.name).name}.crf${crf}.mp4`);
      const toneMap = frame.hdr ? ['-vf', `${TONE_MAP_TO_SDR},format=yuv420p`] : [];
      await runFfmpeg([
        '-nostats', '-y',
        '-ss', String(span.startSec), '-t', String(span.durationSec), '-i', clip.path,
        // passthrough: MP4's default constant-rate sync would pad the start with a copy of the first
        // frame when the cut is not on a frame boundary, shifting every frame against the reference.
        ...toneMap, '-vsync', 'passthrough', '-c:v', 'libx264', '-preset', 'medium', '-crf', String(crf), '-an', sample,
      ]);
      const score = await measureQuality(sample, clip.path, frame, { vmafModel: settings.vmafModel, span });
      await rm(sample, { force: true });
      const point = { clip: clip.name, crf, ssim: score.ssim, vmaf: score.vmaf ?? Number.NaN };
      points.push(point);
      settings.log(`${clip.name} CRF ${crf}: SSIM ${point.ssim.toFixed(4)}, VMAF ${point.vmaf.toFixed(2)}`);
    }
  }
  return points;
}
