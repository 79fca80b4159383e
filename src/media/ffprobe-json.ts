import type { AudioInfo, MediaInfo, SubtitleInfo, VideoInfo } from './types.js';

/** The parts of `ffprobe -print_format json -show_format -show_streams` the media core reads. */
export type FfprobeOutput = {
  format?: { format_name?: string; start_time?: string; duration?: string; bit_rate?: string; size?: string };
  streams?: FfprobeStream[];
};

/** One stream as ffprobe prints it (all numbers arrive as strings or numbers; both are read). */
export type FfprobeStream = {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  color_transfer?: string;
  color_primaries?: string;
  color_space?: string;
  bit_rate?: string;
  duration?: string;
  nb_frames?: string;
  channels?: number;
  sample_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
};

/** The hint every "this is not a video we can use" error ends with. */
export const UNSUPPORTED_HINT =
  'Use a video file: MP4, MOV, AVI, WebM or MKV (or anything else ffmpeg decodes that has a picture track).';

/** Image formats ffprobe reports for a single picture; these are stills, not videos. */
const STILL_FORMATS = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/;

/**
 * Turns ffprobe's JSON into MediaInfo, or returns why the file is not a usable video (a phrase
 * that completes "<name> ..."). Pure, so every odd case is a table row.
 */
export function toMediaInfo(file: string, sizeBytes: number, output: FfprobeOutput, allowAudioOnly = false): MediaInfo | string {
  const streams = output.streams ?? [];
  const formatName = output.format?.format_name ?? '';
  const videoStream = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  if (!videoStream && !(allowAudioOnly && audioStream)) {
    return audioStream ? 'is audio only (there is no picture to compress)' : 'has no video stream';
  }
  if (videoStream && STILL_FORMATS.test(formatName)) return `is a still image (${videoStream.codec_name ?? formatName}), not a video`;
  // The picture and sound decide the length: data tracks (GoPro telemetry) and a subtitle's last cue can run longer.
  const mediaDurations = [videoStream, audioStream].map((st) => st && streamDuration(st)).filter((d): d is number => d !== undefined);
  const durationSec = mediaDurations.length ? Math.max(...mediaDurations) : positive(output.format?.duration);
  if (!durationSec) return 'has no duration: it is a still image or the file is damaged';
  if (videoStream && (!videoStream.width || !videoStream.height)) return 'has a video stream with no picture size: the file is damaged';

  const bitrate = positive(output.format?.bit_rate) ?? Math.round((sizeBytes * 8) / durationSec);
  const subtitles = streams.filter((s) => s.codec_type === 'subtitle').map((s) => toSubtitleInfo(s, durationSec));
  return {
    path: file,
    container: formatName,
    durationSec,
    sizeBytes,
    bitrate,
    video: videoStream ? toVideoInfo(videoStream) : undefined,
    audio: audioStream ? toAudioInfo(audioStream) : undefined,
    ...(subtitles.length > 0 ? { subtitles } : {}),
  };
}

/** Subtitle codecs that are text (the rest are pictures: PGS, DVD, DVB). */
const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'mov_text', 'text', 'microdvd', 'subviewer', 'jacosub', 'realtext', 'sami', 'stl', 'mpl2', 'pjs', 'vplayer']);

/**
 * Guesses for a track that keeps no statistics, on the high side (they are held back from a size's
 * budget): text at 400 bits a second and a cue every 2 s (a film's SubRip runs nearer 150 and 4 s),
 * pictures at 48 kbit/s and a packet a second (Blu-ray PGS runs 10 to 40 kbit/s).
 */
const GUESS = { text: { bitsPerSec: 400, secPerPacket: 2 }, picture: { bitsPerSec: 48_000, secPerPacket: 1 } };

function toSubtitleInfo(s: FfprobeStream, fileDurationSec: number): SubtitleInfo {
  const codec = s.codec_name ?? 'unknown';
  const text = TEXT_SUBTITLES.has(codec);
  const guess = text ? GUESS.text : GUESS.picture;
  const durationSec = streamDuration(s) ?? fileDurationSec;
  // mkvmerge keeps each track's statistics as tags (NUMBER_OF_BYTES, or with a language suffix).
  const tag = (name: string) => positive(s.tags?.[name] ?? s.tags?.[`${name}-eng`]);
  const fromRate = positive(s.bit_rate);
  const bytes = tag('NUMBER_OF_BYTES') ?? (fromRate === undefined ? (guess.bitsPerSec * durationSec) / 8 : (fromRate * durationSec) / 8);
  const packets = tag('NUMBER_OF_FRAMES') ?? positive(s.nb_frames) ?? durationSec / guess.secPerPacket;
  return { codec, text, bytes: Math.ceil(bytes), packets: Math.ceil(packets) };
}

function toVideoInfo(s: FfprobeStream): VideoInfo {
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  const rotation = rotationOf(s);
  const sar = ratio(s.sample_aspect_ratio, ':') ?? 1;
  // Fold the sample aspect ratio into the width, as players do; keep it even for encoders.
  const shownWidth = Math.max(2, Math.round((width * (sar > 0 ? sar : 1)) / 2) * 2);
  const turned = rotation === 90 || rotation === 270;
  const displayWidth = turned ? height : shownWidth;
  const displayHeight = turned ? shownWidth : height;
  const realFps = ratio(s.r_frame_rate, '/') ?? 0;
  const avgFps = ratio(s.avg_frame_rate, '/') ?? realFps;
  const transfer = s.color_transfer;
  return {
    codec: s.codec_name ?? 'unknown',
    width,
    height,
    displayWidth,
    displayHeight,
    displayAspect: displayWidth / displayHeight,
    rotation,
    avgFps: avgFps || realFps,
    realFps: realFps || avgFps,
    variableFrameRate: isVariable(realFps, avgFps),
    pixFmt: s.pix_fmt ?? 'unknown',
    bitDepth: bitDepthOf(s),
    hdr: transfer === 'smpte2084' ? 'pq' : transfer === 'arib-std-b67' ? 'hlg' : undefined,
    colorTransfer: transfer,
    colorPrimaries: s.color_primaries,
    colorSpace: s.color_space,
    bitrate: positive(s.bit_rate),
  };
}

/**
 * Phones record at a nominal rate but drop and stretch frames; a 2 % gap between the nominal and
 * the measured average rate is the tell. A nominal rate of exactly twice the average is the field
 * rate of interlaced or MPEG-1/2 video, which is constant.
 */
function isVariable(realFps: number, avgFps: number): boolean {
  if (realFps <= 0 || avgFps <= 0) return false;
  const near = (a: number, b: number) => Math.abs(a - b) / b <= 0.02;
  return !near(avgFps, realFps) && !near(realFps, avgFps * 2);
}

function toAudioInfo(s: FfprobeStream): AudioInfo {
  return {
    codec: s.codec_name ?? 'unknown',
    channels: s.channels ?? 2,
    sampleRate: positive(s.sample_rate) ?? 48000,
    bitrate: positive(s.bit_rate),
  };
}

/**
 * Clockwise degrees as displayed. The display matrix's `rotation` is counter-clockwise (-90 for a
 * portrait phone clip); the older `rotate` tag is already clockwise (90 for the same clip).
 */
function rotationOf(s: FfprobeStream): number {
  const matrix = s.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && typeof d.rotation === 'number');
  const clockwise = matrix ? -(matrix.rotation as number) : Number(s.tags?.rotate ?? 0);
  if (!Number.isFinite(clockwise)) return 0;
  return (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
}

function bitDepthOf(s: FfprobeStream): number {
  const fromFormat = /p(9|10|12|14|16)(le|be)?$/.exec(s.pix_fmt ?? '')?.[1];
  return Number(fromFormat ?? s.bits_per_raw_sample ?? 8) || 8;
}

function ratio(value: string | undefined, separator: string): number | undefined {
  if (!value) return undefined;
  const [num, den] = value.split(separator).map(Number);
  if (!Number.isFinite(num) || !Number.isFinite(den) || den === 0 || num <= 0) return undefined;
  return num / den;
}

/**
 * A stream's own length: ffprobe's, else Matroska's DURATION tag ("00:01:05.023000000"), which
 * Matroska keeps per track where MP4 has a duration field.
 */
function streamDuration(s: FfprobeStream): number | undefined {
  const tag = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(s.tags?.DURATION ?? s.tags?.['DURATION-eng'] ?? '');
  return positive(s.duration) ?? (tag ? positive(Number(tag[1]) * 3600 + Number(tag[2]) * 60 + Number(tag[3])) : undefined);
}

function positive(value: string | number | undefined): number | undefined {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
