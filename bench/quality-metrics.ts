import { runFfmpeg, vmafFrameSize, type FfmpegTools } from '../src/media/index.js';

/** The picture every output is compared against: the source as a player shows it. */
export type ReferenceFrame = {
  /** Display size (rotation applied, sample aspect folded in): outputs are scaled back up to it. */
  width: number;
  height: number;
  /** The source's average frame rate; both sides are resampled to it so displayed frames line up. */
  fps: number;
  /** HDR sources are tone-mapped to SDR first, the way an H.264 output of them should look. */
  hdr: boolean;
};

/** How a measurement is made. */
export type MetricOptions = {
  /** libvmaf model path (`.pkl`, with its `.pkl.model` beside it); no VMAF without it. */
  vmafModel?: string;
  /** Score every Nth frame for VMAF (long clips); default 1. */
  vmafSubsample?: number;
  /** Compare against this span of the reference only; the distorted file is a sample already cut to it. */
  span?: { startSec: number; durationSec: number };
  /** The ffmpeg to measure with (one with libvmaf); default: the one that encodes. */
  tools?: FfmpegTools;
};

/** What the metrics said: SSIM's "All" value (0..1) and, when a model was given, the pooled VMAF. */
export type QualityScore = { ssim: number; vmaf?: number };

/**
 * An SDR picture from an HDR (PQ or HLG) one: linear light, BT.709 primaries, Hable curve, then
 * back to 8-bit BT.709. The reference goes through it so an output that tone-mapped is not
 * punished for no longer matching the source's HDR code values.
 */
export const TONE_MAP_TO_SDR =
  'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv';

/**
 * The filter graph comparing input 0 (distorted) with input 1 (reference): both start at zero,
 * are resampled to the reference's frame rate (a lower-rate output then repeats frames exactly as a
 * player would), scaled with bicubic to the reference's display size, and fed to ssim (and libvmaf,
 * which sees a frame bigger than 1080p at its model's display size: vmafFrameSize).
 */
export function qualityFilterGraph(reference: ReferenceFrame, options: MetricOptions = {}): string {
  const common = `setpts=PTS-STARTPTS,fps=${reference.fps},scale=${reference.width}:${reference.height}:flags=bicubic,setsar=1,format=yuv420p`;
  const distorted = `[0:v]${common}`;
  const source = `[1:v]${reference.hdr ? `${TONE_MAP_TO_SDR},` : ''}${common}`;
  if (!options.vmafModel) return `${distorted}[d];${source}[r];[d][r]ssim`;
  const vmaf = [
    `model_path=${escapeFilterValue(options.vmafModel)}`,
    'n_threads=2',
    ...(options.vmafSubsample && options.vmafSubsample > 1 ? [`n_subsample=${options.vmafSubsample}`] : []),
  ].join(':');
  // VMAF sees a frame bigger than its model's 1080p display as that display shows it, as the product's meter does.
  const shown = vmafFrameSize(reference.width, reference.height);
  const fit = shown ? `scale=${shown.width}:${shown.height}:flags=bicubic,` : '';
  return `${distorted},split[d1][d2];${source},split[r1][r2];[d1][r1]ssim;[d2]${fit}null[dv];[r2]${fit}null[rv];[dv][rv]libvmaf=${vmaf}`;
}

/**
 * Reads the scores ffmpeg printed (the ssim filter logs to stderr, libvmaf 1.3 prints its pooled
 * score to stdout, so pass both); throws when the SSIM line is missing.
 */
export function parseQualityLog(printed: string): QualityScore {
  const ssim = /SSIM Y:.*All:([\d.]+)/.exec(printed)?.[1];
  if (ssim === undefined) throw new Error(`ffmpeg printed no SSIM line: ${printed.trim().split('\n').slice(-2).join(' / ')}`);
  const vmaf = /VMAF score = ([\d.]+)/.exec(printed)?.[1];
  return { ssim: Number(ssim), vmaf: vmaf === undefined ? undefined : Number(vmaf) };
}

/** Measures `distorted` against `reference` as a viewer sees both (see qualityFilterGraph). */
export async function measureQuality(distorted: string, reference: string, frame: ReferenceFrame, options: MetricOptions = {}): Promise<QualityScore> {
  const seek = options.span ? ['-ss', String(options.span.startSec), '-t', String(options.span.durationSec)] : [];
  const { stdout, stderr } = await runFfmpeg([
    '-nostats',
    '-i', distorted,
    ...seek, '-i', reference,
    '-lavfi', qualityFilterGraph(frame, options),
    '-an', '-f', 'null', '-',
  ], { tools: options.tools });
  return parseQualityLog(`${stderr}\n${stdout}`);
}

// Filter option values are ':'-separated; a path with ':' or '\' in it must be escaped.
function escapeFilterValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, "\\'");
}
