import { HARDWARE_H264_ENCODERS, SINGLE_PASS_ENCODERS } from './codec-table.js';
import { cropToAspect } from './resolution-ladder.js';
import { localFile } from './run-ffmpeg.js';
import { audioSampleRate } from './target-budget.js';
import type { EncodePlan, MediaInfo, PlannedOverlays } from './types.js';

/**
 * Which run of a two-pass encode (or the only run) the arguments are for. `audioFile` is sound
 * already encoded for this plan (see audioOnlyArgs), `subtitleFile` its subtitle tracks already cut
 * to its trim (subtitleOnlyArgs), each muxed in as it is.
 */
export type EncodeRun =
  | { kind: 'single'; passLogPrefix?: string; audioFile?: string; subtitleFile?: string; picked?: PickedFrames }
  | { kind: 'pass2'; passLogPrefix?: string; audioFile?: string; subtitleFile?: string }
  | { kind: 'pass1'; passLogPrefix: string; picked?: PickedFrames };

/**
 * Frames an encode's first run (pass 1, or the only run) also writes, uncompressed, exactly as they
 * reach the encoder (`select`: which of them; all without it): what the output's check compares
 * against, so the check need not decode, tone-map and scale the source again.
 */
export type PickedFrames = { file: string; select?: string };

const MUXERS: Record<EncodePlan['container'], string> = { mp4: 'mp4', mov: 'mov', mkv: 'matroska', webm: 'webm' };

/** Whether this plan encodes in two passes (software encoders at a target bitrate). */
export function isTwoPass(plan: EncodePlan): boolean {
  return plan.mode === 'bitrate' && !SINGLE_PASS_ENCODERS.includes(plan.encoder);
}

/**
 * The ffmpeg arguments (after the binary and the runner's own flags) for one run of `plan`.
 * Pure. ffmpeg's autorotate is left on, so filters see upright frames and the output is written
 * upright with no rotation tag; only the first video and audio streams and the planned subtitle
 * tracks are mapped, so data tracks (GoPro telemetry, timecode) cannot break the MP4 muxer.
 */
export function encodeArgs(plan: EncodePlan, info: MediaInfo, run: EncodeRun, output: string): string[] {
  const args = ['-y'];
  if (plan.trim) args.push('-ss', plan.trim.startSec.toFixed(3));
  args.push('-i', localFile(info.path));
  const audioFile = run.kind === 'pass1' ? undefined : run.audioFile;
  if (audioFile) args.push('-i', localFile(audioFile));
  const firstPass = run.kind === 'pass1';
  // Sound encoded beforehand already holds the music.
  const music = !firstPass && !audioFile && plan.audio.mode !== 'none' ? plan.overlays?.music : undefined;
  if (music) args.push(...musicInput(music.path));
  const subtitleFile = run.kind === 'pass1' ? undefined : run.subtitleFile;
  const subtitleInput = 1 + (audioFile ? 1 : 0) + (music ? 1 : 0);
  if (subtitleFile) args.push('-i', localFile(subtitleFile));
  // Only a trim with an end cuts: anything else keeps every frame to the last one.
  if (plan.trim?.endSec !== undefined) args.push('-t', plan.durationSec.toFixed(3));
  const filters = [...videoFilters(plan, info), ...titleFilters(plan)];
  const picked = run.kind === 'pass2' || plan.mode === 'copy' ? undefined : run.picked;
  if (picked) args.push('-filter_complex', pickedGraph(plan, filters, picked), '-map', '[v]');
  else args.push('-map', '0:v:0');
  if (music) args.push('-filter_complex', musicGraph(plan, music), '-map', '[sound]');
  else if (plan.audio.mode !== 'none' && !firstPass) args.push('-map', audioFile ? '1:a:0' : '0:a:0?');
  // The source's own tracks where the output starts where it does; cut ones from their file.
  const subtitles = firstPass ? [] : (plan.subtitles ?? []);
  if (subtitleFile) args.push('-map', `${subtitleInput}:s`);
  else for (const { index } of subtitles) args.push('-map', `0:s:${index}`);
  const subtitleCodecs = subtitleFile ? ['-c:s', 'copy'] : subtitleCodecArgs(subtitles);
  args.push('-map_metadata', '-1', '-map_chapters', '-1');

  if (plan.mode === 'copy') {
    args.push('-c', 'copy', ...subtitleCodecs);
  } else {
    args.push(...subtitleCodecs);
    if (filters.length && !picked) args.push('-vf', filters.join(','));
    // A set rate means an even cadence; otherwise keep each frame's own time so VFR audio stays in sync.
    args.push('-vsync', plan.fps !== undefined ? 'cfr' : 'vfr');
    args.push(...videoCodecArgs(plan, run), '-pix_fmt', 'yuv420p', ...colorArgs(plan, info));
    if (firstPass) args.push('-an');
    else args.push(...(audioFile ? ['-c:a', 'copy'] : audioArgs(plan)));
  }
  const pickedOutput = picked ? ['-map', '[picked]', '-c:v', 'rawvideo', '-an', '-f', 'nut', localFile(picked.file)] : [];
  if (firstPass) return [...args, '-f', 'null', '-', ...pickedOutput];
  if (plan.container === 'mp4' || plan.container === 'mov') args.push('-movflags', '+faststart');
  return [...args, '-f', MUXERS[plan.container], localFile(output), ...pickedOutput];
}

/** Each mapped subtitle track's encoder, by its place among the output's subtitle tracks. */
function subtitleCodecArgs(subtitles: NonNullable<EncodePlan['subtitles']>): string[] {
  return subtitles.flatMap(({ encoder }, place) => [`-c:s:${place}`, encoder]);
}

/**
 * The video filters split in two: `[v]` to the encoder, `[picked]` the chosen frames renumbered
 * without gaps: at the plan's rate when it sets one (ffmpeg's constant-rate sync would fill gaps
 * with copies), else a second apart (the variable-rate sync drops a frame that rounds onto the
 * previous one's time, as frames a microsecond apart would).
 */
function pickedGraph(plan: EncodePlan, filters: string[], picked: PickedFrames): string {
  const renumbered = plan.fps !== undefined ? `setpts=N/(${Number(plan.fps.toFixed(6))}*TB)` : 'settb=1,setpts=N';
  const chosen = [...(picked.select ? [`select=${picked.select}`] : []), renumbered, 'format=yuv420p'].join(',');
  return `[0:v:0]${filters.join(',') || 'null'},split[v][p];[p]${chosen}[picked]`;
}

/**
 * The output rewritten without its H.264 SEI units: x264's is its settings as text (about 700
 * bytes), which no player needs. Every other packet is copied as it is.
 */
export function withoutEncoderInfoArgs(plan: EncodePlan, input: string, output: string): string[] {
  const args = ['-y', '-i', localFile(input), '-map', '0', '-c', 'copy', '-bsf:v', 'filter_units=remove_types=6', '-map_metadata', '-1', '-fflags', '+bitexact'];
  if (plan.container === 'mp4' || plan.container === 'mov') args.push('-movflags', '+faststart');
  return [...args, '-f', MUXERS[plan.container], localFile(output)];
}

/**
 * Encodes just the plan's sound (trimmed), to be muxed in by a later run: in MP4 for AAC, whose
 * edit list carries the encoder's priming delay (Matroska would add it to the length), in WebM for Opus.
 */
export function audioOnlyArgs(plan: EncodePlan, info: MediaInfo, output: string): string[] {
  const args = ['-y'];
  if (plan.trim) args.push('-ss', plan.trim.startSec.toFixed(3));
  args.push('-i', localFile(info.path));
  const music = plan.overlays?.music;
  if (music) args.push(...musicInput(music.path));
  if (plan.trim?.endSec !== undefined) args.push('-t', plan.durationSec.toFixed(3));
  const map = music ? ['-filter_complex', musicGraph(plan, music), '-map', '[sound]'] : ['-map', '0:a:0'];
  return [...args, ...map, '-vn', ...audioArgs(plan), '-f', audioOnlyExtension(plan) === 'webm' ? 'webm' : 'mp4', localFile(output)];
}

/**
 * Cuts the plan's subtitle tracks to its trim, each written as the output will hold it, into a
 * file of the output's own container. ffmpeg keeps a subtitle's cues where they were when the input
 * is seeked (`-ss` before `-i`), so this seeks on the output side, which drops the cues before the
 * start and counts the rest from it, reading the packets of the file up to there.
 */
export function subtitleOnlyArgs(plan: EncodePlan, info: MediaInfo, output: string): string[] {
  const subtitles = plan.subtitles ?? [];
  const cut = plan.trim ? ['-ss', plan.trim.startSec.toFixed(3), ...(plan.trim.endSec !== undefined ? ['-t', plan.durationSec.toFixed(3)] : [])] : [];
  const maps = subtitles.flatMap(({ index }) => ['-map', `0:s:${index}`]);
  return ['-y', '-i', localFile(info.path), ...cut, ...maps, ...subtitleCodecArgs(subtitles), '-map_metadata', '-1', '-f', MUXERS[plan.container], localFile(output)];
}

/** The file extension audioOnlyArgs' output should have. */
export function audioOnlyExtension(plan: EncodePlan): 'm4a' | 'webm' {
  return plan.container === 'webm' ? 'webm' : 'm4a';
}

/** fps, crop, scale and tone-map, in the order that does the least work per frame. */
export function videoFilters(plan: EncodePlan, info: MediaInfo): string[] {
  return info.video ? [...rateFilters(plan), ...pictureFilters(plan, info)] : [];
}

/** The frame-rate change alone: the one filter of the plan that decides which frames there are. */
export function rateFilters(plan: EncodePlan): string[] {
  return plan.fps !== undefined ? [`fps=${Number(plan.fps.toFixed(3))}`] : [];
}

/**
 * Crop, scale and tone-map: what the plan does to each frame on its own, so it can run on only
 * some of the frames (the output check's scored ones) and give each the same picture.
 */
export function pictureFilters(plan: EncodePlan, info: MediaInfo): string[] {
  const video = info.video;
  if (!video) return [];
  const filters: string[] = [];
  // Autorotated frames arrive in display orientation; anamorphic pixels are squared first so the
  // crop can be done in display pixels.
  const turned = video.rotation === 90 || video.rotation === 270;
  if (!turned && video.width !== video.displayWidth) filters.push(`scale=${video.displayWidth}:${video.displayHeight}`, 'setsar=1');
  const crop = cropToAspect(video.displayWidth, video.displayHeight, plan.aspect);
  if (crop.width !== video.displayWidth || crop.height !== video.displayHeight) filters.push(`crop=${crop.width}:${crop.height}`);
  const resize = plan.width !== crop.width || plan.height !== crop.height;
  if (plan.toneMap) {
    // Linear light, tone-mapped (hable keeps highlights), then BT.709 8-bit; zscale also resizes.
    const transfer = video.hdr === 'hlg' ? 'arib-std-b67' : 'smpte2084';
    filters.push(
      `zscale=${resize ? `w=${plan.width}:h=${plan.height}:` : ''}tin=${transfer}:pin=bt2020:min=bt2020nc:t=linear:npl=100`,
      'format=gbrpf32le',
      'zscale=p=bt709',
      'tonemap=tonemap=hable:desat=0',
      'zscale=t=bt709:m=bt709:r=tv',
    );
  } else if (resize) {
    filters.push(`scale=${plan.width}:${plan.height}:flags=bicubic`);
  }
  filters.push('setsar=1', 'format=yuv420p');
  return filters;
}

/** The music as input 1, looped without end: the graph cuts it to the video's length. */
function musicInput(file: string): string[] {
  return ['-stream_loop', '-1', '-i', localFile(file)];
}

/**
 * The sound as a filter graph ending in `[sound]`: the music at its volume, alone or mixed under
 * input 0's sound, exactly as long as the output. The source's sound is padded with silence so
 * amix always has both inputs: it divides by the inputs it has, and the `volume=2` after it
 * undoes that for a steady level.
 */
export function musicGraph(plan: EncodePlan, music: NonNullable<PlannedOverlays['music']>): string {
  const length = `atrim=duration=${plan.durationSec.toFixed(3)},asetpts=PTS-STARTPTS`;
  const bgm = `[1:a:0]volume=${music.volume.toFixed(3)},aresample=48000`;
  if (!music.overSource) return `${bgm},${length}[sound]`;
  return `${bgm}[bgm];[0:a:0]aresample=48000,apad[own];[own][bgm]amix=inputs=2:duration=longest:dropout_transition=0,volume=2,${length}[sound]`;
}

/**
 * One drawtext per title: white text on a dark translucent box, centred in the lower third,
 * sized to the output's height, shown between its start and end (output time). The text comes
 * from a file, so no title can break the filter graph.
 */
export function titleFilters(plan: EncodePlan): string[] {
  const size = Math.max(12, Math.round(plan.height / 16));
  return (plan.overlays?.titles ?? []).map((title) =>
    [
      `drawtext=fontfile=${filterValue(title.fontFile)}`,
      `textfile=${filterValue(title.textFile)}`,
      `fontcolor=white:fontsize=${size}:box=1:boxcolor=black@0.55:boxborderw=${Math.round(size / 3)}`,
      'expansion=none:x=(w-text_w)/2:y=h*5/6-text_h/2',
      `enable=between(t\\,${title.startSec.toFixed(3)}\\,${title.endSec.toFixed(3)})`,
    ].join(':'),
  );
}

/** A path as a filter option value: escaped once for the option parser and once for the graph. */
export function filterValue(text: string): string {
  return text.replace(/[\\':]/g, (c) => `\\${c}`).replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** Encoder, preset and rate flags for the plan's video (CRF or bitrate, and the pass if any). */
export function videoCodecArgs(plan: EncodePlan, run: EncodeRun): string[] {
  const args = ['-c:v', plan.encoder];
  // This era's ffmpeg still calls libaom experimental and refuses it without -strict.
  if (plan.encoder === 'libaom-av1') args.push('-strict', 'experimental', '-cpu-used', plan.preset);
  else if (!HARDWARE_H264_ENCODERS.includes(plan.encoder)) args.push('-preset', plan.preset);
  if (plan.tune) args.push('-tune', plan.tune);

  if (plan.mode === 'crf') {
    args.push('-crf', String(plan.crf));
    if (plan.encoder === 'libaom-av1') args.push('-b:v', '0');
  } else {
    const kbps = plan.videoKbps ?? 1000;
    args.push('-b:v', `${kbps}k`);
    // Hardware encoders run one pass: bound their peaks, the size check handles the rest.
    if (HARDWARE_H264_ENCODERS.includes(plan.encoder)) args.push('-maxrate', `${Math.round(kbps * 1.5)}k`, '-bufsize', `${kbps * 2}k`);
  }
  const passLog = run.passLogPrefix;
  if (plan.encoder === 'libx265') {
    // ffmpeg's -pass does not reach libx265 in this era; x265 takes its pass through its own params.
    const pass = run.kind === 'single' || !passLog ? '' : `:pass=${run.kind === 'pass1' ? 1 : 2}:stats=${passLog}.x265.log`;
    args.push('-x265-params', `log-level=error${pass}`);
    if (plan.container === 'mp4' || plan.container === 'mov') args.push('-tag:v', 'hvc1');
  } else if (run.kind !== 'single' && passLog) {
    args.push('-pass', run.kind === 'pass1' ? '1' : '2', '-passlogfile', passLog);
  }
  return args;
}

/** YUV matrices the output may be tagged with (what x264's VUI can say). */
const MATRICES = new Set(['bt709', 'smpte170m', 'bt470bg', 'smpte240m', 'bt2020nc', 'fcc']);

function colorArgs(plan: EncodePlan, info: MediaInfo): string[] {
  const video = info.video;
  if (plan.toneMap || !video) return ['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'];
  // Keep the source's tags when it has SDR ones, so players pick the same colours.
  const args: string[] = [];
  if (video.colorPrimaries && video.colorPrimaries !== 'unknown') args.push('-color_primaries', video.colorPrimaries);
  if (video.colorTransfer && video.colorTransfer !== 'unknown') args.push('-color_trc', video.colorTransfer);
  // The pixels keep the source's matrix. Untagged, players guess it from the size: an HD source
  // (BT.709) scaled to SD would be shown as BT.601 and shift in hue, so say it, guessing as players did.
  const guessed = Math.min(video.width, video.height) >= 720 ? 'bt709' : 'smpte170m';
  args.push('-colorspace', video.colorSpace && MATRICES.has(video.colorSpace) ? video.colorSpace : guessed);
  return args;
}

function audioArgs(plan: EncodePlan): string[] {
  const audio = plan.audio;
  if (audio.mode === 'encode') {
    const codec = plan.container === 'webm' ? 'libopus' : 'aac';
    const rate = codec === 'aac' ? audioSampleRate(audio.kbps) : undefined;
    return ['-c:a', codec, '-b:a', `${audio.kbps}k`, '-ac', String(audio.channels), ...(rate ? ['-ar', String(rate)] : [])];
  }
  return audio.mode === 'copy' ? ['-c:a', 'copy'] : ['-an'];
}
