import { MediaError } from '../errors.js';
import { outputCodec } from '../wire/output-codec.js';
import type { Codec, Container, Goal } from '../goal/types.js';
import { CODECS, SINGLE_PASS_ENCODERS, SVT_AV1 } from './codec-table.js';
import { shortSideCap, sizeCap } from '../wire/size-cap.js';
import { UNSUPPORTED_HINT } from './ffprobe-json.js';
import { bitsPerPixel, chooseFrame, CLEAN_BPP_H264, cropToAspect, fitShortSide, watchablePicture, type Frame } from './resolution-ladder.js';
import { formatBytes, formatSeconds } from '../units.js';
import { planSubtitles, type SubtitlePlan } from './subtitle-plan.js';
import { chooseAudio, containerOverheadBytes, MIN_VIDEO_KBPS, SAFETY_MARGIN, smallestBytes, soundFloor, totalKbps, tooSmallHint, type AudioChoice } from './target-budget.js';
import type { EncodePlan, MediaInfo, PlannedOverlays, VideoInfo } from './types.js';
import type { Capabilities } from './capabilities.js';
import type { PlanNote, RateChange } from './plan-notes.js';
import { trimWindow } from './trim-window.js';

/** What the machine offers the planner (from `capabilities()`); the plan itself stays pure. */
export type PlanOptions = {
  /** A hardware H.264 encoder that passed a test encode; used unless the goal asks for 'best'. */
  hardwareH264?: string;
  /** This ffmpeg has SVT-AV1: AV1 output uses it instead of libaom. */
  svtAv1?: boolean;
  /** Titles and music to add: the output then cannot be a copy, and music always needs a sound budget. */
  overlays?: PlannedOverlays;
};

/**
 * The plan options this machine's ffmpeg gives (from `capabilities()`), with the item's overlays.
 * The one place capabilities become plan options: the render node's agent plans with it too, so
 * the plan promised in the chat is the plan compress() runs.
 */
export function machinePlanOptions(caps: Capabilities, overlays?: PlannedOverlays): PlanOptions {
  return { hardwareH264: caps.hardwareH264, svtAv1: caps.encoders.includes('libsvtav1'), ...(overlays ? { overlays } : {}) };
}

/** Above this many bits per pixel (H.264) more bitrate buys nothing visible. */
const RICH_BPP_H264 = 0.25;

/**
 * Decides how to turn `info` into what `goal` asks for: copy, a two-pass average bitrate under a
 * size cap, or constant quality (refined later by the quality search). Pure: no I/O, so every
 * decision is a table row in the tests. Throws MediaError('impossible') for a goal no encode meets.
 */
export function planEncode(goal: Goal, info: MediaInfo, options: PlanOptions = {}): EncodePlan {
  const video = info.video;
  if (!video) throw new MediaError('unsupported', 'This file has no picture to compress.', { hint: UNSUPPORTED_HINT });
  const notes: PlanNote[] = [];
  const trim = resolveTrim(goal.trim, info.durationSec);
  const durationSec = trim ? (trim.endSec ?? info.durationSec) - trim.startSec : info.durationSec;
  // The same size rule the client and the node's agent apply to each item (src/wire/item-goal.ts).
  const targetBytes = sizeCap(goal, info.sizeBytes);
  const sourceFps = video.avgFps;
  const fpsCap = goal.fps !== undefined && goal.fps < sourceFps - 0.01 ? goal.fps : undefined;
  const music = options.overlays?.music;
  // The mix needs to know whether there is a sound of the item's own to play the music under.
  const overlays = options.overlays && { ...options.overlays, music: music && { ...music, overSource: info.audio !== undefined && goal.audio !== 'mute' } };
  // Music plays even over a muted or silent video: the sound is then the music alone.
  const keepAudio = music !== undefined || (info.audio !== undefined && goal.audio !== 'mute');

  const overlaid = music !== undefined || (overlays?.titles.length ?? 0) > 0;
  const crop = cropToAspect(video.displayWidth, video.displayHeight, goal.aspect);
  const capShortSide = shortSideCap(goal) ?? Math.min(crop.width, crop.height);
  // "720p" of a 480p source: said, so nobody expects an upscale.
  const smaller: PlanNote[] =
    goal.resolution !== undefined && Math.min(crop.width, crop.height) < goal.resolution ? [{ code: 'source-smaller', askedShortSide: goal.resolution, ...crop }] : [];
  const copy = overlaid ? undefined : copyReason(goal, info, video, { targetBytes, capShortSide, fpsCap, trimmed: trim !== undefined, keepAudio });
  if (copy) {
    const container = goal.container ?? 'mp4';
    const subs = planSubtitles(keptSubtitles(goal, info), container);
    return {
      mode: 'copy', codec: 'h264', container, encoder: 'copy',
      width: video.displayWidth, height: video.displayHeight, preset: 'copy',
      audio: { mode: info.audio ? 'copy' : 'none' }, ...(subs.subtitles ? { subtitles: subs.subtitles } : {}), durationSec, targetBytes, expectedBytes: info.sizeBytes,
      toneMap: false, notes: [copy, ...smaller, ...subtitleNotes(goal, info, subs)],
    };
  }

  const { codec, container } = resolveFormat(goal, notes);
  const subs = planSubtitles(keptSubtitles(goal, info), container, durationSec / info.durationSec);
  const profile = CODECS[codec];
  const speed = goal.speed ?? 'balanced';
  // Hardware encoders have no CRF the quality search could tune: they serve size targets only.
  const hardware = codec === 'h264' && options.hardwareH264 && speed !== 'best' && targetBytes !== undefined ? options.hardwareH264 : undefined;
  const svt = codec === 'av1' && options.svtAv1 === true;
  const encoder = hardware ?? (svt ? SVT_AV1.encoder : profile.encoder);
  const preset = (svt ? SVT_AV1.presets : profile.presets)[speed];
  const outFps = fpsCap ?? sourceFps;
  if (trim) notes.push({ code: 'trim', startSec: trim.startSec, endSec: trim.endSec ?? info.durationSec, durationSec });
  if (goal.aspect && (crop.width !== video.displayWidth || crop.height !== video.displayHeight)) {
    notes.push({ code: 'crop', aspect: goal.aspect, ...crop, sourceWidth: video.displayWidth, sourceHeight: video.displayHeight });
  }
  notes.push(...smaller);
  if (video.rotation) notes.push({ code: 'rotation', degrees: video.rotation });
  if (video.hdr) notes.push({ code: 'hdr', format: video.hdr, codec });
  if (hardware) notes.push({ code: 'hardware-encoder', encoder: hardware });

  for (const title of overlays?.titles ?? []) notes.push({ code: 'title', startSec: title.startSec, endSec: title.endSec });
  const base = {
    codec, container, encoder, preset, trim, durationSec, targetBytes, toneMap: video.hdr !== undefined, aspect: goal.aspect, notes,
    ...(overlays ? { overlays } : {}), ...(subs.subtitles ? { subtitles: subs.subtitles } : {}),
  };

  if (targetBytes === undefined) {
    const quality = goal.quality ?? 'high';
    const size = fitShortSide(crop.width, crop.height, capShortSide);
    const audio = keepAudio ? audioForGoal(goal, info.audio?.channels ?? 2, 128) : undefined;
    notes.push({ code: 'quality', quality, crf: profile.startCrf[quality] });
    notes.push(pictureNote(size, fpsCap, video));
    notes.push(audioNote(audio, info, goal, container, music?.volume));
    notes.push(...subtitleNotes(goal, info, subs));
    return { ...base, mode: 'crf', ...size, fps: fpsCap, crf: profile.startCrf[quality], audio: audio ? { mode: 'encode', ...audio } : { mode: 'none' } };
  }

  // Sound the goal did not name (no bitrate, no music) gives way when the size cannot hold it
  // beside the leanest picture: a file under the size beats a refusal.
  const soundDroppable = music === undefined && typeof goal.audio !== 'object';
  const smallestWithSound = smallestBytes(durationSec, keepAudio);
  const sound = keepAudio && !(soundDroppable && targetBytes < smallestWithSound);
  const smallest = smallestBytes(durationSec, sound);
  const tooSmall = new MediaError(
    'impossible',
    `${formatBytes(targetBytes)} is too small for ${durationSec.toFixed(1)} s of video: the smallest this can be is about ${formatBytes(smallest)}.`,
    { hint: tooSmallHint(formatBytes(smallest), sound) },
  );
  if (targetBytes < smallest) throw tooSmall;
  const dropped: PlanNote | undefined = keepAudio && !sound ? { code: 'sound-dropped', targetBytes, durationSec, smallestWithSoundBytes: smallestWithSound } : undefined;
  // First with the source's frame rate and full-rate sound (the most index a file can need)...
  // Subtitle tracks are held back from the budget with the container's own bytes.
  const roughTotal = totalKbps(targetBytes, durationSec, containerOverheadBytes(durationSec, outFps, sound ? 128 : undefined) + subs.reserveBytes);
  const cleanBpp = CLEAN_BPP_H264 * profile.efficiency;
  const watchable = watchablePicture({ ...crop, capShortSide, fps: outFps, cleanBpp });
  const sourceChannels = info.audio?.channels ?? 2;
  const audio = sound ? audioForGoal(goal, sourceChannels, undefined, { totalKbps: roughTotal, pictureFloorKbps: watchable.kbps }) : undefined;
  const roughVideoKbps = Math.max(MIN_VIDEO_KBPS, roughTotal - (audio?.kbps ?? 0));
  const frame = chooseFrame({ ...crop, capShortSide, fps: outFps, videoKbps: roughVideoKbps, cleanBpp });
  // ...then the index for the frame rate and sound actually chosen: fewer frames, fewer entries.
  const overhead = containerOverheadBytes(durationSec, frame.fps, audio?.kbps) + subs.reserveBytes;
  const total = totalKbps(targetBytes, durationSec, overhead);
  const budgetVideoKbps = total - (audio?.kbps ?? 0);
  if (budgetVideoKbps < MIN_VIDEO_KBPS) {
    if (typeof goal.audio !== 'object') throw tooSmall;
    throw new MediaError('impossible', `With ${goal.audio.bitrateKbps} kbps of sound, ${formatBytes(targetBytes)} leaves no room for the picture.`, {
      hint: 'Ask for a lower audio bitrate, a bigger size, or mute it.',
    });
  }
  notes.push({ code: 'size-budget', targetBytes, totalKbps: total, overheadBytes: overhead, marginPercent: SAFETY_MARGIN * 100 });

  const videoKbps = Math.round(Math.min(budgetVideoKbps, usefulKbps(frame, profile.efficiency, info, audio?.kbps ?? 0)));
  if (videoKbps < budgetVideoKbps * 0.95) {
    notes.push({ code: 'bitrate-unused', usedKbps: videoKbps, availableKbps: budgetVideoKbps });
  }
  const fps = fpsCap !== undefined || frame.fps < sourceFps - 0.01 ? frame.fps : undefined;
  const fullSize = fitShortSide(crop.width, crop.height, capShortSide);
  if (frame.width < fullSize.width) {
    const bpp = bitsPerPixel(budgetVideoKbps, { ...fullSize, fps: outFps });
    notes.push({ code: 'picture-scaled', width: frame.width, height: frame.height, fullWidth: fullSize.width, fullHeight: fullSize.height, bitsPerPixel: bpp });
  }
  notes.push(pictureNote(frame, fps, video, { kbps: videoKbps, twoPass: !SINGLE_PASS_ENCODERS.includes(encoder) }));
  notes.push(dropped ?? audioNote(audio, info, goal, container, music?.volume));
  notes.push(...subtitleNotes(goal, info, subs));
  const floor = soundFloor(sourceChannels);
  if (audio && typeof goal.audio !== 'object' && audio.kbps < floor.kbps) {
    const { width, height } = watchable.frame;
    notes.push({ code: 'sound-under-floor', floorKbps: floor.kbps, floorChannels: floor.channels, pictureKbps: watchable.kbps, width, height });
  }
  const expectedBytes = Math.round(((videoKbps + (audio?.kbps ?? 0)) * 1000 * durationSec) / 8 + overhead);
  const starved = frame.width < fullSize.width || frame.fps < outFps - 0.01;
  return {
    ...base, mode: 'bitrate', width: frame.width, height: frame.height, fps, videoKbps,
    ...(hardware || !profile.targetTune ? {} : { tune: profile.targetTune }),
    audio: audio ? { mode: 'encode', ...audio, ...(soundDroppable ? { droppable: true } : {}) } : { mode: 'none' }, expectedBytes,
    ...(starved ? { fullFrame: { ...fullSize, fps: outFps } } : {}),
  };
}

/** The source's subtitle tracks the goal lets through: all of them, unless it asked for none. */
function keptSubtitles(goal: Goal, info: MediaInfo): MediaInfo['subtitles'] {
  return goal.subtitles === 'none' ? undefined : info.subtitles;
}

/** What the plan says of the subtitles: how many went with the video, or that they were removed as asked. */
function subtitleNotes(goal: Goal, info: MediaInfo, subs: SubtitlePlan): PlanNote[] {
  if (goal.subtitles === 'none' && (info.subtitles?.length ?? 0) > 0) return [{ code: 'subtitles-removed' }];
  return subs.note ? [subs.note] : [];
}

/**
 * The most bytes a quality goal may spend: the size asked for; else, for "without losing quality" of
 * a source no copy can deliver (another codec or container, HDR, a rotation...), none, since its
 * quality is the promise and an H.264 output of it may need more bytes than the source's codec;
 * else the input's own size (compressing never makes a file bigger, and a copy keeps everything).
 */
export function qualityCap(goal: Goal, plan: EncodePlan, info: MediaInfo, planOptions: PlanOptions): number | undefined {
  if (plan.targetBytes !== undefined) return plan.targetBytes;
  if (goal.quality === 'visually-lossless' && !copyFits(goal, info, planOptions)) return undefined;
  return info.sizeBytes;
}

/** Whether a copy delivers the goal at the input's own size (a source too lean to plan a size for cannot be copied either). */
function copyFits(goal: Goal, info: MediaInfo, planOptions: PlanOptions): boolean {
  try {
    return planEncode({ ...goal, targetBytes: info.sizeBytes }, info, planOptions).mode === 'copy';
  } catch (error) {
    if (error instanceof MediaError && error.kind === 'impossible') return false;
    throw error;
  }
}

/** Why the input can be copied as it is, or undefined when it must be encoded. */
function copyReason(
  goal: Goal,
  info: MediaInfo,
  video: VideoInfo,
  c: { targetBytes?: number; capShortSide: number; fpsCap?: number; trimmed: boolean; keepAudio: boolean },
): PlanNote | undefined {
  const inMp4 = /(^|,)(mp4|mov)(,|$)/.test(info.container);
  const ok =
    c.targetBytes !== undefined && info.sizeBytes <= c.targetBytes &&
    inMp4 && video.codec === 'h264' && video.bitDepth === 8 && !video.hdr &&
    (info.audio === undefined || (info.audio.codec === 'aac' && c.keepAudio && typeof goal.audio !== 'object')) &&
    (goal.container ?? 'mp4') !== 'webm' && (goal.codec ?? 'h264') === 'h264' &&
    Math.min(video.displayWidth, video.displayHeight) <= c.capShortSide &&
    c.fpsCap === undefined && !c.trimmed &&
    cropToAspect(video.displayWidth, video.displayHeight, goal.aspect).width === video.displayWidth &&
    cropToAspect(video.displayWidth, video.displayHeight, goal.aspect).height === video.displayHeight;
  if (!ok) return undefined;
  return { code: 'copied', withAudio: info.audio !== undefined, width: video.displayWidth, height: video.displayHeight, bytes: info.sizeBytes, targetBytes: c.targetBytes as number };
}

/** The audio bitrate: the goal's own, else the budget's choice (see chooseAudio), else `fixedKbps` (quality mode). */
function audioForGoal(goal: Goal, sourceChannels: number, fixedKbps?: number, budget?: { totalKbps: number; pictureFloorKbps: number }): AudioChoice {
  const channels = Math.min(2, Math.max(1, sourceChannels));
  if (typeof goal.audio === 'object') return { kbps: goal.audio.bitrateKbps, channels };
  if (budget !== undefined) return chooseAudio(budget.totalKbps, sourceChannels, budget.pictureFloorKbps);
  return { kbps: channels === 1 ? (fixedKbps as number) / 2 : (fixedKbps as number), channels };
}

/**
 * The most video bitrate worth spending: past a rich bits-per-pixel nothing improves, and a
 * compressed file should not come out bigger than its input.
 */
function usefulKbps(frame: Frame, efficiency: number, info: MediaInfo, audioKbps: number): number {
  const rich = (RICH_BPP_H264 * efficiency * frame.width * frame.height * frame.fps) / 1000;
  // 95 %: the container's own overhead comes on top of the streams.
  const inputKbps = (info.bitrate * 0.95) / 1000 - audioKbps;
  return Math.max(MIN_VIDEO_KBPS, Math.min(rich, inputKbps));
}

function pictureNote(size: { width: number; height: number }, fps: number | undefined, video: VideoInfo, bitrate?: { kbps: number; twoPass: boolean }): PlanNote {
  const sourceFps = video.avgFps;
  const rate: RateChange =
    fps !== undefined ? { kind: 'lowered', fromFps: sourceFps, toFps: fps } : video.variableFrameRate ? { kind: 'variable', aboutFps: sourceFps } : { kind: 'kept', fps: sourceFps };
  return { code: 'picture', width: size.width, height: size.height, rate, ...(bitrate ? { video: bitrate } : {}) };
}

function audioNote(audio: AudioChoice | undefined, info: MediaInfo, goal: Goal, container: string, musicVolume?: number): PlanNote {
  const codec = container === 'webm' ? 'opus' : 'aac';
  if (audio && musicVolume !== undefined) {
    return { code: 'sound-music', percent: Math.round(musicVolume * 100), overSource: info.audio !== undefined && goal.audio !== 'mute', codec, ...audio };
  }
  if (!info.audio) return { code: 'sound-none-in-source' };
  if (!audio) return goal.audio === 'mute' ? { code: 'sound-muted' } : { code: 'sound-none' };
  return { code: 'sound', codec, ...audio };
}

/** The output's codec and container (outputCodec): WebM's AV1, said in a note. */
function resolveFormat(goal: Goal, notes: PlanNote[]): { codec: Codec; container: Container } {
  const container = goal.container ?? 'mp4';
  const codec = outputCodec(goal);
  if (container === 'webm') notes.push(goal.codec && goal.codec !== codec ? { code: 'webm-codec', asked: goal.codec } : { code: 'webm' });
  return { codec, container };
}

/** The trim as seconds inside the clip (undefined when it keeps everything); impossible trims throw. */
function resolveTrim(trim: Goal['trim'], durationSec: number): { startSec: number; endSec?: number } | undefined {
  if (!trim) return undefined;
  const { startSec, endSec } = trimWindow(trim, durationSec);
  if (startSec >= durationSec) {
    throw new MediaError('impossible', `The trim starts at ${formatSeconds(startSec)} but the video is only ${formatSeconds(durationSec)} long.`, {
      hint: 'Pick a start inside the video.',
    });
  }
  if (endSec <= startSec) {
    throw new MediaError('impossible', `The trim ends (${formatSeconds(endSec)}) before it starts (${formatSeconds(startSec)}).`, {
      hint: 'Give an end after the start.',
    });
  }
  if (startSec === 0 && endSec >= durationSec) return undefined;
  return endSec < durationSec ? { startSec, endSec } : { startSec };
}
