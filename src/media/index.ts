// The media core's public face: what the render node, the engine and the bench import.
export { compress } from './compress.js';
export { probe } from './probe.js';
export { planEncode, DEFAULT_SHORT_SIDE, type PlanOptions } from './plan-encode.js';
export { locateFfmpeg, type FfmpegTools } from './locate.js';
export { capabilities, type Capabilities } from './capabilities.js';
export { runFfmpeg, runFfprobe, type RunFfmpegOptions, type RunResult, type FfmpegProgress } from './run-ffmpeg.js';
export { SSIM_THRESHOLDS } from './quality-search.js';
export { formatBytes } from './target-budget.js';
export * from './types.js';
export { trimWindow } from './trim-window.js';
export { defaultOutputName, placeOutput } from './place-output.js';
export { cleanFileName } from './file-names.js';
