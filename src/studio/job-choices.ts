import { isFinished } from '../engine/jobs.js';
import type { JobRecord } from '../store/types.js';

/** What the job picker may do with one listed job: the single keys it offers for it. */
export type JobChoices = {
  /** It still runs: it can be stopped. */
  cancel: boolean;
  /** It ended without a file (failed, canceled, or cut off by a quit): it can be run again. */
  retry: boolean;
  /** The file to open the folder of and copy the path of: the output once made, else the input. */
  path: string;
};

/**
 * The picker's rule for one job. `interrupted`: stored as running when the studio last quit, so
 * nothing runs it now. A finished render is not redone (its file is there); a running one is
 * canceled first if it is to be redone. Pure.
 */
export function jobChoices(job: Pick<JobRecord, 'status' | 'input' | 'output'> & { interrupted?: boolean }): JobChoices {
  const ended = job.interrupted === true || isFinished(job);
  return {
    cancel: !ended,
    retry: ended && job.status !== 'done',
    path: job.status === 'done' && job.output !== undefined ? job.output : job.input,
  };
}
