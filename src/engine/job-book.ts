import type { Goal } from '../goal/types.js';
import type { Store } from '../store/index.js';
import { newJobId, reduceJob, type Job, type JobAction } from './jobs.js';

/**
 * The jobs of this engine: folded by the pure reducer, announced on every change, kept in the
 * store's history on phase changes and endings, each with the AbortController that cancels it.
 */
export class JobBook {
  private list: Job[] = [];
  private readonly controllers = new Map<string, AbortController>();

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
    if (action.type !== 'progress') {
      const { fraction: _fraction, phaseStartedAt: _phaseStartedAt, etaSec: _etaSec, samples: _samples, place: _place, ...record } = next;
      this.store.saveJob(record);
    }
    return next;
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
