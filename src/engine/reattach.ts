import { describeError, NemoError } from '../errors.js';
import type { JobRecord, ResumePoint } from '../store/types.js';
import { cancelRender, pollRender } from './api/render-calls.js';
import type { RenderStatus } from './api/types.js';
import { deliver, type Delivered, type ExportDeps } from './export-session.js';
import { renderAndWait } from './exporter.js';
import { itemFractions } from '../wire/item-progress.js';
import { isFinished } from './jobs.js';

/** A stored job whose render can be followed again: it has the render's id and its resume point. */
export type ResumableJob = JobRecord & { renderId: string; resume: ResumePoint };

/** The stored jobs of `node` that were still running when a studio quit, leaving their render on the node. Pure. */
export function resumableJobs(stored: readonly JobRecord[], node: string): ResumableJob[] {
  return stored.filter((job): job is ResumableJob => !isFinished(job) && job.renderId !== undefined && job.resume?.node === node);
}

/**
 * Follows a render this job left running: polls it to the end and delivers the job's item into the
 * stored folder, as the export would have. A render the node no longer knows ends the job
 * interrupted (to retry); one the node failed ends it failed. Never throws.
 */
export async function reattachJob(deps: ExportDeps, job: ResumableJob): Promise<Delivered | undefined> {
  const { id, renderId, resume } = job;
  const signal = deps.controllerFor(id).signal;
  // A user's cancel stops the render on the node too when no other item shares it.
  const stopOnNode = () => {
    if (resume.items === 1 && !deps.leaving?.()) void cancelRender(deps.connection, renderId).catch(() => undefined);
  };
  signal.addEventListener('abort', stopOnNode, { once: true });
  deps.job({ type: 'phase', id, status: 'rendering', at: Date.now() });
  let waiting = false;
  let status: RenderStatus;
  try {
    const poll = (renderOf: string) => deps.call('other', () => pollRender(deps.connection, renderOf, signal));
    status = await renderAndWait({ start: poll, poll }, renderId, {
      pollMs: deps.pollMs,
      signal,
      onWaiting: (place) => {
        waiting = true;
        deps.job({ type: 'phase', id, status: 'queued', place, at: Date.now() });
      },
      onProgress: (_fraction, polled) => {
        const item = itemFractions(polled, resume.items)[resume.item];
        if (!item?.started) return;
        if (waiting) deps.job({ type: 'phase', id, status: 'rendering', at: Date.now() });
        waiting = false;
        deps.raise('render:progress', { jobId: id, renderId, fraction: item.fraction });
        deps.job({ type: 'progress', id, fraction: item.fraction, at: Date.now() });
      },
    });
  } catch (error) {
    if (signal.aborted) deps.job({ type: 'canceled', id, at: Date.now() });
    else if (isUnknownRender(error)) {
      deps.job({ type: 'canceled', id, interrupted: true, at: Date.now() });
      deps.raise('notice', { jobId: id, text: `The node no longer knows the render of ${job.input}; it can be retried from the jobs pane.` });
    } else deps.job({ type: 'failed', id, error: describeError(error), at: Date.now() });
    return undefined;
  } finally {
    signal.removeEventListener('abort', stopOnNode);
  }
  deps.raise('render:done', { jobId: id, renderId, outputs: status.outputs });
  const item = { name: resume.itemName, goal: job.goal ?? {} };
  return deliver(deps, item, status.outputs[resume.item], id, resume.fileName, resume.outDir, signal, resume.replace ?? false).catch(() => undefined);
}

// The node answers 404 for a render it never had or has forgotten (its data folder wiped).
function isUnknownRender(error: unknown): boolean {
  return error instanceof NemoError && error.httpStatus === 404;
}
