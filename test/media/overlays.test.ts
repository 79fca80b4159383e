import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../src/errors.js';
import { compress } from '../../src/media/compress.js';
import { encodeArgs, musicGraph, titleFilters } from '../../src/media/encode-args.js';
import { planEncode } from '../../src/media/plan-encode.js';
import type { MediaInfo, PlannedOverlays } from '../../src/media/types.js';
import { CJK_FONTS, COMMON_FONTS, findFont, fontCandidates } from '../../src/media/font.js';
import { probe } from '../../src/media/probe.js';
import { makeClip } from '../helpers/clips.js';
import { frameSsim } from '../helpers/frame-ssim.js';

// Titles and background music through the real ffmpeg: what comes out has the sound and the
// picture asked for, and nothing is left behind.

let root: string;
let clips: string;
let scratch: string;
let silent: string;
let withSound: string;
let music: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'overlays-'));
  clips = path.join(root, 'clips');
  scratch = path.join(root, 'tmp');
  await mkdir(clips);
  await mkdir(scratch);
  process.env.TMPDIR = scratch;
  [silent, withSound, music] = await Promise.all([
    makeClip(clips, { seconds: 2, name: 'silent.mp4' }),
    makeClip(clips, { seconds: 2, audio: true, name: 'sound.mp4' }),
    makeClip(clips, { video: false, seconds: 1, name: 'music.m4a' }),
  ]);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const MB = 1_000_000;
const info = (audio: boolean): MediaInfo => ({
  path: '/in.mp4', container: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 10, sizeBytes: 2 * MB, bitrate: 1_600_000,
  video: { codec: 'h264', width: 640, height: 360, displayWidth: 640, displayHeight: 360, displayAspect: 16 / 9, rotation: 0, avgFps: 30, realFps: 30, variableFrameRate: false, pixFmt: 'yuv420p', bitDepth: 8 },
  audio: audio ? { codec: 'aac', channels: 2, sampleRate: 48000 } : undefined,
});
const title = { textFile: '/tmp/t/title-0.txt', fontFile: '/fonts/Sans: Bold.ttf', startSec: 0, endSec: 3 };
const bgm = (volume: number) => ({ path: '/media/bgm', volume });

describe('planEncode with overlays (table)', () => {
  const rows: [string, Parameters<typeof planEncode>[0], MediaInfo, PlannedOverlays | undefined, { mode: string; audio: string; overSource?: boolean }][] = [
    ['a file that fits is copied without overlays', { targetBytes: 5 * MB }, info(true), undefined, { mode: 'copy', audio: 'copy' }],
    ['a title forbids the copy', { targetBytes: 5 * MB }, info(true), { titles: [title] }, { mode: 'bitrate', audio: 'encode' }],
    ['music gives a silent video a sound budget', { targetBytes: 5 * MB }, info(false), { titles: [], music: bgm(0.35) }, { mode: 'bitrate', audio: 'encode', overSource: false }],
    ['music mixes under the sound it has', { quality: 'high' }, info(true), { titles: [], music: bgm(0.35) }, { mode: 'crf', audio: 'encode', overSource: true }],
    ['muted, the music plays alone', { targetBytes: 5 * MB, audio: 'mute' }, info(true), { titles: [], music: bgm(0.2) }, { mode: 'bitrate', audio: 'encode', overSource: false }],
    ['muted without music stays silent', { targetBytes: 5 * MB, audio: 'mute' }, info(true), { titles: [title] }, { mode: 'bitrate', audio: 'none' }],
  ];
  it.each(rows)('%s', (_name, goal, source, overlays, expected) => {
    const plan = planEncode(goal, source, overlays ? { overlays } : {});
    expect(plan.mode).toBe(expected.mode);
    expect(plan.audio.mode).toBe(expected.audio);
    expect(plan.overlays?.music?.overSource).toBe(expected.overSource);
  });

  it('draws from a text file, escapes the font path, and times the title', () => {
    const plan = planEncode({ targetBytes: 5 * MB }, info(true), { overlays: { titles: [title] } });
    const [filter] = titleFilters(plan);
    expect(filter).toContain(String.raw`fontfile=/fonts/Sans\\: Bold.ttf`);
    expect(filter).toContain('textfile=/tmp/t/title-0.txt');
    expect(filter).toContain(String.raw`enable=between(t\,0.000\,3.000)`);
    expect(filter).toContain('fontsize=23');
    expect(encodeArgs(plan, info(true), { kind: 'single' }, '/out.mp4').join(' ')).toContain('drawtext=');
  });

  it('loops the music, mixes or plays it alone, and cuts it to the video', () => {
    const mixed = planEncode({ targetBytes: 5 * MB }, info(true), { overlays: { titles: [], music: bgm(0.35) } });
    expect(musicGraph(mixed, mixed.overlays?.music ?? bgm(0))).toMatch(/volume=0\.350.*amix=inputs=2.*atrim=duration=10\.000/);
    const args = encodeArgs(mixed, info(true), { kind: 'single' }, '/out.mp4');
    expect(args.slice(args.indexOf('-stream_loop'), args.indexOf('-stream_loop') + 4)).toEqual(['-stream_loop', '-1', '-i', 'file:/media/bgm']);
    expect(args).toContain('[sound]');
    const alone = planEncode({ targetBytes: 5 * MB }, info(false), { overlays: { titles: [], music: bgm(0.35) } });
    expect(musicGraph(alone, alone.overlays?.music ?? bgm(0))).not.toContain('amix');
    // Two-pass: the sound is mixed once, beforehand, and the passes mux it as it is.
    expect(encodeArgs(alone, info(false), { kind: 'pass2', passLogPrefix: '/p', audioFile: '/a.m4a' }, '/out.mp4')).not.toContain('-stream_loop');
  });
});

describe('probe of audio-only files', () => {
  it('refuses them by default and reads them when asked', async () => {
    await expect(probe(music)).rejects.toMatchObject({ kind: 'unsupported' });
    const info = await probe(music, { allowAudioOnly: true });
    expect(info.video).toBeUndefined();
    expect(info.audio?.channels).toBe(2);
    expect(info.durationSec).toBeGreaterThan(0.9);
  });
});

describe('findFont', () => {
  it.each([
    ['Latin text: the common fonts', 'Urban Dreams', {}, COMMON_FONTS],
    ['Chinese text: CJK fonts first', '城市梦想', {}, [...CJK_FONTS, ...COMMON_FONTS]],
    ['Korean in a Latin title: CJK fonts first', 'Seoul 서울', {}, [...CJK_FONTS, ...COMMON_FONTS]],
    ['COMPRESSOR_FONT alone when set', '城市', { COMPRESSOR_FONT: '/my/font.ttf' }, ['/my/font.ttf']],
  ])('%s', (_name, text, env, expected) => {
    expect(fontCandidates(text, env)).toEqual(expected);
  });

  it('names the fix when COMPRESSOR_FONT points nowhere', async () => {
    const error = await findFont('Hi', { COMPRESSOR_FONT: path.join(root, 'missing.ttf') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ kind: 'failed', hint: 'Set COMPRESSOR_FONT to a .ttf file.' });
  });
});

describe('compress with overlays', () => {
  it('gives a silent video the music, looped to its length, under the size asked for', async () => {
    const out = await mkdtemp(path.join(root, 'out-'));
    const target = 150_000;
    const result = await compress(silent, { targetBytes: target }, { outDir: out, overlays: { music: { path: music, volume: 0.35 } } });
    expect(result.plan.mode).toBe('bitrate');
    expect(result.bytes).toBeLessThanOrEqual(target);
    const info = await probe(result.output);
    expect(info.audio).toBeDefined();
    expect(Math.abs(info.durationSec - 2)).toBeLessThan(0.15);
  });

  it('never copies when there is something to add, and burns the title in only inside its window', async () => {
    const out = await mkdtemp(path.join(root, 'out-'));
    const plain = await compress(withSound, { targetBytes: 400_000 }, { outDir: out, outName: 'plain.mp4' });
    expect(plain.plan.mode).toBe('copy');
    const titled = await compress(withSound, { targetBytes: 400_000 }, {
      outDir: out,
      outName: 'titled.mp4',
      overlays: { titles: [{ text: `Urban "Dreams": it's 50% off, 城市 \\ [a,b];`, startSec: 0, endSec: 1 }], music: { path: music, volume: 0.2 } },
    });
    expect(titled.plan.mode).not.toBe('copy');
    expect(titled.bytes).toBeLessThanOrEqual(400_000);
    expect((await probe(titled.output)).audio).toBeDefined();
    expect(await frameSsim(plain.output, titled.output, 0.5)).toBeLessThan(0.999);
    // After the title's end the picture is the plain one again (up to the re-encode).
    expect(await frameSsim(plain.output, titled.output, 1.5)).toBeGreaterThan(await frameSsim(plain.output, titled.output, 0.5));
    expect(await readdir(scratch)).toEqual([]);
  });

  it('keeps to a trimmed window, in WebM too (Opus sound, the title timed on the output)', async () => {
    const out = await mkdtemp(path.join(root, 'out-'));
    const result = await compress(withSound, { trim: { startSec: 0.5, endSec: 1.5 }, container: 'webm', targetBytes: 200_000 }, {
      outDir: out,
      overlays: { titles: [{ text: 'Trimmed', startSec: 0, endSec: 0.5 }], music: { path: music, volume: 0.35 } },
    });
    expect(result.bytes).toBeLessThanOrEqual(200_000);
    const info = await probe(result.output);
    expect(info.audio?.codec).toBe('opus');
    expect(Math.abs(info.durationSec - 1)).toBeLessThan(0.15);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('fails with the fix when there is no font to draw the title with, leaving nothing behind', async () => {
    const out = await mkdtemp(path.join(root, 'out-'));
    process.env.COMPRESSOR_FONT = path.join(root, 'no-such-font.ttf');
    try {
      const overlays = { titles: [{ text: 'Hi', startSec: 0, endSec: 1 }] };
      await expect(compress(withSound, { targetBytes: 200_000 }, { outDir: out, overlays })).rejects.toMatchObject({ kind: 'failed', hint: 'Set COMPRESSOR_FONT to a .ttf file.' });
    } finally {
      delete process.env.COMPRESSOR_FONT;
    }
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('plays the music alone over a muted video, at constant quality', async () => {
    const out = await mkdtemp(path.join(root, 'out-'));
    const result = await compress(withSound, { audio: 'mute', quality: 'small' }, { outDir: out, overlays: { music: { path: music, volume: 0.5 } } });
    expect(result.plan.overlays?.music?.overSource).toBe(false);
    const info = await probe(result.output);
    expect(info.audio).toBeDefined();
    expect(Math.abs(info.durationSec - 2)).toBeLessThan(0.15);
  });
});
