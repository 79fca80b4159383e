import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { diskProblem, MediaError } from '../errors.js';
import { audioOnlyArgs, audioOnlyExtension, encodeArgs, isTwoPass, subtitleOnlyArgs, withoutEncoderInfoArgs, type PickedFrames } from './encode-args.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { leanerPlan, lowerPlan, raisePlan, withMeasuredAudio } from './size-retry.js';
import { formatBytes } from '../units.js';
import { SAFETY_MARGIN, tooSmallHint } from './target-budget.js';
import type { Container } from '../goal/types.js';
import type { PlanNote } from './plan-notes.js';
import type { EncodePlan, MediaInfo } from './types.js';
import { scratchFolder } from './scratch.js';
import type { PickedCheck } from './verify-output.js';

/** Where and how to run one encode. */
export type EncodeOptions = {
  /** Folder the hidden temp output is written in (the final folder, so the rename is cheap). */
  outDir: string;
  signal?: AbortSignal;
  /** The part of the caller's progress bar this encode fills. */
  span?: ProgressSpan;
  /** Where the pass logs' private folder goes (see CompressOptions.scratchDir). */
  scratchDir?: string;
  /** The frames the first run (pass 1, or the only one) should also write for the output's check, for the plan it runs (none when undefined). */
  pick?: (plan: EncodePlan) => (PickedCheck & PickedFrames) | undefined;
};

const EXTENSIONS: Record<Container, string> = { mp4: 'mp4', webm: 'webm', mov: 'mov', mkv: 'mkv' };

/**
 * A finished encode: a hidden temp file the caller renames into place (or removes), and the
 * frames it wrote for the check (EncodeOptions.pick) when it wrote them.
 */
export type EncodeOutcome = { tempFile: string; bytes: number; plan: EncodePlan; attempts: number; picked?: PickedCheck };

/**
 * Encodes over the size target before giving up (each retry is lower). Encodes the encoder refused
 * as under its floor do not count: each of those makes the picture leaner, which ends.
 */
const MAX_MISSES = 5;

/**
 * Runs `plan` on the input into a hidden temp file in `outDir`, then checks the real size: a
 * bitrate plan that came out over its target is re-encoded lower until it fits. Never uses
 * ffmpeg's `-fs` (it would cut the video short). On failure or abort nothing is left behind:
 * no temp output, no pass logs.
 */
export async function encode(plan: EncodePlan, info: MediaInfo, options: EncodeOptions): Promise<EncodeOutcome> {
  // The extension comes from a fixed table, never from the plan's text: a container that is not
  // one of ours must not become part of a path (it could hold "../").
  if (!Object.hasOwn(EXTENSIONS, plan.container)) throw new MediaError('failed', 'The output format is not one this build can write.', { hint: 'Choose MP4, WebM, MOV or MKV.' });
  const ext = EXTENSIONS[plan.container];
  await mkdir(options.outDir, { recursive: true });
  const tempFile = tempOutput(options.outDir, ext);
  // Pass logs, the pre-encoded sound and the cut subtitles live in a private folder, removed whatever happens.
  const cutSubtitles = plan.trim !== undefined && (plan.subtitles?.length ?? 0) > 0;
  const workDir = plan.mode === 'bitrate' || cutSubtitles ? await scratchFolder('passlog', options.scratchDir) : undefined;
  const span = options.span ?? progressSpan(undefined);
  // The sound is encoded apart, beside pass 1 (which does not use it), and weighed before the
  // first encode that writes it, so the picture gets every byte the sound did not use.
  const audio = workDir && plan.mode === 'bitrate' && plan.audio.mode === 'encode' ? soundAlongside(plan, info, workDir, options.signal) : undefined;
  try {
    const subtitleFile = workDir && cutSubtitles ? await subtitlesCut(plan, info, workDir, options.signal) : undefined;
    let current = plan;
    const audioFile = audio?.file;
    let unweighed = audio;
    const weigh = async (next: EncodePlan) => {
      if (!unweighed) return next;
      const bytes = await unweighed.bytes;
      unweighed = undefined;
      return withMeasuredAudio(next, bytes);
    };
    const sourceFps = info.video?.avgFps ?? 30;
    let passOneFor: string | undefined;
    let picked: PickedCheck | undefined;
    let misses = 0;
    for (let attempt = 1; ; attempt++) {
      // The first attempt fills most of the bar; each retry fills half of what is left.
      const attemptSpan = attempt === 1 ? span.slice(0, 0.9) : span.slice(1 - 0.1 * 0.5 ** (attempt - 2), 1 - 0.1 * 0.5 ** (attempt - 1));
      const phase = attempt === 1 ? undefined : 'retry';
      // Sound dropped by a leaner plan stays out of the file.
      const sound = current.audio.mode === 'encode' ? audioFile : undefined;
      if (workDir && isTwoPass(current)) {
        const prefix = path.join(workDir, 'pass');
        // Pass 1 analyses the picture, not the bitrate: a retry at the same size reuses it.
        const frameKey = `${current.width}x${current.height}@${current.fps}`;
        if (passOneFor !== frameKey) {
          const passOne = (frames?: PickedFrames) =>
            run(encodeArgs(current, info, { kind: 'pass1', passLogPrefix: prefix, ...(frames ? { picked: frames } : {}) }, tempFile), current, attemptSpan.slice(0, 0.4), phase ?? 'pass1', options.signal);
          picked = await pickingFrames(options.pick?.(current), passOne, options.signal);
          passOneFor = frameKey;
        }
        current = await weigh(current);
        const pass2 = encodeArgs(current, info, { kind: 'pass2', passLogPrefix: prefix, audioFile: sound, subtitleFile }, tempFile);
        try {
          await run(pass2, current, attemptSpan.slice(0.4, 1), phase ?? 'pass2', options.signal);
        } catch (error) {
          current = leanerUnderFloor(error, current, sourceFps);
          continue;
        }
      } else {
        current = await weigh(current);
        const single = (frames?: PickedFrames) =>
          run(encodeArgs(current, info, { kind: 'single', audioFile: sound, subtitleFile, ...(frames ? { picked: frames } : {}) }, tempFile), current, attemptSpan, phase ?? (plan.mode === 'copy' ? 'copy' : 'encode'), options.signal);
        picked = await pickingFrames(options.pick?.(current), single, options.signal);
      }
      const target = current.targetBytes;
      let bytes = (await stat(tempFile)).size;
      // A miss by less than x264's settings text is mended by leaving that text out, not by another pass.
      if (current.mode === 'bitrate' && current.codec === 'h264' && target !== undefined && bytes > target && bytes - target <= ENCODER_INFO_BYTES) {
        bytes = await withoutEncoderInfo(tempFile, bytes, current, options.signal);
      }
      if (current.mode === 'copy' && target !== undefined && bytes > target) return { tempFile, ...(await inputAsIs(current, info, bytes, tempFile)), attempts: attempt };
      if (current.mode !== 'bitrate' || target === undefined || bytes <= target) {
        const landed = { tempFile, bytes, plan: current, attempts: attempt, ...(picked ? { picked } : {}) };
        if (!workDir || !isTwoPass(current)) return landed;
        const secondPass = { passLogPrefix: path.join(workDir, 'pass'), audioFile: sound, subtitleFile, outDir: options.outDir, ext };
        return await toppedUp(landed, info, secondPass, span.slice(0.9, 0.98), options.signal);
      }
      misses++;
      if (misses >= MAX_MISSES) {
        throw new MediaError('failed', `After ${attempt} tries the output is still ${formatBytes(bytes)}, over ${formatBytes(target)}.`, {
          hint: 'Ask for a bigger size or a lower resolution.',
        });
      }
      current = lowerPlan(current, bytes, misses, sourceFps);
    }
  } catch (error) {
    await audio?.stop();
    await rm(tempFile, { force: true });
    throw error;
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Runs an encode's first run writing the frames `wanted` for the check, and returns them. They are
 * only a shortcut for the check, so a run the disk refused them (full, over quota, read-only, a file
 * too large: diskProblem) runs again without, and none come back. Any other failure is the encode's
 * own: it is not waited for twice.
 */
async function pickingFrames(wanted: (PickedCheck & PickedFrames) | undefined, runWith: (frames?: PickedFrames) => Promise<void>, signal?: AbortSignal): Promise<PickedCheck | undefined> {
  if (wanted) {
    try {
      await runWith(wanted);
      return wanted;
    } catch (error) {
      if (signal?.aborted || !diskProblem(error)) throw error;
    }
  }
  await runWith();
  return undefined;
}

/** The plan's subtitle tracks cut to its trim, in a file of the output's container in `workDir` (see subtitleOnlyArgs). */
async function subtitlesCut(plan: EncodePlan, info: MediaInfo, workDir: string, signal?: AbortSignal): Promise<string> {
  const file = path.join(workDir, `subtitles.${EXTENSIONS[plan.container]}`);
  await runFfmpeg(subtitleOnlyArgs(plan, info, file), { signal });
  return file;
}

/** The sound's own encode, started now: its file, its bytes once written, and a stop that waits for its ffmpeg to end. */
type SoundEncode = { file: string; bytes: Promise<number>; stop(): Promise<void> };

function soundAlongside(plan: EncodePlan, info: MediaInfo, workDir: string, signal?: AbortSignal): SoundEncode {
  const file = path.join(workDir, `audio.${audioOnlyExtension(plan)}`);
  const own = new AbortController();
  const cancel = () => own.abort();
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) own.abort();
  const bytes = runFfmpeg(audioOnlyArgs(plan, info, file), { signal: own.signal, durationSec: plan.durationSec })
    .then(async () => (await stat(file)).size)
    .finally(() => signal?.removeEventListener('abort', cancel));
  // Awaited only once pass 1 is done: until then a failure waits there, not as an unhandled rejection.
  bytes.catch(() => undefined);
  return {
    file,
    bytes,
    async stop() {
      own.abort();
      await bytes.catch(() => undefined);
    },
  };
}

/** Bytes an H.264 output sheds without its SEI units (x264 writes its settings there: 700–750 bytes). */
export const ENCODER_INFO_BYTES = 600;

/**
 * Rewrites `file` without its SEI units (withoutEncoderInfoArgs) and returns its size: the
 * rewrite's when it came out smaller (it replaces the file), else the old one. A rewrite that fails
 * leaves the file as it was; only a cancel passes through.
 */
async function withoutEncoderInfo(file: string, bytes: number, plan: EncodePlan, signal?: AbortSignal): Promise<number> {
  const rewritten = tempOutput(path.dirname(file), path.extname(file).slice(1));
  try {
    await runFfmpeg(withoutEncoderInfoArgs(plan, file, rewritten), { signal });
    const smaller = (await stat(rewritten)).size;
    if (smaller >= bytes) return bytes;
    await rename(rewritten, file);
    return smaller;
  } catch (error) {
    if (signal?.aborted) throw error;
    return bytes;
  } finally {
    await rm(rewritten, { force: true });
  }
}

/** A hidden temp name in the output folder, so the final rename stays on one disk. */
function tempOutput(outDir: string, ext: string): string {
  return path.join(outDir, `.compressing-${randomBytes(6).toString('hex')}.${ext}`);
}

/**
 * An encode that landed well under what its plan expected gets one more second pass at a raised
 * bitrate (pass 1 reused), into a temp of its own: it replaces the first only if it is under the
 * target too. Either way one temp is left, the one returned.
 */
async function toppedUp(
  landed: EncodeOutcome,
  info: MediaInfo,
  pass: { passLogPrefix: string; audioFile?: string; subtitleFile?: string; outDir: string; ext: string },
  span: ProgressSpan,
  signal?: AbortSignal,
): Promise<EncodeOutcome> {
  const raised = raisePlan(landed.plan, landed.bytes);
  const target = landed.plan.targetBytes;
  if (!raised || target === undefined) return landed;
  const topFile = tempOutput(pass.outDir, pass.ext);
  try {
    await run(encodeArgs(raised, info, { kind: 'pass2', passLogPrefix: pass.passLogPrefix, audioFile: pass.audioFile, subtitleFile: pass.subtitleFile }, topFile), raised, span, 'pass2', signal);
    const bytes = (await stat(topFile)).size;
    if (bytes > target) {
      await rm(topFile, { force: true });
      return landed;
    }
    await rm(landed.tempFile, { force: true });
    return { ...landed, tempFile: topFile, bytes, plan: raised, attempts: landed.attempts + 1 };
  } catch (error) {
    await rm(topFile, { force: true });
    // The first encode is good: an x264 refusal of the raised rate only loses the extra.
    if (error instanceof MediaError && error.kind === 'failed' && !signal?.aborted) return landed;
    throw error;
  }
}

/**
 * A copy is planned only for an input that fits, but rewriting its container can add a few KB (an
 * edit list, a moved index): the input's own bytes then take the rewrite's place.
 */
async function inputAsIs(plan: EncodePlan, info: MediaInfo, rewrittenBytes: number, tempFile: string): Promise<{ bytes: number; plan: EncodePlan }> {
  await copyFile(info.path, tempFile);
  const note: PlanNote = { code: 'copied-as-is', grewBytes: rewrittenBytes - info.sizeBytes, targetBytes: plan.targetBytes ?? 0 };
  return { bytes: (await stat(tempFile)).size, plan: { ...plan, notes: [...plan.notes, note] } };
}

/**
 * After a failed second pass: when x264 refused the bitrate as under its floor for this frame, a
 * leaner plan to try next, else the clear refusal; any other error passes through.
 */
function leanerUnderFloor(error: unknown, plan: EncodePlan, sourceFps: number): EncodePlan {
  const tooLow = belowEncoderMinimum(error, plan);
  if (!tooLow) throw error;
  const next = leanerPlan(plan, sourceFps);
  if (!next) throw tooLow;
  return { ...next.plan, notes: [...plan.notes, { code: 'under-encoder-floor', kbps: plan.videoKbps ?? 0, width: plan.width, height: plan.height, change: next.change }] };
}

/**
 * x264 refuses a bitrate under what its first pass says the picture needs at all; that is the
 * goal being impossible (not ffmpeg failing), and the minimum it names says what would work.
 */
function belowEncoderMinimum(error: unknown, plan: EncodePlan): MediaError | undefined {
  const minimum = error instanceof MediaError ? /requested bitrate is too low\. estimated minimum is (\d+) kbps/.exec(error.stderrTail ?? '') : null;
  if (!minimum || plan.targetBytes === undefined) return undefined;
  const audioKbps = plan.audio.mode === 'encode' ? plan.audio.kbps : 0;
  const streamBytes = (kbps: number) => (kbps * 1000 * plan.durationSec) / 8;
  const overhead = (plan.expectedBytes ?? 0) - streamBytes((plan.videoKbps ?? 0) + audioKbps);
  const needed = streamBytes(Number(minimum[1]) + 1 + audioKbps) / (1 - SAFETY_MARGIN) + overhead;
  const smallest = formatBytes(Math.max(needed, plan.targetBytes * 1.05));
  return new MediaError('impossible', `${formatBytes(plan.targetBytes)} is too small for this video: even at ${plan.width}x${plan.height} the picture needs about ${minimum[1]} kbps, so the smallest this can be is about ${smallest}.`, {
    hint: tooSmallHint(smallest, audioKbps > 0),
    cause: error,
  });
}

async function run(args: string[], plan: EncodePlan, span: ProgressSpan, phase: 'pass1' | 'pass2' | 'encode' | 'copy' | 'retry', signal?: AbortSignal): Promise<void> {
  span.report(phase, 0);
  await runFfmpeg(args, { signal, durationSec: plan.durationSec, onProgress: span.ffmpeg(phase) });
  span.report(phase, 1);
}
