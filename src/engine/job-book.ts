import type { Goal } from '../goal/types.js';
import type { JobRecord, Store } from '../store/types.js';
import { isFinished, newJobId, reduceJob, type Job, type JobAction } from './jobs.js';

/**
 * The jobs of this engine: folded by the pure reducer, announced on every change, kept in the
 * store's history on phase changes and endings, each with the AbortController that cancels it.
 */
export class JobBook {
  private list: Job[] = [];
  private readonly controllers = new Map<string, AbortController>();
  /** Jobs whose render goes on without this engine: their stored record stays as it was left. */
  private readonly left = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly announce: (job: Job) => void,
  ) {}

  /** Starts tracking a new job. */
  add(input: string, goal?: Goal, targetBytes?: number): Job {
    return this.update({ type: 'add', id: newJobId(), input, goal, targetBytes, at: Date.now() }) as Job;
  }

  /** Applies an action; unknown jobs and late actions on finished jobs change nothing. */
  update(action: JobAction): Job | undefined {
    const index = this.list.findIndex((job) => job.id === action.id);
    const previous = index === -1 ? undefined : this.list[index];
    const next = reduceJob(previous, action);
    if (!next || next === previous) return next;
    this.list = index === -1 ? [...this.list, next] : this.list.map((job, i) => (i === index ? next : job));
    this.announce(next);
    // Progress ticks are many; only phase changes and endings are worth a disk write.
    if (action.type !== 'progress' && !this.left.has(next.id)) {
      const { fraction: _fraction, phaseStartedAt: _phaseStartedAt, etaSec: _etaSec, samples: _samples, place: _place, ...record } = next;
      this.store.saveJob(record);
    }
    return next;
  }

  /** Tracks a stored job again (one re-attached to its render), as it was stored. */
  adopt(record: JobRecord): Job {
    const now = Date.now();
    const job: Job = { ...record, fraction: 0, phaseStartedAt: now, updatedAt: now };
    this.list = [...this.list.filter((known) => known.id !== job.id), job];
    this.announce(job);
    return job;
  }

  /**
   * Stops saving the running jobs whose render can be re-attached (they have a resume point), so
   * that they stay stored as running after the quit ends their work here. Returns them.
   */
  leave(): Job[] {
    for (const job of this.list) if (!isFinished(job) && job.renderId !== undefined && job.resume !== undefined) this.left.add(job.id);
    return this.list.filter((job) => this.left.has(job.id));
  }

  /** Oldest first. */
  jobs(): readonly Job[] {
    return this.list;
  }

  /** The controller a job's work runs under (created on first ask). */
  controllerFor(jobId: string): AbortController {
    let controller = this.controllers.get(jobId);
    if (!controller) this.controllers.set(jobId, (controller = new AbortController()));
    return controller;
  }

  /** Aborts one job, or every job. */
  cancel(jobId?: string): void {
    if (jobId === undefined) for (const controller of this.controllers.values()) controller.abort();
    else this.controllers.get(jobId)?.abort();
  }
}
