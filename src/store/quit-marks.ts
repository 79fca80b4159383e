import type { Store } from './types.js';

/**
 * `store`, with a way to say the studio is quitting: from then on a job saved as canceled was
 * stopped by the quit, not by the user, and is kept as interrupted (the jobs pane offers it for a
 * retry on the next start). Jobs that ended earlier are never saved again, so they keep their word.
 */
export function withQuitMarks(store: Store): Store & { quitting(): void } {
  let quitting = false;
  return {
    ...store,
    saveJob: (job) => store.saveJob(quitting && job.status === 'canceled' ? { ...job, interrupted: true } : job),
    quitting: () => void (quitting = true),
  };
}
