import type { PlanNote } from '../../src/wire/index.js';

// One plan note of each code, for the tests of their words and of their schema.

const score = { metric: 'vmaf', mean: 95.8, low: 91.2 } as const;

/** One note of each code; the type makes a new code a compile error here until it has a sample. */
export const SAMPLES: { [C in PlanNote['code']]: Extract<PlanNote, { code: C }> } = {
  copied: { code: 'copied', withAudio: true, width: 1280, height: 720, bytes: 51e3, targetBytes: 1e6 },
  'copied-as-is': { code: 'copied-as-is', grewBytes: 2048, targetBytes: 1e6 },
  'webm-codec': { code: 'webm-codec', asked: 'h265' },
  webm: { code: 'webm' },
  trim: { code: 'trim', startSec: 5, endSec: 20, durationSec: 15 },
  crop: { code: 'crop', aspect: '9:16', width: 608, height: 1080, sourceWidth: 1920, sourceHeight: 1080 },
  rotation: { code: 'rotation', degrees: 90 },
  hdr: { code: 'hdr', format: 'hlg', codec: 'h264' },
  'hardware-encoder': { code: 'hardware-encoder', encoder: 'h264_nvenc' },
  title: { code: 'title', startSec: 0, endSec: 3 },
  quality: { code: 'quality', quality: 'high', crf: 23 },
  'source-smaller': { code: 'source-smaller', askedShortSide: 720, width: 640, height: 480 },
  picture: { code: 'picture', width: 960, height: 540, rate: { kind: 'variable', aboutFps: 29.97 }, video: { kbps: 2400, twoPass: true } },
  sound: { code: 'sound', codec: 'aac', kbps: 96, channels: 2 },
  'sound-music': { code: 'sound-music', percent: 35, overSource: true, codec: 'opus', kbps: 64, channels: 1 },
  'sound-none-in-source': { code: 'sound-none-in-source' },
  'sound-muted': { code: 'sound-muted' },
  'sound-none': { code: 'sound-none' },
  subtitles: { code: 'subtitles', kept: 2, dropped: 1, container: 'mp4' },
  'subtitles-removed': { code: 'subtitles-removed' },
  'sound-dropped': { code: 'sound-dropped', targetBytes: 26e3, durationSec: 30, smallestWithSoundBytes: 52e3 },
  'size-budget': { code: 'size-budget', targetBytes: 25e6, totalKbps: 3210.4, overheadBytes: 30e3, marginPercent: 2 },
  'bitrate-unused': { code: 'bitrate-unused', usedKbps: 1800, availableKbps: 3000.2 },
  'picture-scaled': { code: 'picture-scaled', width: 640, height: 360, fullWidth: 1920, fullHeight: 1080, bitsPerPixel: 0.0123 },
  'sound-under-floor': { code: 'sound-under-floor', floorKbps: 64, floorChannels: 2, pictureKbps: 19.7, width: 256, height: 144 },
  'quality-search': { code: 'quality-search', crf: 24, score, passed: false, bar: { metric: 'vmaf', value: 95 }, reused: false, sampleSec: 12, tries: 3 },
  'quality-remeasured': { code: 'quality-remeasured', score: { metric: 'ssim', mean: 0.9871, low: 0.95 }, crf: 26, lowerCrf: 24 },
  'quality-over-cap': { code: 'quality-over-cap', quality: 'visually-lossless', capBytes: 10e6, copied: true },
  'bigger-than-source': { code: 'bigger-than-source', bytes: 4.5e6, sourceBytes: 1.3e6, sourceCodec: 'vp8' },
  'under-encoder-floor': { code: 'under-encoder-floor', kbps: 40, width: 640, height: 360, change: { kind: 'no-sound' } },
  'size-overshot': { code: 'size-overshot', actualBytes: 2.1e6, targetBytes: 2e6, kbps: 700, change: { kind: 'fps', fps: 15 } },
  'size-topped-up': { code: 'size-topped-up', actualBytes: 1.5e6, aimBytes: 1.96e6, kbps: 900 },
  'sound-measured': { code: 'sound-measured', audioBytes: 100e3, plannedBytes: 480e3, spare: true, kbps: 1200 },
  'worker-plan': {
    code: 'worker-plan',
    missingEncoder: 'libsvtav1',
    differences: [
      { field: 'encoder', promised: 'libsvtav1', ran: 'libaom-av1' },
      { field: 'passes', promised: 1, ran: 2 },
      { field: 'frame', promised: { width: 1280, height: 720 }, ran: { width: 960, height: 540 } },
      { field: 'video_kbps', promised: 900, ran: 880 },
      { field: 'audio', promised: 'encode', ran: 'copy' },
      { field: 'audio_kbps', promised: 96 },
    ],
  },
  'full-frame-kept': { code: 'full-frame-kept', width: 1280, height: 720, fps: 29.97, ssim: 0.9712, plannedSsim: 0.9654, plannedWidth: 854, plannedHeight: 480 },
};
