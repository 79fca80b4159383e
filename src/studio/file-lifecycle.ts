import { stat } from 'node:fs/promises';
import { CanceledError, MediaError } from '../errors.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import type { Goal } from '../goal/types.js';
import { sizeCap } from '../wire/size-cap.js';
import type { Delivered } from '../engine/export-session.js';
import type { Lifecycle } from '../engine/engine.js';
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

async function runFile(engine: Lifecycle, input: string, goal: Goal, options: { goalText?: string; outDir: string; replace?: boolean; signal?: AbortSignal }): Promise<FileResult> {
  const job = engine.addJob(input, goal, goal.targetBytes);
  const controller = engine.controllerFor(job.id);
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  try {
    const size = await inputSize(input);
    const cap = sizeCap(goal, size);
    const fallbackGoal = cap === undefined ? goal : { ...goal, targetBytes: cap };
    const session = await engine.newSession({ jobId: job.id, signal });
    engine.updateJob({ type: 'phase', id: job.id, status: 'uploading', at: Date.now() });
    await engine.upload([input], { session, jobId: job.id, signal });
    if (options.goalText !== undefined) {
      engine.updateJob({ type: 'phase', id: job.id, status: 'thinking', at: Date.now() });
      await engine.send(options.goalText, { session, jobId: job.id, signal });
    }
    const [delivered] = await engine.exportDraft({
      session,
      outDir: options.outDir,
      jobIds: [job.id],
      names: [defaultOutputName(input, 'mp4')],
      fallbackGoal,
      replace: options.replace,
      signal,
    });
    return { ...delivered, input };
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
