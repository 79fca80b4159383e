import type { RenderStatus } from './api/types.js';

/** Where one item of a running render stands for its job: waiting for its turn, or this far (0..1). */
export type ItemFraction = { started: false } | { started: true; fraction: number };

/**
 * Each of `count` items' own fraction from a poll of their shared render: the node's per-item
 * progress when it gives one for every item; otherwise (the cloud, an older node) the overall
 * fraction for all of them, as before. An item the node has not started yet is not started. Pure.
 */
export function itemFractions(status: Pick<RenderStatus, 'progress' | 'items'>, count: number): ItemFraction[] {
  const { items } = status;
  if (!items || items.length !== count) return Array.from({ length: count }, () => ({ started: true, fraction: status.progress / 100 }));
  return items.map((item) => (item.status === 'pending' ? { started: false } : { started: true, fraction: item.status === 'completed' ? 1 : item.progress / 100 }));
}
