import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledFfmpeg, locateFfmpeg, type FfmpegTools } from './locate.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { filterValue } from './encode-args.js';

/**
 * How this machine measures quality: VMAF through an ffmpeg with libvmaf (`filterOption` is what
 * selects the model), else SSIM through the ffmpeg that encodes. `tools` is the ffmpeg to run.
 */
export type QualityMeter = { metric: 'vmaf'; tools: FfmpegTools; filterOption: string } | { metric: 'ssim'; tools?: FfmpegTools };

/** SSIM through the ffmpeg that encodes: the fallback, and what the frame trial ranks sizes by. */
export const SSIM_METER: QualityMeter = { metric: 'ssim' };

/** The model every score is on: VMAF 0.6.1, the one the bench's numbers and the promise use. */
export const VMAF_MODEL = 'vmaf_v0.6.1';

/** The display VMAF 0.6.1 was trained for: a 1080p screen (watched from three screen heights). */
const MODEL_DISPLAY = { long: 1920, short: 1080 };

/**
 * The size VMAF compares a frame at. The model's viewers saw every video rescaled to its 1080p
 * display (Netflix's VMAF FAQ), so a bigger frame is scored as that display shows it: scaled down to
 * fit 1920x1080 (1080x1920 upright), even-sized. Scored whole, a 4K frame would be judged as if
 * watched from half the distance, at four times the cost. Undefined for a frame that fits as it is.
 */
export function vmafFrameSize(width: number, height: number): { width: number; height: number } | undefined {
  const scale = Math.min(MODEL_DISPLAY.long / Math.max(width, height), MODEL_DISPLAY.short / Math.min(width, height));
  if (scale >= 1) return undefined;
  const even = (side: number) => Math.max(2, 2 * Math.round((side * scale) / 2));
  return { width: even(width), height: even(height) };
}

let cached: Promise<QualityMeter> | undefined;

/**
 * Finds the meter once per process: the encoding ffmpeg when it has libvmaf, else the static ffmpeg
 * npm installed (it has libvmaf but no model, so the package ships one), else SSIM.
 */
export function qualityMeter(): Promise<QualityMeter> {
  cached ??= findMeter().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function findMeter(): Promise<QualityMeter> {
  const tools = locateFfmpeg();
  const bundled = bundledFfmpeg();
  const candidates = [tools, ...(bundled && bundled !== tools.ffmpeg ? [{ ...tools, ffmpeg: bundled }] : [])];
  for (const candidate of candidates) {
    const help = await runFfmpeg(['-h', 'filter=libvmaf'], { tools: candidate }).then((r) => r.stdout, () => '');
    const filterOption = vmafModelOption(help, shippedModel());
    if (filterOption) return { metric: 'vmaf', tools: candidate, filterOption };
  }
  return SSIM_METER;
}

/**
 * The libvmaf option that selects VMAF 0.6.1, from the filter's help text: libvmaf 2 has the model
 * built in (`model=version=…`); libvmaf 1 loads it from a file (`model_path`), which needs the
 * shipped one. Undefined when the filter is missing or cannot be given the model.
 */
export function vmafModelOption(filterHelp: string, modelFile: string | undefined): string | undefined {
  if (!/Filter libvmaf/.test(filterHelp)) return undefined;
  if (/^\s+model\s+<string>/m.test(filterHelp)) return `model=version=${VMAF_MODEL}`;
  if (/^\s+model_path\s+<string>/m.test(filterHelp) && modelFile) return `model_path=${filterValue(modelFile)}`;
  return undefined;
}

/** The model file shipped in the package's `vmaf/` folder (found from src/ and from dist/src/). */
function shippedModel(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const file = path.join(dir, 'vmaf', `${VMAF_MODEL}.pkl`);
    if (existsSync(file) && existsSync(`${file}.model`)) return file;
    dir = path.dirname(dir);
  }
  return undefined;
}
