import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CanceledError, MediaError, StudioError } from '../errors.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import type { Goal } from '../goal/types.js';
import { sizeCap } from '../wire/size-cap.js';
import { draftMedia, repointMedia, type Draft } from '../wire/draft.js';
import type { Delivered } from '../engine/export-session.js';
import type { JobRecord, ResumePoint } from '../store/types.js';
import type { Lifecycle } from '../engine/engine.js';
import type { Session } from '../engine/session.js';
import { defaultOutputName } from '../media/place-output.js';

/** One file's result: where it landed and the size it had to stay under. */
export type FileResult = Delivered & { input: string };

/**
 * One file through the whole lifecycle in a session of its own — session, upload, the goal as a
 * message, export, download — as a job (`run` and the watch folder use this). Errors become the
 * job's failure and an `error` event with one sentence, then are thrown.
 */
export async function processFile(engine: Lifecycle, input: string, options: { goalText: string; outDir: string; replace?: boolean; signal?: AbortSignal }): Promise<FileResult> {
  return runFile(engine, input, parseInstruction(options.goalText).goal, options);
}

/**
 * A job run again from the history: the same input, to the Goal it recorded, as a new job in a
 * session of its own. No instruction is sent: the upload puts the file in the draft, and the
 * recorded Goal is the whole plan (a reply could read it differently the second time).
 */
export async function retryFile(engine: Lifecycle, input: string, goal: Goal, options: { outDir: string; signal?: AbortSignal }): Promise<FileResult> {
  return runFile(engine, input, goal, options);
}

/**
 * A job run again from the history by rendering the draft it recorded once more, in the session
 * it rendered in (which holds its media): titles, music, trims and mute as they were, whatever the
 * session's timeline became since. Into `outDir`, under the file name it recorded. A node that has
 * lost that session (restarted on wiped data) gets the draft's files again in a new one, found by
 * the names the draft gives them (`locate`: a name to a path here); a file not found fails the job
 * with one line that names it.
 */
export async function replayJob(
  engine: Lifecycle,
  job: Pick<JobRecord, 'input' | 'goal'> & { resume: ResumePoint & { sessionId: string; draft: Draft } },
  options: { outDir: string; locate: (name: string) => string | undefined; signal?: AbortSignal },
): Promise<FileResult> {
  const { resume } = job;
  const goal = job.goal ?? {};
  return asJob(engine, job.input, goal, options.signal, async (jobId, signal) => {
    const kept = await engine.hasSession(resume.sessionId, signal);
    const { session, draft }: { session: Session; draft: Draft } = kept
      ? { session: { id: resume.sessionId, uploads: [], folders: {}, jobId }, draft: resume.draft }
      : await uploadAgain(engine, job.input, resume.draft, options.locate, jobId, signal);
    // Its notes in the words its instruction was written in.
    if (resume.language) session.language = resume.language;
    const names = resume.fileName === undefined ? undefined : [resume.fileName];
    const [delivered] = await engine.exportDraft({ session, draft, outDir: options.outDir, jobIds: [jobId], names, fallbackGoal: goal, replace: resume.replace, signal });
    return delivered;
  });
}

// The draft's files uploaded into a new session, and the draft pointed at them.
async function uploadAgain(engine: Lifecycle, input: string, draft: Draft, locate: (name: string) => string | undefined, jobId: string, signal: AbortSignal): Promise<{ session: Session; draft: Draft }> {
  const media = draftMedia(draft);
  const found = media.flatMap(({ src, name }) => {
    const path = name === undefined ? undefined : locate(name);
    return path === undefined ? [] : [{ src, path }];
  });
  const missing = media.find((item) => !found.some((file) => file.src === item.src));
  if (missing) {
    const what = missing.name === undefined ? 'a file it used' : `${missing.name} is not found here`;
    throw new StudioError(`Cannot retry ${basename(input)} as it was rendered: the node no longer has its files, and ${what}.`, { hint: 'Upload the files again to redo it.' });
  }
  const paths = [...new Set(found.map((file) => file.path))];
  engine.notify(`The node no longer has the files of ${basename(input)}: uploading them again.`);
  const session = await engine.newSession({ jobId, signal });
  engine.updateJob({ type: 'phase', id: jobId, status: 'uploading', at: Date.now() });
  const files = await engine.upload(paths, { session, jobId, signal });
  const ids = new Map(found.map((file) => [file.src, files[paths.indexOf(file.path)].mediaId]));
  return { session, draft: repointMedia(draft, ids) };
}

async function runFile(engine: Lifecycle, input: string, goal: Goal, options: { goalText?: string; outDir: string; replace?: boolean; signal?: AbortSignal }): Promise<FileResult> {
  return asJob(engine, input, goal, options.signal, async (jobId, signal) => {
    const size = await inputSize(input);
    const cap = sizeCap(goal, size);
    const fallbackGoal = cap === undefined ? goal : { ...goal, targetBytes: cap };
    const session = await engine.newSession({ jobId, signal });
    engine.updateJob({ type: 'phase', id: jobId, status: 'uploading', at: Date.now() });
    await engine.upload([input], { session, jobId, signal });
    if (options.goalText !== undefined) {
      engine.updateJob({ type: 'phase', id: jobId, status: 'thinking', at: Date.now() });
      await engine.send(options.goalText, { session, jobId, signal });
    }
    const [delivered] = await engine.exportDraft({ session, outDir: options.outDir, jobIds: [jobId], names: [defaultOutputName(input, 'mp4')], fallbackGoal, replace: options.replace, signal });
    return delivered;
  });
}

// One file's work as a new job, canceled by its own controller or `outer`: its errors become the
// job's failure and an `error` event with one sentence, then are thrown.
async function asJob(engine: Lifecycle, input: string, goal: Goal, outer: AbortSignal | undefined, work: (jobId: string, signal: AbortSignal) => Promise<Delivered>): Promise<FileResult> {
  const job = engine.addJob(input, goal, goal.targetBytes);
  const controller = engine.controllerFor(job.id);
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  try {
    return { ...(await work(job.id, signal)), input };
  } catch (error) {
    const final = signal.aborted ? new CanceledError() : error;
    const sentence = engine.report(final, job.id);
    engine.updateJob(signal.aborted ? { type: 'canceled', id: job.id, at: Date.now() } : { type: 'failed', id: job.id, error: sentence, at: Date.now() });
    throw final;
  }
}

// Checked here so a missing file is one clear line, not an upload error.
async function inputSize(input: string): Promise<number> {
  try {
    const info = await stat(input);
    if (!info.isFile()) throw new MediaError('unsupported', `${input} is not a file.`, { hint: 'Give the path of a video file.' });
    return info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MediaError('not-found', `${input} does not exist.`, { hint: 'Check the path.' });
    throw error;
  }
}
