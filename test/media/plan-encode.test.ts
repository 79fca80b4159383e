import { describe, expect, it } from 'vitest';
import { MediaError } from '../../src/errors.js';
import type { Goal } from '../../src/goal/types.js';
import { machinePlanOptions, planEncode, qualityCap } from '../../src/media/plan-encode.js';
import type { Capabilities } from '../../src/media/capabilities.js';
import { chooseAudio, containerOverheadBytes } from '../../src/media/target-budget.js';
import { formatBytes } from '../../src/units.js';
import { chooseFrame, cropToAspect, fitShortSide, watchablePicture } from '../../src/media/resolution-ladder.js';
import type { AudioInfo, EncodePlan, MediaInfo, VideoInfo } from '../../src/media/types.js';
import { notesText } from '../helpers/note-text.js';

const MB = 1_000_000;

/** A MediaInfo for a clip: 1080p30 H.264/AAC MP4, 60 s, 50 MB unless overridden. */
function clip(over: { video?: Partial<VideoInfo>; audio?: Partial<AudioInfo> | null } & Partial<Omit<MediaInfo, 'video' | 'audio'>> = {}): MediaInfo {
  const { video, audio, ...rest } = over;
  const v: VideoInfo = {
    codec: 'h264', width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, displayAspect: 16 / 9, rotation: 0,
    avgFps: 30, realFps: 30, variableFrameRate: false, pixFmt: 'yuv420p', bitDepth: 8, ...video,
  };
  const sizeBytes = rest.sizeBytes ?? 50 * MB;
  const durationSec = rest.durationSec ?? 60;
  return {
    path: '/in.mp4', container: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec, sizeBytes, bitrate: (sizeBytes * 8) / durationSec,
    ...rest,
    video: v,
    audio: audio === null ? undefined : { codec: 'aac', channels: 2, sampleRate: 48000, bitrate: 128000, ...audio },
  };
}

type Row = [string, Goal, MediaInfo, Partial<EncodePlan> & { videoKbpsAtLeast?: number; bytesAtMost?: number; noteMatches?: RegExp }];

const rows: Row[] = [
  ['10 MB for 60 s 1080p: bitrate mode, under target, ≥ 90 % used', { targetBytes: 10 * MB }, clip(), { mode: 'bitrate', codec: 'h264', encoder: 'libx264', container: 'mp4', audio: { mode: 'encode', kbps: 128, channels: 2 }, bytesAtMost: 10 * MB, videoKbpsAtLeast: 1100 }],
  ['25 MB for 60 s keeps 1080p', { targetBytes: 25 * MB }, clip(), { width: 1920, height: 1080, fps: undefined }],
  ['2 MB for 60 s drops resolution, the sound keeps its stereo floor', { targetBytes: 2 * MB }, clip(), { width: 640, height: 360, audio: { mode: 'encode', kbps: 64, channels: 2 } }],
  ['a quarter of a thin 720p clip: the sound keeps its floor while the picture still moves', { relativeSize: 0.25 }, clip({ durationSec: 30, sizeBytes: 1_800_000, video: { width: 1280, height: 720, displayWidth: 1280, displayHeight: 720, avgFps: 24, realFps: 24 } }), { audio: { mode: 'encode', kbps: 64, channels: 2 } }],
  ['so small that the sound floor would stop the picture: under the floor, and said', { targetBytes: 323_260 }, clip({ durationSec: 30, sizeBytes: 1_293_041, video: { width: 1280, height: 720, displayWidth: 1280, displayHeight: 720, avgFps: 24, realFps: 24 } }), { audio: { mode: 'encode', kbps: 48, channels: 1 }, noteMatches: /Sound under its floor \(64 kbps stereo\): beside that much, the picture would get less than the 18 kbps it needs to keep moving even at 256x144\./ }],
  ['a mono source floors at 48 kbps mono', { targetBytes: 2 * MB }, clip({ audio: { channels: 1 } }), { audio: { mode: 'encode', kbps: 48, channels: 1 } }],
  ['6 MB for 60 s keeps 720p', { targetBytes: 6 * MB }, clip(), { width: 1280, height: 720 }],
  ['180 KB for 60 s is a slideshow at the bottom of the ladder', { targetBytes: 180_000 }, clip({ audio: null }), { width: 256, height: 144, fps: 15 }],
  ['tight budget steps audio down to 64k', { targetBytes: 4 * MB }, clip(), { audio: { mode: 'encode', kbps: 64, channels: 2 } }],
  ['60 fps under starvation drops to 30', { targetBytes: 5 * MB }, clip({ video: { avgFps: 60, realFps: 60 } }), { fps: 30 }],
  ['59.94 halves to 29.97', { targetBytes: 5 * MB }, clip({ video: { avgFps: 59.94, realFps: 59.94 } }), { fps: 29.97 }],
  ['60 fps with room keeps 60', { targetBytes: 45 * MB }, clip({ video: { avgFps: 60, realFps: 60 } }), { fps: undefined, height: 1080 }],
  ['4K is capped at 1080p by default', { targetBytes: 40 * MB }, clip({ video: { width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 }, sizeBytes: 200 * MB }), { width: 1920, height: 1080 }],
  ['resolution 720 caps the short side', { targetBytes: 40 * MB, resolution: 720 }, clip(), { width: 1280, height: 720 }],
  ['vertical stays vertical', { targetBytes: 20 * MB, resolution: 720 }, clip({ video: { width: 1920, height: 1080, displayWidth: 1080, displayHeight: 1920, rotation: 90 } }), { width: 720, height: 1280 }],
  ['never upscales a small source', { targetBytes: 30 * MB }, clip({ video: { width: 640, height: 360, displayWidth: 640, displayHeight: 360 }, sizeBytes: 40 * MB }), { width: 640, height: 360 }],
  ['odd source sizes become even', { targetBytes: 30 * MB }, clip({ video: { width: 853, height: 479, displayWidth: 853, displayHeight: 479 }, sizeBytes: 40 * MB }), { width: 854, height: 480 }],
  ['relativeSize 0.5 → half the input', { relativeSize: 0.5 }, clip(), { targetBytes: 25 * MB, bytesAtMost: 25 * MB }],
  ['targetBytes and relativeSize: the smaller wins', { relativeSize: 0.5, targetBytes: 10 * MB }, clip(), { targetBytes: 10 * MB }],
  ['mute drops the audio', { targetBytes: 10 * MB, audio: 'mute' }, clip(), { audio: { mode: 'none' } }],
  ['no audio in the source → none', { targetBytes: 10 * MB }, clip({ audio: null }), { audio: { mode: 'none' } }],
  ['mono source stays mono at half the rate', { targetBytes: 10 * MB }, clip({ audio: { channels: 1 } }), { audio: { mode: 'encode', kbps: 64, channels: 1 } }],
  ['audio bitrate from the goal', { targetBytes: 10 * MB, audio: { bitrateKbps: 96 } }, clip(), { audio: { mode: 'encode', kbps: 96, channels: 2 } }],
  ['trim shortens the duration', { targetBytes: 10 * MB, trim: { startSec: 10, endSec: 40 } }, clip(), { trim: { startSec: 10, endSec: 40 }, durationSec: 30 }],
  ['trim to the end has no endSec', { targetBytes: 10 * MB, trim: { startSec: 50 } }, clip(), { trim: { startSec: 50 }, durationSec: 10 }],
  ['"last 30 seconds" counts from the end', { targetBytes: 10 * MB, trim: { startSec: -30 } }, clip(), { trim: { startSec: 30 }, durationSec: 30 }],
  ['"cut the last 5 s" ends before the end', { targetBytes: 10 * MB, trim: { startSec: 0, endSec: -5 } }, clip(), { trim: { startSec: 0, endSec: 55 }, durationSec: 55 }],
  ['trim past the end is clamped', { targetBytes: 10 * MB, trim: { startSec: 0, endSec: 100 } }, clip(), { trim: undefined, durationSec: 60 }],
  ['fps cap from the goal', { targetBytes: 20 * MB, fps: 24 }, clip(), { fps: 24 }],
  ['fps cap above the source does nothing', { targetBytes: 20 * MB, fps: 60 }, clip(), { fps: undefined }],
  ['aspect 9:16 crops a landscape clip', { targetBytes: 20 * MB, aspect: '9:16' }, clip(), { width: 608, height: 1080, aspect: '9:16' }],
  ['aspect 1:1', { targetBytes: 20 * MB, aspect: '1:1' }, clip(), { width: 1080, height: 1080 }],
  ['aspect 4:5', { targetBytes: 20 * MB, aspect: '4:5' }, clip(), { width: 864, height: 1080 }],
  ['h265 uses libx265', { targetBytes: 10 * MB, codec: 'h265' }, clip(), { codec: 'h265', encoder: 'libx265' }],
  ['av1 uses libaom-av1', { targetBytes: 10 * MB, codec: 'av1' }, clip(), { codec: 'av1', encoder: 'libaom-av1', preset: '8' }],
  ['webm means AV1 + Opus', { targetBytes: 10 * MB, container: 'webm' }, clip(), { codec: 'av1', container: 'webm', noteMatches: /Opus/ }],
  ['webm with h264 asked says what is used instead', { targetBytes: 10 * MB, container: 'webm', codec: 'h264' }, clip(), { codec: 'av1', noteMatches: /cannot carry H264/ }],
  ['speed fast → veryfast', { targetBytes: 10 * MB, speed: 'fast' }, clip(), { preset: 'veryfast' }],
  ['speed best → slow', { targetBytes: 10 * MB, speed: 'best' }, clip(), { preset: 'slow' }],
  ['HDR is tone-mapped', { targetBytes: 10 * MB }, clip({ video: { codec: 'hevc', hdr: 'hlg', bitDepth: 10, pixFmt: 'yuv420p10le' } }), { toneMap: true, noteMatches: /tone-mapped/ }],
  ['already small H.264/AAC MP4 → copy', { targetBytes: 100 * MB }, clip(), { mode: 'copy', audio: { mode: 'copy' }, noteMatches: /Copied/ }],
  ['already small but MKV → encode', { targetBytes: 100 * MB }, clip({ container: 'matroska,webm' }), { mode: 'bitrate' }],
  ['already small but HEVC → encode', { targetBytes: 100 * MB }, clip({ video: { codec: 'hevc' } }), { mode: 'bitrate' }],
  ['already small but 4K → encode', { targetBytes: 100 * MB }, clip({ video: { width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 } }), { mode: 'bitrate', height: 1080 }],
  ['already small but trimmed → encode', { targetBytes: 100 * MB, trim: { startSec: 5 } }, clip(), { mode: 'bitrate' }],
  ['already small but mute → encode', { targetBytes: 100 * MB, audio: 'mute' }, clip(), { mode: 'bitrate', audio: { mode: 'none' } }],
  ['already small but Vorbis audio → encode', { targetBytes: 100 * MB }, clip({ audio: { codec: 'vorbis' } }), { mode: 'bitrate' }],
  ['already small, no audio → copy', { targetBytes: 100 * MB }, clip({ audio: null }), { mode: 'copy', audio: { mode: 'none' } }],
  ['big target for a non-copyable file never spends more than the input', { targetBytes: 500 * MB }, clip({ container: 'avi' }), { mode: 'bitrate', bytesAtMost: 50 * MB }],
  ['no size → constant quality', {}, clip(), { mode: 'crf', crf: 19, width: 1920 }],
  ['visually-lossless → lower CRF', { quality: 'visually-lossless' }, clip(), { mode: 'crf', crf: 16 }],
  ['quality small → higher CRF', { quality: 'small' }, clip(), { mode: 'crf', crf: 25 }],
  ['quality with 4K caps at 1080p', { quality: 'high' }, clip({ video: { width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 } }), { mode: 'crf', width: 1920, height: 1080 }],
  // A smaller picture is already a loss: "without losing quality" keeps the source's size.
  ['visually lossless keeps 4K', { quality: 'visually-lossless' }, clip({ video: { width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 } }), { mode: 'crf', width: 3840, height: 2160 }],
  ['visually lossless at 720p scales', { quality: 'visually-lossless', resolution: 720 }, clip({ video: { width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160 } }), { mode: 'crf', width: 1280, height: 720 }],
  ['hardware H.264 when offered', { targetBytes: 10 * MB }, clip(), { encoder: 'libx264' }],
];

describe('planEncode (table)', () => {
  it.each(rows)('%s', (_label, goal, info, expected) => {
    const { videoKbpsAtLeast, bytesAtMost, noteMatches, ...fields } = expected;
    const plan = planEncode(goal, info);
    expect(plan).toMatchObject(fields);
    if ('fps' in fields && fields.fps === undefined) expect(plan.fps).toBeUndefined();
    if ('trim' in fields && fields.trim === undefined) expect(plan.trim).toBeUndefined();
    if (videoKbpsAtLeast) expect(plan.videoKbps).toBeGreaterThanOrEqual(videoKbpsAtLeast);
    if (bytesAtMost) expect(plan.expectedBytes).toBeLessThanOrEqual(bytesAtMost);
    if (plan.targetBytes !== undefined && plan.mode === 'bitrate') expect(plan.expectedBytes).toBeLessThanOrEqual(plan.targetBytes);
    if (noteMatches) expect(notesText(plan.notes).join('\n')).toMatch(noteMatches);
    expect(plan.width % 2).toBe(0);
    expect(plan.height % 2).toBe(0);
    expect(plan.notes.length).toBeGreaterThan(0);
  });

  it('uses SVT-AV1 for AV1 when the ffmpeg has it, in one pass, with its own presets; never for H.264', () => {
    const webm = planEncode({ targetBytes: 10 * MB, container: 'webm' }, clip(), { svtAv1: true });
    expect(webm).toMatchObject({ codec: 'av1', encoder: 'libsvtav1', preset: '8' });
    expect(notesText(webm.notes).join(' ')).toMatch(/single pass/);
    expect(planEncode({ container: 'webm', speed: 'fast' }, clip(), { svtAv1: true })).toMatchObject({ encoder: 'libsvtav1', preset: '10', mode: 'crf' });
    expect(planEncode({ targetBytes: 10 * MB }, clip(), { svtAv1: true }).encoder).toBe('libx264');
  });

  it('uses the hardware encoder when offered, but not for speed "best"', () => {
    expect(planEncode({ targetBytes: 10 * MB }, clip(), { hardwareH264: 'h264_nvenc' }).encoder).toBe('h264_nvenc');
    expect(planEncode({ targetBytes: 10 * MB, speed: 'best' }, clip(), { hardwareH264: 'h264_nvenc' }).encoder).toBe('libx264');
    expect(planEncode({ targetBytes: 10 * MB, codec: 'h265' }, clip(), { hardwareH264: 'h264_nvenc' }).encoder).toBe('libx265');
  });

  it.each<[string, Partial<Capabilities>, string]>([
    ['Debian 5.1: SVT-AV1 for AV1', { encoders: ['libx264', 'libsvtav1', 'libaom-av1'] }, 'libsvtav1'],
    ['a 2018 build: libaom for AV1', { encoders: ['libx264', 'libaom-av1'] }, 'libaom-av1'],
  ])("machinePlanOptions plans with the machine's encoders (%s)", (_name, caps, av1) => {
    const options = machinePlanOptions({ version: '5.1', filters: { ssim: true, libvmaf: false, zscale: false, tonemap: false }, ...caps } as Capabilities);
    expect(planEncode({ targetBytes: 10 * MB, container: 'webm' }, clip(), options).encoder).toBe(av1);
  });

  it('machinePlanOptions passes the working hardware encoder and the overlays on', () => {
    const titles = [{ textFile: '/t', fontFile: '/f', startSec: 0, endSec: 2 }];
    const caps: Capabilities = { version: '6.1', encoders: ['libx264', 'h264_nvenc'], hardwareH264: 'h264_nvenc', filters: { ssim: true, libvmaf: true, zscale: false, tonemap: false } };
    expect(machinePlanOptions(caps, { titles })).toEqual({ hardwareH264: 'h264_nvenc', svtAv1: false, overlays: { titles } });
    expect(planEncode({ targetBytes: 10 * MB }, clip(), machinePlanOptions(caps))).toMatchObject({ encoder: 'h264_nvenc', mode: 'bitrate' });
  });

  it('aims for at least 95 % of the target when the budget is all usable', () => {
    for (const mb of [3, 10, 25]) {
      const plan = planEncode({ targetBytes: mb * MB }, clip({ sizeBytes: 100 * MB }));
      expect((plan.expectedBytes ?? 0) / (mb * MB)).toBeGreaterThan(0.95);
    }
  });

  const impossible: [string, Goal, MediaInfo, RegExp][] = [
    ['under 10 KB for 10 minutes', { targetBytes: 10_000 }, clip({ durationSec: 600 }), /smallest this can be is about [\d.]+ KB/],
    ['sound asked for by bitrate is never dropped', { targetBytes: 20_000, audio: { bitrateKbps: 32 } }, clip({ durationSec: 30 }), /smallest this can be is about [\d.]+ KB/],
    ['1 KB for 1 s', { targetBytes: 1000 }, clip({ durationSec: 1 }), /smallest this can be is about [\d.]+ KB/],
    ['trim starting after the end', { trim: { startSec: 70 } }, clip(), /only 1:00 long/],
    ['trim ending before it starts', { trim: { startSec: 30, endSec: 20 } }, clip(), /before it starts/],
    ['audio bitrate eats the whole budget', { targetBytes: 400_000, audio: { bitrateKbps: 320 } }, clip({ durationSec: 10 }), /no room for the picture/],
  ];
  it.each(impossible)('impossible: %s', (_label, goal, info, message) => {
    const error = (() => {
      try {
        planEncode(goal, info);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ kind: 'impossible' });
    expect((error as MediaError).message).toMatch(message);
    expect((error as MediaError).hint).toBeTruthy();
  });

  it('words what to do as one list: with the sound kept, muting is one of the ways', () => {
    const hint = (goal: Goal) => (() => {
      try {
        planEncode(goal, clip({ durationSec: 600 }));
      } catch (e) {
        return (e as MediaError).hint;
      }
    })();
    expect(hint({ targetBytes: 1000 })).toMatch(/^Ask for at least [\d.]+ KB or trim it shorter\.$/);
    expect(hint({ targetBytes: 20_000, audio: { bitrateKbps: 32 } })).toMatch(/^Ask for at least [\d.]+ [KM]B, trim it shorter, or mute it\.$/);
  });

  it('refuses info with no video', () => {
    expect(() => planEncode({}, { ...clip(), video: undefined })).toThrow(MediaError);
  });
});

describe('target budget, ladder (table)', () => {
  it.each([
    // A generous budget: the sound's share sets it.
    [2000, 2, 20, { kbps: 128, channels: 2 }],
    [900, 2, 20, { kbps: 96, channels: 2 }],
    [400, 2, 20, { kbps: 64, channels: 2 }],
    // Tighter: stereo holds its 64 kbps floor while the picture keeps its 20 kbps beside it...
    [200, 2, 20, { kbps: 64, channels: 2 }],
    [84, 2, 20, { kbps: 64, channels: 2 }],
    // ...then the picture comes first: the richest sound under the floor that leaves it 20 kbps.
    [83, 2, 20, { kbps: 48, channels: 1 }],
    [60, 2, 20, { kbps: 32, channels: 1 }],
    [40, 2, 20, { kbps: 16, channels: 1 }],
    [20, 2, 20, { kbps: 12, channels: 1 }],
    // A picture that needs more moves the line.
    [200, 2, 150, { kbps: 48, channels: 1 }],
    // A mono source: half the stereo steps, one channel, a 48 kbps floor.
    [2000, 1, 20, { kbps: 64, channels: 1 }],
    [200, 1, 20, { kbps: 48, channels: 1 }],
    [68, 1, 20, { kbps: 48, channels: 1 }],
    [60, 1, 20, { kbps: 32, channels: 1 }],
  ])('chooseAudio(%d kbps, %d ch, picture needs %d kbps)', (budget, channels, pictureFloor, expected) => {
    expect(chooseAudio(budget, channels, pictureFloor)).toEqual(expected);
  });

  it.each([
    // 144p at up to 30 fps, 0.02 bits per pixel: the bottom of the ladder before a slideshow.
    [1920, 1080, 1080, 30, { frame: { width: 256, height: 144, fps: 30 }, kbps: 22.1184 }],
    // Fewer frames than the source's must clear a higher bar (as in chooseFrame).
    [1280, 720, 1080, 60, { frame: { width: 256, height: 144, fps: 30 }, kbps: 33.1776 }],
    [1080, 1920, 1080, 24, { frame: { width: 144, height: 256, fps: 24 }, kbps: 17.69472 }],
    // A source smaller than 144p is its own bottom.
    [176, 120, 1080, 25, { frame: { width: 176, height: 120, fps: 25 }, kbps: 10.56 }],
  ])('watchablePicture(%d x %d, cap %d, %d fps)', (width, height, capShortSide, fps, expected) => {
    const got = watchablePicture({ width, height, capShortSide, fps, cleanBpp: 0.02 });
    expect(got.frame).toEqual(expected.frame);
    expect(got.kbps).toBeCloseTo(expected.kbps, 6);
    // That much video is what the ladder needs to keep this frame moving.
    expect(chooseFrame({ width, height, capShortSide, fps, videoKbps: got.kbps + 0.001, cleanBpp: 0.02 })).toEqual(expected.frame);
  });

  it.each([
    [1920, 1080, undefined, { width: 1920, height: 1080 }],
    [1920, 1080, '9:16', { width: 608, height: 1080 }],
    [1080, 1920, '16:9', { width: 1080, height: 608 }],
    [1080, 1920, '9:16', { width: 1080, height: 1920 }],
    [1280, 720, '1:1', { width: 720, height: 720 }],
  ] as const)('cropToAspect(%d, %d, %s)', (w, h, aspect, expected) => {
    expect(cropToAspect(w, h, aspect)).toEqual(expected);
  });

  it.each([
    [1920, 1080, 720, { width: 1280, height: 720 }],
    [1080, 1920, 720, { width: 720, height: 1280 }],
    [640, 360, 1080, { width: 640, height: 360 }],
    [798, 332, 240, { width: 576, height: 240 }],
  ])('fitShortSide(%d, %d, %d)', (w, h, s, expected) => {
    expect(fitShortSide(w, h, s)).toEqual(expected);
  });

  it('chooseFrame goes down the ladder as the budget shrinks, never below 144p', () => {
    const at = (kbps: number) => chooseFrame({ width: 1920, height: 1080, capShortSide: 1080, fps: 30, videoKbps: kbps, cleanBpp: 0.02 });
    expect(at(5000).height).toBe(1080);
    expect(at(1000).height).toBe(720);
    expect(at(300).height).toBe(480);
    expect(at(10).height).toBe(144);
  });

  it('chooseFrame makes a slideshow of a picture even 144p cannot carry: 5, 2, then 1 fps', () => {
    const at = (kbps: number) => chooseFrame({ width: 1920, height: 1080, capShortSide: 1080, fps: 30, videoKbps: kbps, cleanBpp: 0.02 }).fps;
    expect(at(20)).toBe(15);
    expect(at(6)).toBe(5);
    expect(at(4)).toBe(2);
    expect(at(2)).toBe(1);
    expect(at(0.5)).toBe(1);
  });

  it('sound the goal did not name gives way when the size cannot hold it beside a picture', () => {
    const plan = planEncode({ targetBytes: 26_000 }, clip({ durationSec: 30 }));
    expect(plan.audio).toEqual({ mode: 'none' });
    expect(notesText(plan.notes).join('\n')).toMatch(/Sound removed: 26 KB cannot hold sound beside a picture for 30\.0 s \(with sound the smallest is about [\d.]+ KB\)/);
    expect(plan.expectedBytes).toBeLessThanOrEqual(26_000);
    // Room for both: the sound stays, and the encoder may still drop it if the picture cannot fit.
    const both = planEncode({ targetBytes: 120_000 }, clip({ durationSec: 30 }));
    expect(both.audio).toMatchObject({ mode: 'encode', droppable: true });
    expect(planEncode({ targetBytes: 120_000, audio: { bitrateKbps: 16 } }, clip({ durationSec: 30 })).audio).not.toHaveProperty('droppable');
  });

  it('formats sizes the way people write them', () => {
    expect([formatBytes(5_100_000), formatBytes(850_000), formatBytes(250_000_000), formatBytes(1_200_000_000), formatBytes(9_349), formatBytes(10_000)]).toEqual(['5.1 MB', '850 KB', '250 MB', '1.2 GB', '9.35 KB', '10 KB']);
    expect(containerOverheadBytes(60, 30, 128)).toBeGreaterThan(20_000);
    expect(containerOverheadBytes(60, 10, 16)).toBeLessThan(containerOverheadBytes(60, 30, 128) / 2);
  });

  it.each([
    ['a size asked for is the cap', { quality: 'visually-lossless', targetBytes: 20 * MB } as Goal, clip({ container: 'webm', video: { codec: 'vp8' } }), 20 * MB],
    ['"without losing quality" of a source no copy delivers: no cap', { quality: 'visually-lossless' } as Goal, clip({ container: 'matroska,webm', video: { codec: 'vp8' } }), undefined],
    ['"without losing quality" of a copyable MP4: its own size (the copy keeps everything)', { quality: 'visually-lossless' } as Goal, clip(), 50 * MB],
    ['a source too lean to plan its own size for: no cap rather than a refusal', { quality: 'visually-lossless' } as Goal, clip({ container: 'matroska,webm', video: { codec: 'vp8' }, durationSec: 600, sizeBytes: 20_000 }), undefined],
    ['another quality never grows a file', { quality: 'high' } as Goal, clip({ container: 'matroska,webm', video: { codec: 'vp8' } }), 50 * MB],
  ])('quality cap: %s', (_label, goal, info, expected) => {
    expect(qualityCap(goal, planEncode(goal, info), info, {})).toBe(expected);
  });
});
