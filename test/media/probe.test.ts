import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../src/errors.js';
import { toMediaInfo, type FfprobeStream } from '../../src/media/ffprobe-json.js';
import { probe } from '../../src/media/probe.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { makeClip, makeStill } from '../helpers/clips.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probe on real clips', () => {
  it('reads a plain clip with audio', async () => {
    const file = await makeClip(dir, { width: 320, height: 240, seconds: 1, fps: 25, audio: true });
    const info = await probe(file);
    expect(info.durationSec).toBeCloseTo(1, 1);
    expect(info.video).toMatchObject({ codec: 'h264', width: 320, height: 240, displayWidth: 320, displayHeight: 240, rotation: 0, avgFps: 25, variableFrameRate: false, bitDepth: 8 });
    expect(info.audio).toMatchObject({ codec: 'aac', channels: 2, sampleRate: 48000 });
    expect(info.container).toContain('mp4');
  });

  it('reports a 90° phone clip as displayed: portrait', async () => {
    const info = await probe(await makeClip(dir, { width: 320, height: 180, rotate: 90 }));
    expect(info.video).toMatchObject({ width: 320, height: 180, rotation: 90, displayWidth: 180, displayHeight: 320 });
  });

  it('flags variable frame rate', async () => {
    const info = await probe(await makeClip(dir, { vfr: true, seconds: 2 }));
    expect(info.video?.variableFrameRate).toBe(true);
    expect(info.video?.avgFps).toBeLessThan(info.video?.realFps ?? 0);
  });

  it('reads 10-bit PQ HDR', async () => {
    const info = await probe(await makeClip(dir, { hdr10bit: true }));
    expect(info.video).toMatchObject({ codec: 'hevc', bitDepth: 10, hdr: 'pq', colorPrimaries: 'bt2020' });
  });

  it('judges by content: a WebM named .mp4 is still a video', async () => {
    const webm = await makeClip(dir, { container: 'webm', name: 'really-webm.mp4' });
    expect((await probe(webm)).video?.codec).toBe('vp8');
  });
});

describe('probe refuses what is not a usable video', () => {
  const cases: [string, () => Promise<string>, MediaError['kind'], RegExp][] = [
    ['a missing path', async () => path.join(dir, 'nope.mp4'), 'not-found', /no file/],
    ['a directory', async () => mkdir(path.join(dir, 'folder.mp4')).then(() => path.join(dir, 'folder.mp4')), 'unsupported', /folder/],
    ['an empty file', async () => writeFile(path.join(dir, 'empty.mp4'), '').then(() => path.join(dir, 'empty.mp4')), 'unsupported', /empty/],
    ['a text file named .mp4', async () => writeFile(path.join(dir, 'text.mp4'), 'not a video\n'.repeat(50)).then(() => path.join(dir, 'text.mp4')), 'unsupported', /not a video/],
    ['a PNG', async () => makeStill(dir), 'unsupported', /still image/],
    ['audio only', async () => makeClip(dir, { video: false }), 'unsupported', /audio only/],
    ['a file over the 500 MB limit (sparse)', async () => writeFile(path.join(dir, 'huge.mp4'), '').then(() => truncate(path.join(dir, 'huge.mp4'), 501_000_000)).then(() => path.join(dir, 'huge.mp4')), 'too-large', /over the 500 MB limit/],
    ['an MP4 cut in half', async () => cutInHalf(await makeClip(dir, { seconds: 2, name: 'whole.mp4' }), 'half.mp4'), 'unsupported', /not a video|cut short/],
    ['a fast-start MP4 cut in half', async () => cutInHalf(await faststart(await makeClip(dir, { seconds: 2, audio: true, name: 'fs-src.mp4' })), 'fs-half.mp4'), 'unsupported', /cut short/],
  ];
  it.each(cases)('%s', async (_label, make, kind, message) => {
    const file = await make();
    const error = await probe(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ kind });
    expect((error as MediaError).message).toMatch(message);
    if (kind === 'unsupported') expect((error as MediaError).hint).toMatch(/MP4, MOV/);
    expect((error as MediaError).hint).toBeTruthy();
  });
});

async function cutInHalf(file: string, name: string): Promise<string> {
  const out = path.join(dir, name);
  await copyFile(file, out);
  await truncate(out, Math.floor((await readFile(out)).length / 2));
  return out;
}

async function faststart(file: string): Promise<string> {
  const out = file.replace(/\.mp4$/, '.fs.mp4');
  await runFfmpeg(['-y', '-i', file, '-c', 'copy', '-movflags', '+faststart', out]);
  return out;
}

describe('toMediaInfo (table)', () => {
  const video = (extra: Partial<FfprobeStream>): FfprobeStream => ({ codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, r_frame_rate: '30/1', avg_frame_rate: '30/1', pix_fmt: 'yuv420p', ...extra });
  const rows: [string, FfprobeStream, Record<string, unknown>][] = [
    ['matrix -90 → 90 clockwise', video({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }), { rotation: 90, displayWidth: 1080, displayHeight: 1920 }],
    ['matrix 90 → 270 clockwise', video({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] }), { rotation: 270, displayWidth: 1080, displayHeight: 1920 }],
    ['matrix 180', video({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] }), { rotation: 180, displayWidth: 1920, displayHeight: 1080 }],
    ['tag rotate=90', video({ tags: { rotate: '90' } }), { rotation: 90, displayWidth: 1080 }],
    ['tag rotate=-90', video({ tags: { rotate: '-90' } }), { rotation: 270 }],
    ['anamorphic DV 720x480 SAR 32:27', video({ width: 720, height: 480, sample_aspect_ratio: '32:27' }), { displayWidth: 854, displayHeight: 480 }],
    ['SAR 0:1 means unknown (square)', video({ sample_aspect_ratio: '0:1' }), { displayWidth: 1920 }],
    ['VFR phone', video({ r_frame_rate: '30000/1001', avg_frame_rate: '51600/1841' }), { variableFrameRate: true }],
    ['NTSC constant', video({ r_frame_rate: '30000/1001', avg_frame_rate: '30000/1001' }), { variableFrameRate: false }],
    ['MPEG-1 field rate 50 for 25 fps is constant', video({ r_frame_rate: '50/1', avg_frame_rate: '25/1' }), { variableFrameRate: false }],
    ['avg 0/0 falls back to real', video({ avg_frame_rate: '0/0' }), { avgFps: 30, variableFrameRate: false }],
    ['HLG 10-bit', video({ pix_fmt: 'yuv420p10le', color_transfer: 'arib-std-b67' }), { hdr: 'hlg', bitDepth: 10 }],
    ['PQ', video({ color_transfer: 'smpte2084' }), { hdr: 'pq' }],
    ['SDR bt709', video({ color_transfer: 'bt709' }), { hdr: undefined, bitDepth: 8 }],
  ];
  it.each(rows)('%s', (_label, stream, expected) => {
    const info = toMediaInfo('x', 1000, { format: { format_name: 'mov,mp4', duration: '2.0' }, streams: [stream] });
    expect(typeof info).toBe('object');
    expect((info as { video: unknown }).video).toMatchObject(expected);
  });

  it('reads subtitle tracks: text or pictures, their bytes and packets from the container\'s statistics, the bitrate, or a guess on the high side', () => {
    const sub = (extra: Partial<FfprobeStream>): FfprobeStream => ({ codec_type: 'subtitle', ...extra });
    const info = toMediaInfo('x', 1000, {
      format: { format_name: 'matroska,webm', duration: '100' },
      streams: [
        { ...video({}), duration: '100' },
        sub({ codec_name: 'subrip', tags: { 'NUMBER_OF_BYTES-eng': '2048', 'NUMBER_OF_FRAMES-eng': '40' } }),
        sub({ codec_name: 'mov_text', bit_rate: '80', nb_frames: '12', duration: '50' }),
        sub({ codec_name: 'hdmv_pgs_subtitle' }),
        sub({ codec_name: 'ass' }),
      ],
    });
    expect(typeof info === 'object' && info.subtitles).toEqual([
      { codec: 'subrip', text: true, bytes: 2048, packets: 40 },
      { codec: 'mov_text', text: true, bytes: 500, packets: 12 },
      { codec: 'hdmv_pgs_subtitle', text: false, bytes: 600_000, packets: 100 },
      { codec: 'ass', text: true, bytes: 5000, packets: 50 },
    ]);
    expect(toMediaInfo('x', 1000, { format: { format_name: 'mov,mp4', duration: '2.0' }, streams: [video({})] })).not.toHaveProperty('subtitles');
  });

  it('takes a Matroska track\'s length from its DURATION tag: a last subtitle cue running past the picture is not the video\'s length', () => {
    const info = toMediaInfo('x', 1000, {
      format: { format_name: 'matroska,webm', duration: '9.0' },
      streams: [video({ tags: { DURATION: '00:00:05.023000000' } }), { codec_type: 'audio', tags: { 'DURATION-eng': '00:00:05.061000000' } }, { codec_type: 'subtitle', codec_name: 'subrip', tags: { DURATION: '00:00:09.000000000' } }],
    });
    expect(typeof info === 'object' && info.durationSec).toBe(5.061);
  });

  it('skips cover art and reports audio only', () => {
    const art = { codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } };
    expect(toMediaInfo('x', 1, { format: { format_name: 'mp3', duration: '3' }, streams: [{ codec_type: 'audio' }, art] })).toMatch(/audio only/);
  });
});
