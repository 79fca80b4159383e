import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DelayedError, QueueEvents, Worker, type Job, type QueueEventsListener } from 'bullmq';
import { CanceledError, describeError } from '../errors.js';
import { clientSentence } from '../server/envelope.js';
import { capabilities } from '../media/capabilities.js';
import { scratchFolder } from '../media/scratch.js';
import { workerPlanNote } from '../server/plan-item.js';
import { planNoteText } from '../wire/plan-note-words.js';
import type { PlanNote } from '../wire/plan-notes.js';
import type { RenderItem } from '../server/render-items.js';
import { produceFiles, type ProducedFile } from '../server/render-job.js';
import { planItemSchema } from '../wire/plan.js';
import { readWire } from '../wire/read.js';
import { connectionFor, logErrorsOnce } from './connection.js';
import { fetchInput, NodeRefusal, sha256Of, uploadOutput, type NodeLink } from './node-link.js';
import { CANCEL_EVENT, inputsOf, outputName, QUEUE_NAME, type RenderJobData, type RenderJobResult, type UploadedFile, type WorkerProgress } from './protocol.js';
import { redisLabel, type RedisAddress } from './redis-url.js';

/** How a worker runs. `stallSeconds`: how soon a job whose worker vanished goes to another (BullMQ's lock). */
export type WorkerOptions = {
  redis: RedisAddress;
  node: { base: string; key: string };
  concurrency: number;
  stallSeconds: number;
  log: (line: string) => void;
};

/** The node's cancel broadcast, as QueueEvents delivers a custom event. */
interface CancelListener extends QueueEventsListener {
  [CANCEL_EVENT]: (args: { jobId: string }) => void;
}

/** A running worker. */
export type RenderWorker = { close(): Promise<void> };

/** Progress goes to Redis at most this often: every ffmpeg tick would be a write each. */
const PROGRESS_EVERY_MS = 500;

/**
 * Takes render jobs from the queue: fetches the inputs from the node, runs the media core here, and
 * uploads the outputs back. A job whose worker dies is taken over by another once its lock runs
 * out (BullMQ's stalled-job check), and starts clean there; the node keeps only the attempt that
 * completed, so a job never yields two outputs.
 */
export async function startWorker(options: WorkerOptions): Promise<RenderWorker> {
  const connection = connectionFor(options.redis, options.log);
  const link: NodeLink = { ...options.node, log: options.log };
  const lockDuration = options.stallSeconds * 1000;
  const worker = new Worker<RenderJobData, RenderJobResult>(QUEUE_NAME, (job, token, signal) => runJob(job, token, link, signal ?? new AbortController().signal), {
    connection,
    concurrency: options.concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 2,
  });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const onError = logErrorsOnce(options.log);
  worker.on('error', onError);
  events.on('error', onError);
  // A cancel is broadcast; only the worker running the job has it to stop.
  events.on<CancelListener, typeof CANCEL_EVENT>(CANCEL_EVENT, ({ jobId }) => {
    if (worker.cancelJob(jobId, 'canceled')) options.log(`job ${jobId}: canceled by the node; ffmpeg stopped.`);
  });
  worker.on('active', (job) => options.log(`job ${job.id}: started`));
  worker.on('completed', (job) => options.log(`job ${job.id}: done`));
  worker.on('failed', (job, error) => options.log(`job ${job?.id}: failed: ${error.message}`));
  await worker.waitUntilReady();
  options.log(`Worker taking renders from ${redisLabel(options.redis)} for the node at ${options.node.base} (${options.concurrency} at once).`);
  return {
    close: async () => {
      // Running jobs go straight back to the queue for another worker, rather than waiting out their lock.
      worker.cancelAllJobs(STOPPING);
      await Promise.all([worker.close(), events.close()]);
    },
  };
}

/**
 * The note, in the render's English, when this worker planned an item otherwise than the node
 * promised. The worker plans with its own ffmpeg, and says so when that changed the plan, rather
 * than the node planning with what its workers advertise: the node cannot know which worker takes
 * a job, advertised capabilities go stale (a worker joins, leaves, or its GPU stops encoding), and
 * planning for the weakest worker would take the better encoders from every render. The worker is
 * the one that knows what its ffmpeg can do when the render runs, so it decides, and tells.
 */
function brokenPromise(item: RenderItem | undefined, file: ProducedFile, encoders: readonly string[]): PlanNote | undefined {
  // The promise comes through Redis from another process (an older node sends none): read, not trusted.
  const promised = readWire(planItemSchema, item?.promised);
  if (!promised.ok || !file.planned) return undefined;
  return workerPlanNote(promised.value, file.planned, encoders);
}

/** The abort reason when the worker itself stops (a cancel from the node says 'canceled'). */
const STOPPING = 'worker stopping';

/** One job, start to finish, in its own temp folder (removed whatever happens). */
async function runJob(job: Job<RenderJobData, RenderJobResult>, token: string | undefined, link: NodeLink, signal: AbortSignal): Promise<RenderJobResult> {
  const jobId = job.id!;
  const dir = await scratchFolder('worker');
  try {
    const mediaDir = join(dir, 'media');
    const workDir = join(dir, 'work');
    await mkdir(mediaDir);
    await mkdir(workDir);
    for (const mediaId of inputsOf(job.data.items)) await fetchInput(link, jobId, mediaId, join(mediaDir, mediaId), signal);
    let sentAt = 0;
    const produced = await produceFiles(job.data.items, {
      mediaDir,
      workDir,
      signal,
      onProgress: (percent, items) => {
        if (Date.now() - sentAt < PROGRESS_EVERY_MS) return;
        sentAt = Date.now();
        void job.updateProgress({ percent: Math.floor(percent), items } satisfies WorkerProgress).catch(() => undefined);
      },
    });
    // Each attempt uploads under its own id: a stalled attempt that wakes up late cannot mix its files in.
    const attempt = randomUUID();
    const files: UploadedFile[] = [];
    const { encoders } = await capabilities();
    for (const [index, file] of produced.entries()) {
      const broken = brokenPromise(job.data.items[index], file, encoders);
      const brokenText = broken && planNoteText(broken, 'en');
      if (brokenText) link.log(`job ${jobId}: ${brokenText}`);
      const notes = brokenText ? [brokenText, ...file.notes] : file.notes;
      const planNotes = broken ? [broken, ...(file.planNotes ?? [])] : file.planNotes;
      const uploaded = { name: outputName(index, extname(file.path)), size: file.size, sha256: await sha256Of(file.path), notes, ...(planNotes ? { planNotes } : {}), ...(file.plan ? { plan: file.plan } : {}) };
      await uploadOutput(link, { jobId, attempt, name: uploaded.name }, { path: file.path, ...uploaded }, signal);
      files.push(uploaded);
    }
    return { attempt, files };
  } catch (error) {
    if (signal.aborted && signal.reason === STOPPING) {
      await job.moveToDelayed(Date.now(), token);
      link.log(`job ${jobId}: handed back to the queue`);
      throw new DelayedError();
    }
    if (signal.aborted) throw new Error(new CanceledError().message, { cause: error });
    // The node shows this sentence to the user as the render's error, worded as its own queue words
    // it (no job ids, addresses or paths); what it leaves out is said here, in the worker's log.
    const sentence = clientSentence(error);
    const detail = error instanceof NodeRefusal ? error.detail : describeError(error);
    if (detail !== sentence) link.log(`job ${jobId}: ${detail}`);
    throw new Error(sentence, { cause: error });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
