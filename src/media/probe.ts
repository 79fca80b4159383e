import { stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaError, StudioError } from '../errors.js';
import { localFile, runFfprobe } from './run-ffmpeg.js';
import { formatBytes } from '../units.js';
import { toMediaInfo, UNSUPPORTED_HINT, type FfprobeOutput } from './ffprobe-json.js';
import { MAX_INPUT_BYTES, type MediaInfo } from './types.js';


/**
 * Reads what a file holds, judging by its content (never its extension). Throws MediaError:
 * 'not-found' for a missing path; 'too-large' over MAX_INPUT_BYTES; 'unsupported' for a folder,
 * an empty or truncated file, a still image, audio with no picture (unless `allowAudioOnly`: music
 * for a soundtrack), or anything ffprobe cannot read.
 */
export async function probe(file: string, options: { signal?: AbortSignal; allowAudioOnly?: boolean } = {}): Promise<MediaInfo> {
  const name = path.basename(file);
  const stats = await stat(file).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT' || cause.code === 'ENOTDIR') {
      throw new MediaError('not-found', `There is no file at ${file}.`, { hint: 'Check the path and try again.', cause });
    }
    throw new MediaError('io', `Could not read ${file} (${cause.code ?? cause.message}).`, { hint: 'Check that you can read the file.', cause });
  });
  if (stats.isDirectory()) throw unsupported(`${name} is a folder, not a video file.`);
  if (!stats.isFile()) throw unsupported(`${name} is not a regular file.`);
  if (stats.size === 0) throw unsupported(`${name} is empty (0 bytes).`);
  if (stats.size > MAX_INPUT_BYTES) {
    throw new MediaError('too-large', `${name} is ${formatBytes(stats.size)}, over the ${formatBytes(MAX_INPUT_BYTES)} limit.`, {
      hint: 'Trim it or compress it in parts first.',
    });
  }

  let output: FfprobeOutput;
  try {
    const { stdout } = await runFfprobe(['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', localFile(file)], { signal: options.signal });
    output = JSON.parse(stdout) as FfprobeOutput;
  } catch (error) {
    if (error instanceof StudioError && !(error instanceof MediaError && error.kind === 'failed')) throw error;
    throw unsupported(`${name} is not a video ffmpeg can read (it may be damaged, cut short or not media at all).`, error);
  }

  const info = toMediaInfo(file, stats.size, output, options.allowAudioOnly);
  if (typeof info === 'string') throw unsupported(`${name} ${info}.`);
  const startSec = Number(output.format?.start_time) || 0;
  // The last frame lasts a whole frame's time: a one-frame-a-second slideshow ends a second early.
  const frameSec = info.video && info.video.avgFps > 0 ? 1 / info.video.avgFps : 0;
  if (!(await hasTail(file, startSec, info.durationSec, frameSec, options.signal))) {
    throw unsupported(`${name} is cut short: its index promises ${info.durationSec.toFixed(1)} s but the data stops early.`);
  }
  return info;
}

/**
 * A file whose index survived but whose data was cut (a half-copied MP4 with the index first)
 * still probes fine; reading a few packets near the promised end shows whether they are there.
 */
async function hasTail(file: string, startSec: number, durationSec: number, frameSec: number, signal: AbortSignal | undefined): Promise<boolean> {
  const end = startSec + durationSec;
  // Allow for the last frame's own length and for streams that end a little before the longest.
  const mustReach = end - 0.5 - frameSec - durationSec * 0.05;
  const { stdout } = await runFfprobe(
    ['-v', 'error', '-read_intervals', `${Math.max(0, end - 1).toFixed(3)}%+3600`, '-show_packets', '-show_entries', 'packet=pts_time,dts_time', '-of', 'csv=p=0', localFile(file)],
    { signal },
  ).catch((error: unknown) => {
    if (error instanceof MediaError && error.kind === 'failed') return { stdout: '' };
    throw error;
  });
  const times = stdout.split(/[\n,]/).map(Number).filter(Number.isFinite);
  return times.length > 0 && Math.max(...times) >= mustReach;
}

function unsupported(message: string, cause?: unknown): MediaError {
  return new MediaError('unsupported', message, { hint: UNSUPPORTED_HINT, cause });
}
