import { describeError, NemoError, StudioError } from '../errors.js';
import type { JobRecord, ResumePoint } from '../store/types.js';
import { cancelRender, pollRender } from './api/render-calls.js';
import type { RenderStatus } from './api/types.js';
import { deliver, type Delivered, type ExportDeps } from './export-session.js';
import { renderAndWait } from './exporter.js';
import { followItems } from './item-follower.js';
import { isFinished } from './jobs.js';

/** A stored job whose render can be followed again: it has the render's id and its resume point. */
export type ResumableJob = JobRecord & { renderId: string; resume: ResumePoint };

/** The stored jobs of `node` that were still running when a studio quit, leaving their render on the node. Pure. */
export function resumableJobs(stored: readonly JobRecord[], node: string): ResumableJob[] {
  return stored.filter((job): job is ResumableJob => !isFinished(job) && job.renderId !== undefined && job.resume?.node === node);
}

/**
 * Follows a render this job left running: polls it to the end and delivers the job's item into the
 * stored folder, as the export would have. A render the node no longer knows (a node restarted
 * with its data gone) ends the job interrupted, with that reason, to retry; one the node failed
 * ends it failed. Never throws.
 */
export async function reattachJob(studioDeps: ExportDeps, job: ResumableJob): Promise<Delivered | undefined> {
  const { id, renderId, resume } = job;
  // Its notes in the words its instruction was written in, not the new studio's.
  const deps = resume.language ? { ...studioDeps, language: resume.language } : studioDeps;
  const signal = deps.controllerFor(id).signal;
  // A user's cancel stops the render on the node too when no other item shares it.
  const stopOnNode = () => {
    if (resume.items === 1 && !deps.leaving?.()) void cancelRender(deps.connection, renderId).catch(() => undefined);
  };
  signal.addEventListener('abort', stopOnNode, { once: true });
  deps.job({ type: 'phase', id, status: 'rendering', at: Date.now() });
  deps.raise('notice', { jobId: id, text: 'still rendering on the node since an earlier session; following it here.' });
  let status: RenderStatus;
  try {
    const poll = (renderOf: string) => deps.call('other', () => pollRender(deps.connection, renderOf, signal));
    status = await renderAndWait({ start: poll, poll }, renderId, { pollMs: deps.pollMs, signal, ...followItems(deps, renderId, [{ jobId: id, item: resume.item }], resume.items) });
  } catch (error) {
    if (signal.aborted) deps.job({ type: 'canceled', id, at: Date.now() });
    else if (isUnknownRender(error)) interrupt(deps, id, 'the node restarted and no longer has its render');
    else deps.job({ type: 'failed', id, error: report(deps, id, error), at: Date.now() });
    return undefined;
  } finally {
    signal.removeEventListener('abort', stopOnNode);
  }
  deps.raise('render:done', { jobId: id, renderId, outputs: status.outputs });
  const item = { name: resume.itemName, goal: job.goal ?? {} };
  // The delivery ends the job itself; the failure is said here, as an export's is by whoever awaits it.
  return deliver(deps, item, status.outputs[resume.item], id, resume.fileName, resume.outDir, signal, resume.replace ?? false).catch((error: unknown) => {
    if (!signal.aborted) report(deps, id, error);
    return undefined;
  });
}

/**
 * Ends a job whose render stopped with the studio that ran it: the embedded node lives in the
 * studio's process, so a studio killed mid-render (SIGKILL, a power loss) left the job stored as
 * running, and the node, restarted, ends such renders instead of running them again. The job ends
 * interrupted, to retry.
 */
export function endCutOffJob(deps: ExportDeps, job: ResumableJob): void {
  interrupt(deps, job.id, 'the studio was stopped while it rendered');
}

// Interrupted (not failed): nothing went wrong with the file itself, and a retry redoes it. Still
// said as an error: the file asked for was not made.
function interrupt(deps: ExportDeps, id: string, reason: string): void {
  deps.job({ type: 'canceled', id, interrupted: true, reason, at: Date.now() });
  report(deps, id, new StudioError(`interrupted (${reason}); it can be retried.`));
}

// A re-attached job has no caller to report its failure: the views hear it here, in one sentence.
function report(deps: ExportDeps, jobId: string, error: unknown): string {
  const message = describeError(error);
  deps.raise('error', { message, error, jobId });
  return message;
}

// The node answers 404 for a render it never had or has forgotten (its data folder wiped).
function isUnknownRender(error: unknown): boolean {
  return error instanceof NemoError && error.httpStatus === 404;
}
