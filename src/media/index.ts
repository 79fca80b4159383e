// The media core's public face: what the render node, the engine and the bench import.
export { compress } from './compress.js';
export { probe } from './probe.js';
export { machinePlanOptions, planEncode, type PlanOptions } from './plan-encode.js';
export { DEFAULT_SHORT_SIDE } from '../wire/size-cap.js';
export { isTwoPass } from './encode-args.js';
export { chosenFfmpeg, locateFfmpeg, type FfmpegChoice, type FfmpegTools } from './locate.js';
export { capabilities, type Capabilities } from './capabilities.js';
export { runFfmpeg, runFfprobe, type RunFfmpegOptions, type RunResult, type FfmpegProgress } from './run-ffmpeg.js';
export { SSIM_THRESHOLDS, VMAF_BARS } from './quality-bar.js';
export { qualityMeter, vmafFrameSize, type QualityMeter } from './quality-meter.js';
export * from './types.js';
export type { LeanerChange, NoteScore, PlanDifference, PlanNote, RateChange, SoundCodec } from './plan-notes.js';
export { trimWindow } from './trim-window.js';
export { formatQuality, outputDetails, qualityField } from './verify-output.js';
export { defaultOutputName, placeOutput } from './place-output.js';
export { cleanFileName, splitName } from './file-names.js';
export { previewFrames, type PreviewPair, type RgbImage } from './preview-frames.js';
