import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue, QueueEvents, QueueEventsProducer, type Job } from 'bullmq';
import { StudioError } from '../errors.js';
import type { ProduceOptions } from '../server/producer.js';
import type { RenderBackend } from '../server/render-backend.js';
import type { ProducedFile } from '../server/render-job.js';
import type { RenderItem } from '../server/render-items.js';
import type { RenderRecord } from '../server/render-record.js';
import type { AbortReason } from '../server/renders.js';
import { backoffMs, sleep } from './backoff.js';
import { connectionFor, logErrorsOnce } from './connection.js';
import { CANCEL_EVENT, jobIdFor, QUEUE_NAME, readWorkerProgress, type RenderJobData, type RenderJobResult } from './protocol.js';
import type { RedisAddress } from './redis-url.js';
import { planItemSchema } from '../wire/plan.js';
import { planNotesSchema } from '../wire/plan-notes.js';
import { readWire } from '../wire/read.js';
import { addWorkerRoutes } from './worker-routes.js';

/** How often the node looks at a job it waits for, besides the queue's events (which a restart can miss). */
const POLL_MS = 1000;

/** A job the node waits for: its items (what its worker may read) and whom to tell of its place in line and progress. */
type Waiter = Pick<ProduceOptions, 'onProgress' | 'onWaiting' | 'onStarted'> & { items: RenderItem[]; wake: () => void };

/** The queue settings of `serve --queue`. */
export type QueueBackendOptions = { redis: RedisAddress; dataDir: string; workerKey: string; log: (line: string) => void };

/**
 * The node's side of the queue: each render becomes a BullMQ job (id stable across node restarts,
 * so a restarted node finds its queued and running jobs instead of adding them again), progress
 * comes back through queue events, and the output is taken from the attempt that completed.
 */
export async function openQueueBackend(options: QueueBackendOptions): Promise<RenderBackend> {
  const connection = connectionFor(options.redis, options.log);
  const queue = new Queue<RenderJobData, RenderJobResult>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const producer = new QueueEventsProducer(QUEUE_NAME, { connection });
  const onError = logErrorsOnce(options.log);
  queue.on('error', onError);
  events.on('error', onError);
  producer.on('error', onError);
  const waiters = new Map<string, Waiter>();
  events.on('progress', ({ jobId, data }) => {
    const waiter = waiters.get(jobId);
    const progress = readWorkerProgress(data);
    if (!progress || !waiter) return;
    waiter.onStarted?.();
    waiter.onProgress(progress.percent, progress.items);
  });
  events.on('active', ({ jobId }) => waiters.get(jobId)?.wake());
  events.on('completed', ({ jobId }) => waiters.get(jobId)?.wake());
  events.on('failed', ({ jobId }) => waiters.get(jobId)?.wake());
  const incomingRoot = join(options.dataDir, 'incoming');
  const incomingDir = (jobId: string, attempt?: string) => join(incomingRoot, jobId, ...(attempt ? [attempt] : []));

  /**
   * Where a waiting job stands: 1 when a worker takes it next. Workers take from the wait list's
   * right end and new jobs go in at the left, so it is the count from the right; undefined once a
   * worker has it. Two list reads in Redis, no job data.
   */
  const placeOf = async (jobId: string): Promise<number | undefined> => {
    const client = await queue.client;
    const [length, index] = await Promise.all([client.llen(queue.keys.wait), client.lpos(queue.keys.wait, jobId)]);
    return index === null ? undefined : length - index;
  };

  /** The job's result once it completed; undefined while it waits or runs (it is added when missing). */
  const look = async (jobId: string, waiter: Waiter): Promise<RenderJobResult | undefined> => {
    const job: Job<RenderJobData, RenderJobResult> | undefined = await queue.getJob(jobId);
    if (!job) {
      await queue.add('render', { items: waiter.items }, { jobId, attempts: 1, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 86_400 } });
      options.log(`job ${jobId}: queued for the workers`);
      waiter.onWaiting?.(await placeOf(jobId));
      return undefined;
    }
    const state = await job.getState();
    if (state === 'waiting') waiter.onWaiting?.(await placeOf(jobId));
    else if (state === 'delayed' || state === 'prioritized' || state === 'waiting-children') waiter.onWaiting?.();
    else waiter.onStarted?.();
    if (state === 'completed') return job.returnvalue;
    if (state === 'failed') {
      const sentence = failureSentence(job.failedReason);
      if (sentence !== job.failedReason) options.log(`job ${jobId}: failed on a worker: ${job.failedReason}`);
      throw new StudioError(sentence);
    }
    return undefined;
  };

  /** The completed attempt's files, moved into the job's work folder; undefined when they are gone (taken before a crash). */
  const collect = async (jobId: string, result: RenderJobResult, workDir: string): Promise<ProducedFile[] | undefined> => {
    const produced: ProducedFile[] = [];
    for (const file of result.files) {
      const from = join(incomingDir(jobId, result.attempt), file.name);
      const size = await stat(from).then((stats) => stats.size, () => undefined);
      if (size !== file.size) return undefined;
      const path = join(workDir, file.name);
      await rename(from, path);
      // The plan and notes come through Redis from another process: read, not trusted (an older worker sends neither).
      const plan = readWire(planItemSchema, file.plan);
      const planNotes = readWire(planNotesSchema, file.planNotes);
      produced.push({ path, ext: file.name.slice(file.name.lastIndexOf('.')), size, notes: file.notes, ...(planNotes.ok ? { planNotes: planNotes.value } : {}), ...(plan.ok ? { plan: plan.value } : {}) });
    }
    return produced;
  };

  const cancel = async (jobId: string): Promise<void> => {
    try {
      const job = await queue.getJob(jobId);
      const state = await job?.getState();
      if (job && (state === 'waiting' || state === 'delayed' || state === 'prioritized')) await job.remove();
      else await producer.publishEvent({ eventName: CANCEL_EVENT, jobId });
    } catch (error) {
      options.log(`could not cancel job ${jobId} on the queue: ${(error as Error).message}`);
    }
  };

  const produce = async (record: RenderRecord, { workDir, signal, onProgress, onWaiting, onStarted }: ProduceOptions): Promise<ProducedFile[]> => {
    const jobId = jobIdFor(record);
    let wake = () => {};
    const waiter: Waiter = { items: record.items, onProgress, onWaiting, onStarted, wake: () => wake() };
    // Until the queue says otherwise the job waits for a worker: not a render at 0 %.
    onWaiting?.();
    waiters.set(jobId, waiter);
    // One listener for the whole wait: a Redis call may hang until a reconnect, a stop must not.
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => {
      reject(signal.reason);
      wake();
    }, { once: true }));
    aborted.catch(() => undefined);
    let failures = 0;
    try {
      for (;;) {
        signal.throwIfAborted();
        let result: RenderJobResult | undefined;
        try {
          result = await Promise.race([look(jobId, waiter), aborted]);
          failures = 0;
        } catch (error) {
          if (signal.aborted || error instanceof StudioError) throw error;
          failures += 1;
          options.log(`job ${jobId}: the queue did not answer (${(error as Error).message}); trying again.`);
          await sleep(backoffMs(failures), signal);
          continue;
        }
        if (result) {
          const files = await collect(jobId, result, workDir);
          if (files) {
            options.log(`job ${jobId}: output received from a worker`);
            return files;
          }
          // Completed, but its files were taken before the node went down unrecorded: render it again.
          await (await queue.getJob(jobId))?.remove();
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } catch (error) {
      // A node that stops leaves the job to the workers; only the user's cancel stops it there.
      if (signal.aborted && (signal.reason as AbortReason) === 'canceled') await cancel(jobId);
      throw error;
    } finally {
      waiters.delete(jobId);
      await rm(incomingDir(jobId), { recursive: true, force: true });
    }
  };

  await rm(incomingRoot, { recursive: true, force: true });
  return {
    produce,
    // The workers decide how many run at once; the node only bounds how many it watches.
    concurrency: 10_000,
    addRoutes: (router, services) =>
      addWorkerRoutes(router, services, {
        workerKey: options.workerKey,
        awaitedItems: (jobId) => waiters.get(jobId)?.items,
        restoring: () => services.renders.restoring,
        incomingDir,
      }),
    close: async () => {
      await Promise.all([queue.close(), events.close(), producer.close()]);
    },
  };
}

/** What no sentence for the user may carry: a job or file id, an address, a path of some machine, a second line. */
const INTERNAL_WORDS = [/\b[a-z]{1,2}_?[0-9a-f]{32}\b/i, /\b[a-z][a-z0-9+.-]*:\/\//i, /(?:^|[\s(:'"=])(?:\/|[A-Za-z]:\\)[^\s'"]+/, /[\r\n]/];

/**
 * A failed job's reason as the user reads it: the worker's sentence, or what the queue itself gave
 * up on. A reason that carries ids, addresses or paths (an older worker's, or an error nobody
 * worded) is not the user's to read: they get a plain sentence, and the node's log the reason.
 */
export function failureSentence(reason: string | undefined): string {
  if (!reason) return 'The render failed on a worker without saying why.';
  if (/stalled more than allowable limit/i.test(reason)) return 'The render was cut short on several workers in a row (each went away mid-render), so it was given up.';
  if (INTERNAL_WORDS.some((pattern) => pattern.test(reason))) return "The render failed on a worker; the node's operator can see why in its log.";
  return reason;
}
