import type { Goal } from '../goal/types.js';
import type { QualityScore } from '../media/types.js';
import type { JobRecord } from '../store/types.js';
import { assertNever } from './sse/chat-event.js';

/** A job as the UI shows it: the stored record plus its live progress. */
export type Job = JobRecord & {
  /** 0..1 within the current phase. */
  fraction: number;
  phaseStartedAt: number;
  /** Seconds left in the current phase, once enough progress has been seen to guess. */
  etaSec?: number;
};

/** Everything that can happen to a job. `at` is the time in ms (passed in, so the reducer stays pure). */
export type JobAction =
  | { type: 'add'; id: string; input: string; goal?: Goal; targetBytes?: number; at: number }
  | { type: 'phase'; id: string; status: ActiveStatus; renderId?: string; at: number }
  | { type: 'progress'; id: string; fraction: number; at: number }
  | { type: 'done'; id: string; output: string; bytes: number; quality?: QualityScore; at: number }
  | { type: 'failed'; id: string; error: string; at: number }
  | { type: 'canceled'; id: string; at: number };

/** The statuses a job passes through before it ends. */
export type ActiveStatus = Exclude<JobRecord['status'], 'done' | 'failed' | 'canceled'>;

/** True once a job has ended; an ended job ignores anything that arrives late. */
export function isFinished(job: Pick<JobRecord, 'status'>): boolean {
  return job.status === 'done' || job.status === 'failed' || job.status === 'canceled';
}

/** Applies one action to one job (undefined before `add`). Pure. */
export function reduceJob(job: Job | undefined, action: JobAction): Job | undefined {
  if (action.type === 'add') {
    return { id: action.id, input: action.input, goal: action.goal, targetBytes: action.targetBytes, status: 'queued', fraction: 0, startedAt: action.at, updatedAt: action.at, phaseStartedAt: action.at };
  }
  if (!job || isFinished(job)) return job;
  switch (action.type) {
    case 'phase':
      if (action.status === job.status) return { ...job, renderId: action.renderId ?? job.renderId, updatedAt: action.at };
      return { ...job, status: action.status, renderId: action.renderId ?? job.renderId, fraction: 0, etaSec: undefined, phaseStartedAt: action.at, updatedAt: action.at };
    case 'progress': {
      const fraction = Math.max(job.fraction, Math.min(1, action.fraction));
      return { ...job, fraction, etaSec: eta(action.at - job.phaseStartedAt, fraction), updatedAt: action.at };
    }
    case 'done':
      return { ...job, status: 'done', output: action.output, bytes: action.bytes, ...(action.quality ? { quality: action.quality } : {}), fraction: 1, etaSec: undefined, updatedAt: action.at };
    case 'failed':
      return { ...job, status: 'failed', error: action.error, etaSec: undefined, updatedAt: action.at };
    case 'canceled':
      return { ...job, status: 'canceled', etaSec: undefined, updatedAt: action.at };
    default:
      return assertNever(action);
  }
}

/** Applies one action to a job list (new jobs go last). Pure. */
export function reduceJobs(jobs: readonly Job[], action: JobAction): Job[] {
  const index = jobs.findIndex((job) => job.id === action.id);
  const next = reduceJob(index === -1 ? undefined : jobs[index], action);
  if (!next) return [...jobs];
  if (index === -1) return [...jobs, next];
  return jobs.map((job, i) => (i === index ? next : job));
}

// A guess only once 5 % is done: earlier rates are mostly start-up cost.
function eta(elapsedMs: number, fraction: number): number | undefined {
  if (fraction < 0.05 || fraction >= 1 || elapsedMs <= 0) return undefined;
  return Math.round(((elapsedMs / fraction) * (1 - fraction)) / 1000);
}
