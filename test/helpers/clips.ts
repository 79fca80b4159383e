import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';

/** What kind of tiny test clip to make. Every field is optional. */
export type ClipOptions = {
  /** Coded size; default 320x240. */
  width?: number;
  height?: number;
  /** Default 1. Keep it short: tests run on 2 shared cores. */
  seconds?: number;
  /** Default 25. */
  fps?: number;
  /** A 440 Hz stereo tone; default false. */
  audio?: boolean;
  /** false makes an audio-only file (audio is then implied); default true. */
  video?: boolean;
  /** Clockwise display rotation written as a tag (coded size stays width x height). */
  rotate?: 0 | 90 | 180 | 270;
  /** Drop frames in a pattern so timestamps are uneven (variable frame rate). */
  vfr?: boolean;
  /** 10-bit HEVC tagged BT.2020 / PQ (smpte2084), like an HDR phone clip. */
  hdr10bit?: boolean;
  /**
   * Picture content: 'testsrc2' (default, moving pattern), 'mandelbrot' (detail), 'noise'
   * (incompressible), 'still' (fine static detail with a small counter, like a screencast).
   */
  pattern?: 'testsrc2' | 'mandelbrot' | 'noise' | 'still';
  /** File name without folder; default derived from the options. */
  name?: string;
  /** Default 'mp4'. 'webm' is VP8/Vorbis, 'avi' is MPEG-4 Part 2/MP3, the rest H.264/AAC. */
  container?: 'mp4' | 'mov' | 'mkv' | 'webm' | 'avi';
};

/**
 * Makes a tiny clip in `dir` with ffmpeg's lavfi sources (through the product's own ffmpeg
 * locator) and returns its absolute path. The one way tests create media fixtures.
 */
export async function makeClip(dir: string, options: ClipOptions = {}): Promise<string> {
  const {
    width = 320,
    height = 240,
    seconds = 1,
    fps = 25,
    video = true,
    rotate = 0,
    vfr = false,
    hdr10bit = false,
    pattern = 'testsrc2',
    container = 'mp4',
  } = options;
  const audio = options.audio ?? !video;
  const ext = video ? container : 'm4a';
  const name = options.name ?? `clip-${width}x${height}-${seconds}s${audio ? '-a' : ''}${rotate ? `-r${rotate}` : ''}${vfr ? '-vfr' : ''}${hdr10bit ? '-hdr' : ''}${pattern === 'testsrc2' ? '' : `-${pattern}`}.${ext}`;
  const file = path.resolve(dir, name);

  const args: string[] = ['-y'];
  if (video) args.push('-f', 'lavfi', '-i', source(pattern, width, height, fps));
  if (audio) args.push('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000');
  if (video) {
    args.push('-map', '0:v');
    const filters = [
      // Strong temporal noise on every pixel: the worst case for an encoder.
      ...(pattern === 'noise' ? ['noise=alls=80:allf=t+u'] : []),
      ...(vfr ? ["select='not(between(mod(n\\,10)\\,3\\,6))'"] : []),
    ];
    if (filters.length) args.push('-vf', filters.join(','));
    if (vfr) args.push('-vsync', 'vfr');
    args.push(...videoCodec(container, hdr10bit));
  }
  if (audio) {
    args.push('-map', video ? '1:a' : '0:a', '-ac', '2');
    args.push(...audioCodec(video ? container : 'mp4'));
  }
  const encoded = rotate ? path.resolve(dir, `unrotated-${name}`) : file;
  args.push('-t', String(seconds), '-f', video ? MUXERS[container] : 'mp4', encoded);
  await runFfmpeg(args);
  if (rotate) {
    // This ffmpeg only writes a rotation tag when remuxing, and writes the matrix for the opposite
    // angle (a tag of 270 reads back as 90 clockwise), so the remux asks for 360 - rotate.
    await runFfmpeg(['-y', '-i', encoded, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${360 - rotate}`, file]);
    await rm(encoded);
  }
  return file;
}

const MUXERS = { mp4: 'mp4', mov: 'mov', mkv: 'matroska', webm: 'webm', avi: 'avi' } as const;

function source(pattern: NonNullable<ClipOptions['pattern']>, width: number, height: number, fps: number): string {
  const size = `size=${width}x${height}:rate=${fps}`;
  if (pattern === 'still') return `testsrc=${size}`;
  return pattern === 'mandelbrot' ? `mandelbrot=${size}` : `testsrc2=${size}`;
}

function videoCodec(container: NonNullable<ClipOptions['container']>, hdr10bit: boolean): string[] {
  if (hdr10bit) {
    return [
      '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le',
      '-x265-params', 'log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc',
      '-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc',
      ...(container === 'mp4' || container === 'mov' ? ['-tag:v', 'hvc1'] : []),
    ];
  }
  switch (container) {
    case 'webm':
      return ['-c:v', 'libvpx', '-b:v', '500k', '-deadline', 'realtime'];
    case 'avi':
      return ['-c:v', 'mpeg4', '-q:v', '5'];
    default:
      return ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
  }
}

function audioCodec(container: NonNullable<ClipOptions['container']>): string[] {
  switch (container) {
    case 'webm':
      return ['-c:a', 'libvorbis'];
    case 'avi':
      return ['-c:a', 'libmp3lame', '-b:a', '96k'];
    default:
      return ['-c:a', 'aac', '-b:a', '96k'];
  }
}

/** One subtitle cue: from, to (seconds) and its text. */
export type Cue = [number, number, string];

/**
 * `clip` with subtitle tracks added, each its cues written as `codec`, as `name` beside it (the
 * picture and sound copied as they are). Returns the new file's path.
 */
export async function withSubtitles(clip: string, tracks: { codec: 'srt' | 'ass' | 'mov_text'; cues: Cue[] }[], name: string): Promise<string> {
  const dir = path.dirname(clip);
  const time = (sec: number) => new Date(sec * 1000).toISOString().slice(11, 23).replace('.', ',');
  const inputs: string[] = [];
  for (const [index, { cues }] of tracks.entries()) {
    const file = path.join(dir, `${name}.${index}.srt`);
    await writeFile(file, cues.map(([from, to, text], n) => `${n + 1}\n${time(from)} --> ${time(to)}\n${text}\n`).join('\n'));
    inputs.push('-i', file);
  }
  const maps = tracks.flatMap((_, index) => ['-map', `${index + 1}:s`]);
  const codecs = tracks.flatMap(({ codec }, index) => [`-c:s:${index}`, codec]);
  const file = path.join(dir, name);
  await runFfmpeg(['-y', '-i', clip, ...inputs, '-map', '0', ...maps, '-c', 'copy', ...codecs, file]);
  return file;
}

/** Makes a small PNG still image in `dir` (a picture, not a video) and returns its path. */
export async function makeStill(dir: string, name = 'still.png'): Promise<string> {
  const file = path.resolve(dir, name);
  await runFfmpeg(['-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x120', '-frames:v', '1', file]);
  return file;
}
