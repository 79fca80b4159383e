import type { RenderStatus } from './api/types.js';
import type { EngineEvents } from './engine-events.js';
import { itemFractions } from '../wire/item-progress.js';
import type { JobAction } from './jobs.js';

/** One job following one item of a render: its id and the item's index in the render. */
export type FollowedItem = { jobId: string; item: number };

/** What following needs: where job actions and progress events go. */
export type FollowerDeps = {
  raise: (name: 'render:progress', payload: EngineEvents['render:progress'][0]) => void;
  job: (action: JobAction) => unknown;
};

/**
 * Turns a render's polls into its jobs' phases and progress, for an export and for a re-attach
 * alike: each job follows its own item of the render (of `items` in all). A job waits ('queued')
 * while the render waits in line (with its place) or while its item waits for its turn in the
 * batch, and renders with its item's own fraction once that item runs. A poll that changes no
 * job's wait writes no phase, so each item's ETA starts when that item does. Every job starts as
 * rendering (the caller set that phase). The result's handlers go to renderAndWait.
 */
export function followItems(
  deps: FollowerDeps,
  renderId: string,
  followed: readonly FollowedItem[],
  items: number,
): { onWaiting: (place?: number) => void; onProgress: (fraction: number, polled: RenderStatus) => void } {
  const shown = followed.map((): { waiting: boolean; place?: number } => ({ waiting: false }));
  const show = (index: number, next: { waiting: boolean; place?: number }) => {
    if (next.waiting === shown[index].waiting && next.place === shown[index].place) return;
    shown[index] = next;
    deps.job({ type: 'phase', id: followed[index].jobId, status: next.waiting ? 'queued' : 'rendering', renderId, place: next.place, at: Date.now() });
  };
  return {
    onWaiting: (place) => followed.forEach((_, index) => show(index, { waiting: true, place })),
    onProgress: (_fraction, polled) => {
      const fractions = itemFractions(polled, items);
      followed.forEach(({ jobId, item }, index) => {
        const own = fractions[item];
        if (!own) return;
        show(index, { waiting: !own.started });
        if (!own.started) return;
        deps.raise('render:progress', { jobId, renderId, fraction: own.fraction });
        deps.job({ type: 'progress', id: jobId, fraction: own.fraction, at: Date.now() });
      });
    },
  };
}
