import type { Goal } from '../goal/types.js';
import type { QualityScore } from '../media/types.js';
import type { JobRecord, ResumePoint } from '../store/types.js';
import { assertNever } from './sse/chat-event.js';

/** A job as the UI shows it: the stored record plus its live progress. */
export type Job = JobRecord & {
  /** 0..1 within the current phase. */
  fraction: number;
  phaseStartedAt: number;
  /** Seconds left in the current phase, measured from the recent progress rate; none while stalled. */
  etaSec?: number;
  /** The recent progress ticks of this phase (the ETA's window). */
  samples?: ProgressSample[];
  /** While queued behind other renders: its place in line (1 is next), when the node says it. */
  place?: number;
};

/** One progress tick: when, and how far the phase was. */
export type ProgressSample = { at: number; fraction: number };

/**
 * How far back the ETA looks: long enough to smooth the bursts of polled progress, short enough to
 * follow a change of speed (a second pass, a slow download) instead of keeping an early guess.
 */
export const ETA_WINDOW_MS = 15_000;

/** Everything that can happen to a job. `at` is the time in ms (passed in, so the reducer stays pure). */
export type JobAction =
  | { type: 'add'; id: string; input: string; goal?: Goal; targetBytes?: number; at: number }
  | { type: 'phase'; id: string; status: ActiveStatus; renderId?: string; resume?: ResumePoint; place?: number; at: number }
  | { type: 'progress'; id: string; fraction: number; at: number }
  | { type: 'done'; id: string; output: string; bytes: number; quality?: QualityScore; at: number }
  | { type: 'failed'; id: string; error: string; at: number }
  | { type: 'canceled'; id: string; interrupted?: boolean; reason?: string; at: number };

/** The statuses a job passes through before it ends. */
export type ActiveStatus = Exclude<JobRecord['status'], 'done' | 'failed' | 'canceled'>;

/** A wait in line in words: "queued (2nd in line)", or "queued" when the node named no place. Pure. */
export function queuedWords(place?: number): string {
  if (place === undefined) return 'queued';
  const tens = place % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][place % 10] ?? 'th');
  return `queued (${place}${suffix} in line)`;
}

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
      // A place belongs to the phase it was given with (queued); any other phase has none.
      if (action.status === job.status) return { ...job, renderId: action.renderId ?? job.renderId, resume: action.resume ?? job.resume, place: action.place, updatedAt: action.at };
      return { ...job, status: action.status, renderId: action.renderId ?? job.renderId, resume: action.resume ?? job.resume, place: action.place, fraction: 0, etaSec: undefined, samples: undefined, phaseStartedAt: action.at, updatedAt: action.at };
    case 'progress': {
      const fraction = Math.max(job.fraction, Math.min(1, action.fraction));
      const seen = [...(job.samples ?? [{ at: job.phaseStartedAt, fraction: 0 }]), { at: action.at, fraction }];
      const recent = seen.filter((sample) => action.at - sample.at <= ETA_WINDOW_MS);
      const samples = recent.length >= 2 ? recent : seen.slice(-2);
      return { ...job, fraction, samples, etaSec: eta(samples), updatedAt: action.at };
    }
    case 'done':
      return { ...job, status: 'done', place: undefined, output: action.output, bytes: action.bytes, ...(action.quality ? { quality: action.quality } : {}), fraction: 1, etaSec: undefined, samples: undefined, updatedAt: action.at };
    case 'failed':
      return { ...job, status: 'failed', place: undefined, error: action.error, etaSec: undefined, samples: undefined, updatedAt: action.at };
    case 'canceled':
      return { ...job, status: 'canceled', ...(action.interrupted ? { interrupted: true } : {}), ...(action.reason === undefined ? {} : { reason: action.reason }), place: undefined, etaSec: undefined, samples: undefined, updatedAt: action.at };
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

// From the rate over the window, once 5 % is done (earlier rates are mostly start-up cost). No
// progress over the whole window means no honest guess: none is shown rather than a stuck one.
function eta(samples: readonly ProgressSample[]): number | undefined {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const elapsed = last.at - first.at;
  const done = last.fraction - first.fraction;
  if (last.fraction < 0.05 || last.fraction >= 1 || elapsed <= 0 || done <= 0) return undefined;
  return Math.round(((1 - last.fraction) * elapsed) / done / 1000);
}

/** A new job's id: time-ordered, with a random tail so two jobs of one millisecond differ. */
export function newJobId(): string {
  return `job_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}
