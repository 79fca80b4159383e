import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { debugDetails } from '../errors.js';
import { clientSentence } from './envelope.js';
import { ApiFailure, badRequest } from './api-failure.js';
import { isOpaqueId, opaqueId } from './ids.js';
import { insideFolder } from './inside-folder.js';
import { JsonFile, removeUnlisted } from './persist.js';
import type { Producer } from './producer.js';
import { produceFiles } from './render-job.js';
import type { RenderItem } from './render-items.js';
import type { RenderOutput, RenderRecord, WaitingLine } from './render-record.js';
import { mediaFolder } from './uploads.js';

/** What the queue needs from the node around it. */
export type RenderQueueOptions = {
  dataDir: string;
  concurrency: number;
  now: () => number;
  /** Called once when a job completes, before its state is saved (the node adds the outputs to the session). */
  onCompleted: (record: RenderRecord) => Promise<void>;
  /** Whose saved jobs (and their files) to keep; the others are dropped on open. Default: everyone's. */
  keepUser?: (userId: string) => boolean;
  /** Where a failed render's details go (the client gets one sentence). */
  log?: (line: string) => void;
  /** Who makes a job's files; default: this process, from the node's media folder. */
  produce?: Producer;
  /** The producer hands jobs to a line of its own (workers): a job handed over waits until it says it started. */
  producerQueues?: boolean;
  /** Whether renders a stopped node left unfinished run again on open (the default); false ends them failed. */
  resumeUnfinished?: boolean;
};

/** Render ids are the client's (render_<ts>): two users may pick the same one, so jobs are keyed per user. */
function jobKey(record: Pick<RenderRecord, 'id' | 'userId'>): string {
  return `${record.userId}\u0000${record.id}`;
}

/** Why a render left unfinished by a stopped node failed, when it is not run again. */
const UNFINISHED_WORDS = 'The render node stopped before this render finished.';

/** Why a running job was aborted: the user canceled it, or the node is stopping (then it goes back to pending). */
export type AbortReason = 'canceled' | 'shutdown';

/**
 * The render queue: jobs in renders.json, at most `concurrency` running at once, first come first
 * served. A job that was running when the node died (or stopped) is pending again on the next
 * start and runs from the beginning in a new work folder, so its output is always whole.
 */
export class RenderQueue {
  private readonly jobs = new Map<string, RenderRecord>();
  private readonly running = new Map<string, AbortController>();
  /** Running jobs whose producer says they still wait (for a worker), with the place it gave. */
  private readonly waiting = new Map<string, WaitingLine>();
  private readonly settled = new Set<Promise<void>>();
  /** Jobs restored at start whose producer has not been called yet (see `restoring`). */
  private readonly unstarted = new Set<string>();
  private readonly file: JsonFile<{ renders: RenderRecord[] }>;
  private stopping = false;

  private constructor(private readonly options: RenderQueueOptions) {
    this.file = new JsonFile(join(options.dataDir, 'renders.json'));
  }

  private get workRoot(): string {
    return join(this.options.dataDir, 'work');
  }

  private get outputsDir(): string {
    return join(this.options.dataDir, 'outputs');
  }

  /** Loads the saved jobs, re-queues interrupted ones (or ends them failed, see resumeUnfinished), removes leftovers, and starts working. */
  static async open(options: RenderQueueOptions): Promise<RenderQueue> {
    const queue = new RenderQueue(options);
    for (const record of (await queue.file.load())?.renders ?? []) {
      if (options.keepUser && !options.keepUser(record.userId)) continue;
      if (options.resumeUnfinished === false && (record.status === 'pending' || record.status === 'processing')) Object.assign(record, { status: 'failed', error: UNFINISHED_WORDS });
      else if (record.status === 'processing') Object.assign(record, { status: 'pending', progress: 0, itemProgress: undefined });
      queue.jobs.set(jobKey(record), record);
      if (record.status === 'pending') queue.unstarted.add(jobKey(record));
    }
    await rm(insideFolder(options.dataDir, queue.workRoot), { recursive: true, force: true });
    await mkdir(insideFolder(options.dataDir, queue.outputsDir), { recursive: true, mode: 0o700 });
    await queue.removeUnlistedOutputs();
    await queue.save();
    queue.pump();
    return queue;
  }

  /**
   * Whether a job restored at start has yet to reach its producer. Until it has, a render worker
   * that finished it while the node was down asks about a job the node does not wait for yet: it
   * is early (try again), not late (canceled). With workers every restored job starts at once.
   */
  get restoring(): boolean {
    for (const key of this.unstarted) {
      const status = this.jobs.get(key)?.status;
      if (status === 'pending' || status === 'processing') return true;
    }
    return false;
  }

  /** Queues a job and returns it as accepted; 409 when this user used the id before. */
  async submit(job: { id: string; sessionId: string; userId: string; items: RenderItem[] }): Promise<RenderRecord> {
    if (job.id.length === 0 || job.id.length > 200) throw badRequest('The render id must be 1 to 200 characters.');
    if (this.jobs.has(jobKey(job))) throw new ApiFailure(409, `The render id ${job.id} was already used.`, { hint: 'Send each export with a new id.' });
    const record: RenderRecord = { ...job, createdAt: this.options.now(), status: 'pending', progress: 0, outputs: [] };
    this.jobs.set(jobKey(record), record);
    try {
      await this.save();
    } catch (error) {
      // Refused work never runs: a job the node could not record is not queued either.
      this.jobs.delete(jobKey(record));
      throw error;
    }
    // The answer is the job as accepted (pending), even when a free slot starts it right away.
    const accepted = { ...record };
    this.pump();
    return accepted;
  }

  /** A job of `userId`; 404 when there is none (another user's jobs do not exist for them). */
  get(id: string, userId: string): RenderRecord {
    const record = this.jobs.get(jobKey({ id, userId }));
    if (!record) throw new ApiFailure(404, 'There is no render with that id.');
    return record;
  }

  /**
   * Whether a job waits, and where: a pending job is behind the pending jobs queued before it here;
   * a job handed to workers waits where their queue says. Undefined once it runs (or ended).
   */
  lineOf(record: RenderRecord): WaitingLine | undefined {
    const key = jobKey(record);
    if (record.status === 'processing') return this.waiting.get(key);
    if (record.status !== 'pending') return undefined;
    let place = 1;
    for (const [otherKey, other] of this.jobs) {
      if (otherKey === key) return { place };
      if (other.status === 'pending' && !this.running.has(otherKey)) place += 1;
    }
    return undefined;
  }

  /** Cancels a pending or running job (ffmpeg is killed); a finished one is left as it is. */
  async cancel(id: string, userId: string): Promise<RenderRecord> {
    const record = this.get(id, userId);
    if (record.status === 'pending' || record.status === 'processing') {
      const before = { status: record.status, error: record.error };
      Object.assign(record, { status: 'failed', error: 'canceled' });
      try {
        await this.save();
      } catch (error) {
        // A cancel the node could not record did not happen: the job goes on.
        Object.assign(record, before);
        throw error;
      }
      this.running.get(jobKey(record))?.abort('canceled' satisfies AbortReason);
    }
    return record;
  }

  /** Where the output file `fileId` is, and its name; undefined when no completed job has it. */
  outputFile(fileId: string): { path: string; output: RenderOutput } | undefined {
    if (!isOpaqueId('f', fileId)) return undefined;
    for (const record of this.jobs.values()) {
      const output = record.outputs.find((candidate) => candidate.fileId === fileId);
      if (output) return { path: join(this.outputsDir, output.fileId + output.ext), output };
    }
    return undefined;
  }

  /** Stops taking work and aborts running jobs, which go back to pending for the next start. */
  async close(): Promise<void> {
    this.stopping = true;
    for (const controller of this.running.values()) controller.abort('shutdown' satisfies AbortReason);
    await Promise.all(this.settled);
    await this.save();
  }

  private pump(): void {
    for (const record of this.jobs.values()) {
      if (this.stopping || this.running.size >= this.options.concurrency) return;
      if (record.status !== 'pending' || this.running.has(jobKey(record))) continue;
      const done = this.run(record);
      this.settled.add(done);
      void done.finally(() => this.settled.delete(done));
    }
  }

  private async run(record: RenderRecord): Promise<void> {
    const controller = new AbortController();
    this.running.set(jobKey(record), controller);
    // A fresh folder per attempt: an ffmpeg orphaned by a killed node can never write into the retry's.
    const workDir = insideFolder(this.options.dataDir, join(this.workRoot, opaqueId('w')));
    Object.assign(record, { status: 'processing', progress: 0, itemProgress: undefined });
    if (this.options.producerQueues) this.waiting.set(jobKey(record), {});
    try {
      await this.save();
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      const produce = this.options.produce ?? ((job, options) => produceFiles(job.items, { ...options, mediaDir: mediaFolder(this.options.dataDir) }));
      const producing = produce(record, {
        workDir,
        signal: controller.signal,
        onProgress: (percent, items) => {
          if (record.status !== 'processing') return;
          record.progress = Math.min(99, Math.floor(percent));
          // Only a list that matches the job's items is theirs (a worker's comes through Redis).
          if (items?.length === record.items.length) record.itemProgress = items;
        },
        onWaiting: (place) => this.waiting.set(jobKey(record), place === undefined ? {} : { place }),
        onStarted: () => this.waiting.delete(jobKey(record)),
      });
      this.unstarted.delete(jobKey(record));
      const produced = await producing;
      controller.signal.throwIfAborted();
      const outputs = produced.map((file, index): RenderOutput => ({
        mediaId: opaqueId('m'),
        fileId: opaqueId('f'),
        name: record.items[index].outputName,
        size: file.size,
        ext: file.ext,
        notes: file.notes,
        ...(file.planNotes ? { planNotes: file.planNotes } : {}),
        ...(file.plan ? { plan: file.plan } : {}),
        ...(file.quality ? { quality: file.quality } : {}),
      }));
      for (const [index, file] of produced.entries()) {
        await rename(insideFolder(workDir, file.path), insideFolder(this.outputsDir, outputs[index].fileId + outputs[index].ext));
      }
      Object.assign(record, { status: 'completed', progress: 100, itemProgress: record.items.map(() => ({ status: 'completed', progress: 100 })), outputs });
      await this.options.onCompleted(record);
    } catch (error) {
      const reason = controller.signal.aborted ? (controller.signal.reason as AbortReason) : undefined;
      if (reason === 'shutdown') Object.assign(record, { status: 'pending', progress: 0, itemProgress: undefined });
      else if (reason !== 'canceled') {
        Object.assign(record, { status: 'failed', error: clientSentence(error) });
        this.options.log?.(`render ${record.id} failed: ${debugDetails(error)}`);
      }
    } finally {
      this.unstarted.delete(jobKey(record));
      this.running.delete(jobKey(record));
      this.waiting.delete(jobKey(record));
      await rm(workDir, { recursive: true, force: true });
      await this.save();
      this.pump();
    }
  }

  /** Outputs a crash left between moving a file and recording it belong to no job: remove them. */
  private async removeUnlistedOutputs(): Promise<void> {
    await removeUnlisted(this.outputsDir, new Set([...this.jobs.values()].flatMap((record) => record.outputs.map((output) => output.fileId + output.ext))));
  }

  private save(): Promise<void> {
    return this.file.save(() => ({ renders: [...this.jobs.values()] }));
  }
}
