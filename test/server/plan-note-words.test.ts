import { describe, expect, it } from 'vitest';
import { planEncode, type PlanNote } from '../../src/media/index.js';
import { PLAN_NOTE_WORDS, planNoteText } from '../../src/server/plan-note-words.js';
import { stringValues, strayLatin } from '../helpers/wording-checks.js';

// The media core's notes, worded in both languages: one sample of every code, said in each.

const CHINESE = /[\u4e00-\u9fff]/;
const score = { metric: 'vmaf', mean: 95.8, low: 91.2 } as const;

/** One note of each code; the type makes a new code a compile error here until it has a sample. */
const SAMPLES: { [C in PlanNote['code']]: Extract<PlanNote, { code: C }> } = {
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
  'sound-dropped': { code: 'sound-dropped', targetBytes: 26e3, durationSec: 30, smallestWithSoundBytes: 52e3 },
  'size-budget': { code: 'size-budget', targetBytes: 25e6, totalKbps: 3210.4, overheadBytes: 30e3, marginPercent: 2 },
  'bitrate-unused': { code: 'bitrate-unused', usedKbps: 1800, availableKbps: 3000.2 },
  'picture-scaled': { code: 'picture-scaled', width: 640, height: 360, fullWidth: 1920, fullHeight: 1080, bitsPerPixel: 0.0123 },
  'sound-under-floor': { code: 'sound-under-floor', floorKbps: 64, floorChannels: 2, pictureKbps: 19.7, width: 256, height: 144 },
  'quality-search': { code: 'quality-search', crf: 24, score, passed: false, bar: { metric: 'vmaf', value: 95 }, reused: false, sampleSec: 12, tries: 3 },
  'quality-remeasured': { code: 'quality-remeasured', score: { metric: 'ssim', mean: 0.9871, low: 0.95 }, crf: 26, lowerCrf: 24 },
  'quality-over-cap': { code: 'quality-over-cap', quality: 'visually-lossless', capBytes: 10e6, copied: true },
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
const notes: PlanNote[] = Object.values(SAMPLES);

describe('the plan note wording tables', () => {
  it('word every code in both languages, and nothing else', () => {
    expect(Object.keys(PLAN_NOTE_WORDS.en).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(Object.keys(PLAN_NOTE_WORDS.zh).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(notes.map((note) => [note.code, note] as const))('%s: English without Chinese, Chinese without English words', (_, note) => {
    const [en, zh] = [planNoteText(note, 'en'), planNoteText(note, 'zh')];
    expect(en).not.toMatch(CHINESE);
    expect(zh).toMatch(CHINESE);
    expect(strayLatin(zh, stringValues(note))).toBe('');
  });

  it('keeps the English the render wire always carried', () => {
    expect(planNoteText(SAMPLES['size-overshot'], 'en')).toBe('Came out at 2.1 MB, over 2 MB: re-encoded at 700 kbps, 15 fps.');
    expect(planNoteText(SAMPLES['quality-search'], 'en')).toBe(
      'Quality search: CRF 24 (the best tried) reaches VMAF 95.8 (5th percentile 91.2), short of the VMAF 95 (on samples) asked for, on 12.0 s of samples (3 tries).',
    );
  });
});

describe('a resolution the source does not reach', () => {
  const source = (sizeBytes: number) =>
    ({
      path: 'small.mp4', container: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 10, sizeBytes, bitrate: (sizeBytes * 8) / 10,
      video: { codec: 'h264', width: 640, height: 480, displayWidth: 640, displayHeight: 480, avgFps: 30, bitDepth: 8, variableFrameRate: false },
      audio: { codec: 'aac', channels: 2, sampleRate: 48000, bitrate: 128000 },
    }) as never;

  it.each([
    ['encoded', 5e6, { resolution: 720, targetBytes: 2e6 }],
    ['at constant quality', 5e6, { resolution: 720 }],
    ['copied, since it already fits', 1e6, { resolution: 720, targetBytes: 2e6 }],
  ])('says "720p" of a 640x480 source keeps its size, in both languages (%s)', (_, bytes, goal) => {
    const plan = planEncode(goal, source(bytes));
    expect([plan.width, plan.height]).toEqual([640, 480]);
    const note = plan.notes.find((found) => found.code === 'source-smaller');
    expect(note).toEqual({ code: 'source-smaller', askedShortSide: 720, width: 640, height: 480 });
    expect(planNoteText(note as PlanNote, 'en')).toBe('720p asked for, but the source is only 640x480: it stays at its own size (no upscale).');
    expect(planNoteText(note as PlanNote, 'zh')).toBe('要求 720p，但源视频只有 640x480，比要求的小：保持原尺寸，不放大。');
  });

  it('says nothing of it when the source is as big as asked', () => {
    expect(planEncode({ resolution: 480, targetBytes: 2e6 }, source(5e6)).notes.map((note) => note.code)).not.toContain('source-smaller');
  });
});
