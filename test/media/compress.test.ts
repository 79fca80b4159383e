import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile, copyFile, truncate, stat } from 'node:fs/promises';
import { watch } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CanceledError, MediaError } from '../../src/errors.js';
import type { Goal } from '../../src/goal/types.js';
import { compress } from '../../src/media/compress.js';
import { probe } from '../../src/media/probe.js';
import { qualityMeter } from '../../src/media/quality-meter.js';
import { SSIM_THRESHOLDS, VMAF_BARS } from '../../src/media/quality-bar.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import { WHOLE_CLIP_SEC } from '../../src/media/sample-windows.js';
import type { EncodeProgress, MediaInfo } from '../../src/media/types.js';
import { makeClip, makeStill, withSubtitles, type Cue } from '../helpers/clips.js';
import { notesText } from '../helpers/note-text.js';
import { PROCESS_TAG } from '../../src/orphan-folders.js';

let root: string;
let clips: string;
let out: string;
let scratch: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'compress-'));
  clips = path.join(root, 'clips');
  scratch = path.join(root, 'tmp');
  await mkdir(clips);
  await mkdir(scratch);
  // Pass logs and samples go to os.tmpdir(): point it at a folder this file owns so "nothing left" is checkable.
  process.env.TMPDIR = scratch;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  out = await mkdtemp(path.join(root, 'out-'));
});

const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** Asserts the output kept what users notice: duration, orientation/shape, audio iff expected. */
function expectKept(input: MediaInfo, output: MediaInfo, options: { audio: boolean; durationSec?: number }) {
  const fps = input.video?.avgFps ?? 25;
  expect(Math.abs(output.durationSec - (options.durationSec ?? input.durationSec))).toBeLessThanOrEqual(0.1 + 1 / fps);
  const inAspect = input.video?.displayAspect ?? 1;
  expect(Math.abs((output.video?.displayAspect ?? 0) - inAspect) / inAspect).toBeLessThan(0.03);
  expect(output.audio !== undefined).toBe(options.audio);
}

describe('compress on real clips', () => {
  const cases: [string, Parameters<typeof makeClip>[1], Goal, { audio: boolean }][] = [
    ['320x240 with audio under 60 KB', { width: 320, height: 240, seconds: 2, audio: true }, { targetBytes: 60_000 }, { audio: true }],
    ['1920x1080, no audio, under 150 KB', { width: 1920, height: 1080, seconds: 1 }, { targetBytes: 150_000 }, { audio: false }],
    ['rotated 90° phone clip stays portrait', { width: 480, height: 270, seconds: 1, audio: true, rotate: 90 }, { targetBytes: 50_000 }, { audio: true }],
    ['variable frame rate keeps its length and sound', { width: 320, height: 240, seconds: 2, audio: true, vfr: true }, { targetBytes: 60_000 }, { audio: true }],
    ['mute drops the sound', { width: 320, height: 240, seconds: 1, audio: true }, { targetBytes: 40_000, audio: 'mute' }, { audio: false }],
  ];
  it.each(cases)('%s', async (_label, clip, goal, expected) => {
    const input = await makeClip(clips, clip);
    const before = await sha(input);
    const result = await compress(input, goal, { outDir: out });
    expect(result.bytes).toBeLessThanOrEqual(goal.targetBytes as number);
    expect((await stat(result.output)).size).toBe(result.bytes);
    expectKept(await probe(input), await probe(result.output), expected);
    expect(await sha(input)).toBe(before);
    expect(await readdir(out)).toEqual([path.basename(result.output)]);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('a size too small for sound and picture drops the sound it was not asked to keep, and still fits', async () => {
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 3, audio: true, pattern: 'still', name: 'starved.mp4' });
    const result = await compress(input, { targetBytes: 5_000 }, { outDir: out });
    expect(result.bytes).toBeLessThanOrEqual(5_000);
    expect(notesText(result.plan.notes).join('\n')).toMatch(/Sound removed: 5 KB cannot hold sound beside a picture/);
    expectKept(await probe(input), await probe(result.output), { audio: false });
  });

  it('a tight size keeps stereo sound at its floor beside a picture that still moves, and fits', async () => {
    // 40 KB for 2 s is about 140 kbps in all: the share rule alone gave the sound 32 kbps mono; the floor keeps 64 kbps stereo.
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 2, audio: true, name: 'stereo.mp4' });
    const result = await compress(input, { targetBytes: 40_000 }, { outDir: out });
    expect(result.bytes).toBeLessThanOrEqual(40_000);
    expect(result.plan.audio).toMatchObject({ mode: 'encode', kbps: 64, channels: 2 });
    const output = await probe(result.output);
    expect(output.audio).toMatchObject({ channels: 2 });
    expect(output.audio?.bitrate).toBeGreaterThanOrEqual(60_000);
    expectKept(await probe(input), output, { audio: true });
  });

  it('a picture under the encoder\'s floor is made leaner until it fits, the sound last', async () => {
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 3, audio: true, name: 'floor.mp4' });
    const result = await compress(input, { targetBytes: 9_000 }, { outDir: out });
    expect(result.bytes).toBeLessThanOrEqual(9_000);
    // The planner kept the sound; the encoder said the picture left beside it was too little.
    expect(notesText(result.plan.notes).join('\n')).toMatch(/is under what the encoder can do at \d+x\d+: re-encoded with no sound/);
    expectKept(await probe(input), await probe(result.output), { audio: false });
  });

  it('tone-maps 10-bit HDR to 8-bit BT.709', async () => {
    const input = await makeClip(clips, { hdr10bit: true, seconds: 1 });
    const result = await compress(input, { targetBytes: 40_000 }, { outDir: out });
    const info = await probe(result.output);
    expect(info.video).toMatchObject({ codec: 'h264', bitDepth: 8, pixFmt: 'yuv420p', colorTransfer: 'bt709' });
    expect(info.video?.hdr).toBeUndefined();
    expect(result.plan.toneMap).toBe(true);
  });

  it('runs the second pass again when x264 lands well under the plan, and leaves one file', async () => {
    // A one-second clip at a low rate: x264's second pass lands it at about 70 % of the plan.
    const input = await makeClip(clips, { width: 480, height: 270, seconds: 1, name: 'short.mp4' });
    const target = Math.round((await stat(input)).size * 0.1);
    const result = await compress(input, { targetBytes: target }, { outDir: out });
    expect(notesText(result.changes)).toContainEqual(expect.stringMatching(/well under the .* planned: the second pass ran again at \d+ kbps\.$/));
    expect([result.bytes <= target, result.attempts]).toEqual([true, 2]);
    expect(await readdir(out)).toEqual(['short.compressed.mp4']);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('keeps its private temp folders in scratchDir when given one, and removes them', async () => {
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 1, name: 'scratch.mp4' });
    // Longer than a clip measured whole, so the quality search cuts samples.
    const longer = await makeClip(clips, { width: 160, height: 120, seconds: WHOLE_CLIP_SEC + 1, name: 'scratch-long.mp4' });
    const scratchDir = await mkdtemp(path.join(root, 'scratch-'));
    const made: string[] = [];
    const watcher = watch(scratchDir, (_event, name) => made.push(String(name)));
    try {
      await compress(longer, { quality: 'high' }, { outDir: out, scratchDir });
      await compress(input, { targetBytes: 20_000 }, { outDir: out, scratchDir });
    } finally {
      watcher.close();
    }
    const purposes = made.map((name) => name.replace(`compressor-${PROCESS_TAG}-`, 'compressor-').replace(/-[^-]+$/, ''));
    expect(new Set(purposes)).toEqual(new Set(['compressor-samples', 'compressor-passlog', 'compressor-check', 'compressor-verify']));
    expect(await readdir(scratchDir)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('copies a file that already fits, and never overwrites an existing output', async () => {
    const input = await makeClip(clips, { seconds: 1, audio: true, name: 'fits.mp4' });
    const first = await compress(input, { targetBytes: 10_000_000 }, { outDir: out });
    const second = await compress(input, { targetBytes: 10_000_000 }, { outDir: out });
    expect([first.plan.mode, first.changes]).toEqual(['copy', []]);
    expect(path.basename(first.output)).toBe('fits.compressed.mp4');
    expect(path.basename(second.output)).toBe('fits.compressed (2).mp4');
    expect(first.bytes).toBeLessThanOrEqual((await stat(input)).size + 2000);
  });

  it('copies the input byte for byte when rewriting its container would take it over the size', async () => {
    // Written without an edit list, which the copy's rewrite adds: the rewrite is a few bytes bigger.
    const made = await makeClip(clips, { seconds: 1, audio: true, name: 'tight-made.mp4' });
    const input = path.join(clips, 'tight.mp4');
    await runFfmpeg(['-y', '-i', made, '-c', 'copy', '-use_editlist', '0', '-fflags', '+bitexact', '-map_metadata', '-1', input]);
    const size = (await stat(input)).size;
    const result = await compress(input, { targetBytes: size }, { outDir: out });
    expect([result.plan.mode, result.bytes <= size]).toEqual(['copy', true]);
    expect(notesText(result.changes)).toEqual([expect.stringMatching(/^Copied byte for byte: rewriting the container made it [\d.]+ (bytes|KB) bigger, over /)]);
    expect(await sha(result.output)).toBe(await sha(input));
  });

  it('a copied phone clip keeps its rotation tag; an encoded one is written upright', async () => {
    const input = await makeClip(clips, { width: 320, height: 180, seconds: 1, audio: true, rotate: 90, name: 'phone.mp4' });
    const copied = await probe((await compress(input, { targetBytes: 10_000_000 }, { outDir: out })).output);
    const encoded = await probe((await compress(input, { targetBytes: 30_000 }, { outDir: out })).output);
    expect(copied.video).toMatchObject({ rotation: 90, displayWidth: 180, displayHeight: 320 });
    expect(encoded.video).toMatchObject({ rotation: 0, width: 180, height: 320 });
  });

  it('writes H.265 (tagged hvc1 for Apple players) and Matroska when asked', async () => {
    const input = await makeClip(clips, { seconds: 1, audio: true, name: 'formats.mp4' });
    const hevc = await compress(input, { targetBytes: 20_000, codec: 'h265' }, { outDir: out });
    const mkv = await compress(input, { targetBytes: 20_000, container: 'mkv' }, { outDir: out });
    expect((await probe(hevc.output)).video?.codec).toBe('hevc');
    expect(path.extname(mkv.output)).toBe('.mkv');
    expect((await probe(mkv.output)).container).toContain('matroska');
  });

  it('reads a file whose name looks like a protocol as a plain file', async () => {
    const input = await makeClip(clips, { seconds: 1, name: 'http:odd -y name.mp4' });
    const result = await compress(input, { targetBytes: 20_000 }, { outDir: out });
    expect(path.basename(result.output)).toBe('http:odd -y name.compressed.mp4');
    expect((await probe(result.output)).video?.codec).toBe('h264');
  });

  it('trims and crops to 9:16', async () => {
    const input = await makeClip(clips, { width: 640, height: 360, seconds: 2, audio: true, name: 'wide.mp4' });
    const result = await compress(input, { targetBytes: 80_000, trim: { startSec: 0.5, endSec: 1.5 }, aspect: '9:16' }, { outDir: out });
    const info = await probe(result.output);
    expect(info.durationSec).toBeGreaterThan(0.9);
    expect(info.durationSec).toBeLessThan(1.15);
    expect(info.video?.displayAspect).toBeCloseTo(9 / 16, 1);
  });

  it('carries the subtitle tracks into the output, cut to a trim, and a last cue past the picture is no damage', async () => {
    const clip = await makeClip(clips, { width: 160, height: 120, seconds: 3, audio: true, container: 'mkv', name: 'talk.mkv' });
    const cues: Cue[] = [[0.2, 1.0, 'First words'], [1.6, 2.4, 'Second words'], [2.6, 6.0, 'Runs past the end']];
    const input = await withSubtitles(clip, [{ codec: 'srt', cues }, { codec: 'ass', cues }], 'talk-subtitled.mkv');
    const subtitlesOf = async (file: string, track: number) => (await runFfmpeg(['-i', file, '-map', `0:s:${track}`, '-f', 'srt', '-'])).stdout.replace(/<[^>]+>/g, '');

    const whole = await compress(input, { targetBytes: 60_000 }, { outDir: out });
    expect(whole.bytes).toBeLessThanOrEqual(60_000);
    expect(notesText(whole.plan.notes)).toContain('Subtitles: 2 tracks kept.');
    const info = await probe(whole.output);
    expect(info.subtitles?.map((track) => track.codec)).toEqual(['mov_text', 'mov_text']);
    expect(info.durationSec).toBeLessThan(3.2);
    expect(await subtitlesOf(whole.output, 1)).toMatch(/00:00:00,200 --> 00:00:01,000\r?\nFirst words[\s\S]*Second words[\s\S]*Runs past the end/);

    // A trim from 1.5 s: the first cue is gone, the second starts 0.1 s in (Matroska, with no edit
    // lists, may start the picture and sound a frame or two late: within a subtitle's tolerance).
    const trimmed = await compress(input, { targetBytes: 40_000, trim: { startSec: 1.5, endSec: 2.5 }, container: 'mkv' }, { outDir: out });
    expect((await probe(trimmed.output)).subtitles?.map((track) => track.codec)).toEqual(['subrip', 'ass']);
    const cut = await subtitlesOf(trimmed.output, 0);
    const [, from, to] = /^1\r?\n00:00:(\d\d,\d{3}) --> 00:00:(\d\d,\d{3})\r?\nSecond words/.exec(cut) ?? [];
    const seconds = (stamp: string | undefined) => Number(stamp?.replace(',', '.'));
    expect(Math.abs(seconds(from) - 0.1)).toBeLessThan(0.1);
    expect(Math.abs(seconds(to) - 0.9)).toBeLessThan(0.1);
    expect(cut).not.toMatch(/First words/);
    expect(await readdir(scratch)).toEqual([]);
  });

  it('a quality goal never makes a file it could copy bigger than it is', async () => {
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 1, audio: true, name: 'q.mp4' });
    const result = await compress(input, { quality: 'visually-lossless' }, { outDir: out });
    expect(result.bytes).toBeLessThanOrEqual((await stat(input)).size);
    expect(notesText(result.plan.notes).join(' ')).toMatch(/VMAF|SSIM|fit|Copied/);
  });

  it('measures every output against its source, and a quality output reaches its bar', async () => {
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 2, pattern: 'mandelbrot', container: 'mkv', name: 'verified.mkv' });
    const meter = await qualityMeter();
    const sized = await compress(input, { targetBytes: 40_000 }, { outDir: out });
    const best = await compress(input, { quality: 'visually-lossless' }, { outDir: out });
    for (const result of [sized, best]) {
      expect(result.quality?.metric).toBe(meter.metric);
      expect(result.quality?.frames).toBeGreaterThanOrEqual(6);
      expect(result.timings.verifyMs).toBeGreaterThan(0);
    }
    if (best.plan.mode === 'crf') {
      const bar = meter.metric === 'vmaf' ? VMAF_BARS['visually-lossless'].mean : SSIM_THRESHOLDS['visually-lossless'];
      expect(best.quality?.mean).toBeGreaterThanOrEqual(bar);
    }
  });

  it('quality and size together: the smaller of the two, always under the size', async () => {
    // Matroska, so "already fits" cannot short-cut to a copy.
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 1, pattern: 'mandelbrot', container: 'mkv', name: 'both.mkv' });
    const roomy = await compress(input, { quality: 'small', targetBytes: 5_000_000 }, { outDir: out });
    const tight = await compress(input, { quality: 'visually-lossless', targetBytes: 15_000 }, { outDir: out });
    expect(roomy.plan.mode).toBe('crf'); // the quality encode was already far under the size
    // The search's note says whether the score asked for was reached, as its number shows.
    const [, metric, score, verdict] = /(VMAF|SSIM) ([\d.]+)(?: \(5th percentile [\d.]+\))?(, short of|)/.exec(notesText(roomy.changes).join(' ')) ?? [];
    const bar = metric === 'VMAF' ? VMAF_BARS.small.mean : SSIM_THRESHOLDS.small;
    if (verdict === '') expect(Number(score)).toBeGreaterThanOrEqual(bar);
    expect(roomy.bytes).toBeLessThan(5_000_000);
    expect(tight.plan.mode).toBe('bitrate'); // that quality would not fit: the size wins
    expect(tight.bytes).toBeLessThanOrEqual(15_000);
  });

  it('reports progress that only goes up and ends at 1', async () => {
    const input = await makeClip(clips, { seconds: 1, name: 'progress.mp4' });
    const ticks: EncodeProgress[] = [];
    await compress(input, { targetBytes: 30_000 }, { outDir: out, onProgress: (p) => ticks.push(p) });
    const fractions = ticks.map((t) => t.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(new Set(ticks.map((t) => t.phase))).toEqual(new Set(['probe', 'pass1', 'pass2', 'encode', 'verify']));
  });

  it('cancellation kills ffmpeg and leaves nothing behind', async () => {
    const input = await makeClip(clips, { width: 640, height: 360, seconds: 2, pattern: 'noise', name: 'cancel.mp4' });
    const before = await sha(input);
    const controller = new AbortController();
    const run = compress(input, { targetBytes: 100_000 }, {
      outDir: out,
      signal: controller.signal,
      onProgress: (p) => p.phase === 'pass1' && p.fraction > 0.05 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CanceledError);
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
    expect(await sha(input)).toBe(before);
  });
});

describe('cancellation during the quality search', () => {
  it('stops the sample encodes and removes the samples', async () => {
    // Longer than a clip measured whole, so the search cuts samples.
    const input = await makeClip(clips, { width: 160, height: 120, seconds: WHOLE_CLIP_SEC + 1, name: 'search-cancel.mp4' });
    const controller = new AbortController();
    const run = compress(input, { quality: 'high' }, {
      outDir: out,
      signal: controller.signal,
      onProgress: (p) => p.phase === 'sample' && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CanceledError);
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
  });
});

describe('a clip short enough to be measured whole', () => {
  it('ships the try that keeps the quality, its scores as its check, and leaves no other try behind', async () => {
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 2, pattern: 'mandelbrot', audio: true, container: 'mkv', name: 'whole.mkv' });
    const result = await compress(input, { quality: 'visually-lossless' }, { outDir: out });
    const search = result.plan.notes.find((note) => note.code === 'quality-search');
    expect(search).toMatchObject({ whole: true, crf: result.plan.crf, reused: false });
    if (search?.code !== 'quality-search') throw new Error('no search note');
    // The check is the shipped try's own scoring: the same numbers the search kept.
    expect(result.quality?.mean).toBeCloseTo(search.score.mean, 6);
    if (search.passed && result.quality?.metric === 'vmaf') expect(result.quality.mean).toBeGreaterThanOrEqual(VMAF_BARS['visually-lossless'].mean);
    expect(await readdir(out)).toEqual([path.basename(result.output)]);
    expect(await readdir(scratch)).toEqual([]);
    expectKept(await probe(input), await probe(result.output), { audio: true });

    // A second ask of the same file reuses the answer: one encode at that CRF, checked.
    const again = await compress(input, { quality: 'visually-lossless' }, { outDir: out });
    expect(again.plan.notes.find((note) => note.code === 'quality-search')).toMatchObject({ reused: true, crf: result.plan.crf });
    expect(again.quality?.metric).toBe(result.quality?.metric);
  });

  it('a cancel while a later try is scored removes every try', async () => {
    const input = await makeClip(clips, { width: 320, height: 240, seconds: 2, pattern: 'mandelbrot', container: 'mkv', name: 'whole-cancel.mkv' });
    const controller = new AbortController();
    let encodes = 0;
    let last: EncodeProgress['phase'] | undefined;
    const run = compress(input, { quality: 'high' }, {
      outDir: out,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'encode' && last !== 'encode') encodes++;
        last = p.phase;
        // The second try's scoring: the first try's output is on disk, kept as the best so far.
        if (encodes === 2 && p.phase === 'verify') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CanceledError);
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
  });
});

describe('compress refuses bad input and leaves everything as it was', () => {
  const bad: [string, () => Promise<string>, Goal, MediaError['kind']][] = [
    ['an empty file', async () => writeFile(path.join(clips, 'empty.mp4'), '').then(() => path.join(clips, 'empty.mp4')), {}, 'unsupported'],
    ['an MP4 cut in half', async () => {
      const whole = await makeClip(clips, { seconds: 2, audio: true, name: 'to-cut.mp4' });
      const half = path.join(clips, 'half.mp4');
      await copyFile(whole, half);
      await truncate(half, Math.floor((await stat(half)).size / 2));
      return half;
    }, {}, 'unsupported'],
    ['a text file named .mp4', async () => writeFile(path.join(clips, 'notes.mp4'), 'shopping list\n').then(() => path.join(clips, 'notes.mp4')), {}, 'unsupported'],
    ['an audio-only file', async () => makeClip(clips, { video: false, name: 'song.m4a' }), {}, 'unsupported'],
    ['a PNG', async () => makeStill(clips, 'picture.png'), {}, 'unsupported'],
    ['a missing path', async () => path.join(clips, 'missing.mp4'), {}, 'not-found'],
    ['a directory', async () => mkdir(path.join(clips, 'a-folder'), { recursive: true }).then(() => path.join(clips, 'a-folder')), {}, 'unsupported'],
    ['"under 10KB" for 10 minutes', async () => makeClip(clips, { width: 64, height: 64, fps: 1, seconds: 600, name: 'ten-minutes.mp4' }), { targetBytes: 10_000 }, 'impossible'],
  ];
  it.each(bad)('%s', async (_label, make, goal, kind) => {
    const input = await make();
    const before = await stat(input).then(
      async (s) => (s.isFile() ? await sha(input) : 'not a file'),
      () => 'missing',
    );
    const error = await compress(input, goal, { outDir: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ kind });
    expect((error as MediaError).message.length).toBeGreaterThan(10);
    expect((error as MediaError).hint).toBeTruthy();
    if (kind === 'impossible') expect((error as MediaError).message).toMatch(/smallest this can be is about [\d.]+ (KB|MB)/);
    const after = await stat(input).then(
      async (s) => (s.isFile() ? await sha(input) : 'not a file'),
      () => 'missing',
    );
    expect(after).toBe(before);
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
  });
});
