import { isFinished, type Job, type JobRecord } from '../studio/index.js';

/** A job as the jobs pane lists it; `interrupted`: it was running when the studio last quit. */
export type ListedJob = (Job | JobRecord) & { interrupted?: boolean };

/**
 * The jobs pane's list: running jobs on top (oldest first, the order they will finish in), then
 * finished ones newest first, this run's and the history's (kept by the store across restarts).
 * A stored job that never ended was cut off (a crash, a closed terminal), and one the studio's
 * quit stopped was saved so: both are listed as interrupted. Pure.
 */
export function jobList(live: readonly Job[], past: readonly JobRecord[]): { running: Job[]; finished: ListedJob[] } {
  const running = live.filter((job) => !isFinished(job));
  const liveIds = new Set(live.map((job) => job.id));
  const earlier = past.filter((job) => !liveIds.has(job.id)).map((job) => (isFinished(job) && !job.interrupted ? job : { ...job, interrupted: true }));
  const finished = [...live.filter(isFinished), ...earlier].sort((a, b) => b.updatedAt - a.updatedAt);
  return { running, finished };
}
