import { z } from 'zod';

// Each item's own progress in a render of several files (a batch): the node reports it beside the
// render's overall `progress`, so a client can show every file its own bar and ETA. The cloud
// sends none; a client then falls back to the overall fraction.

/** Where one item of a render stands: not started, being made, or made. */
export const itemProgressSchema = z.object({
  status: z.enum(['pending', 'processing', 'completed']),
  /** 0..100 of this item alone. */
  progress: z.number().min(0).max(100),
});

/** The `items` field of a render status answer: one entry per item, in the draft's order. */
export const itemsProgressSchema = z.array(itemProgressSchema);

/** One item's progress, as the node reports it and the client reads it. */
export type ItemProgress = z.output<typeof itemProgressSchema>;

/** Every item not started: where a render of `count` items begins. Pure. */
export function itemsNotStarted(count: number): ItemProgress[] {
  return Array.from({ length: count }, () => ({ status: 'pending' as const, progress: 0 }));
}

/** The render's overall 0..100 from its items': their mean (the items count alike). Pure. */
export function overallPercent(items: readonly ItemProgress[]): number {
  if (items.length === 0) return 0;
  return items.reduce((sum, item) => sum + (item.status === 'completed' ? 100 : item.progress), 0) / items.length;
}

/** Where one item of a running render stands for its job: waiting for its turn, or this far (0..1). */
export type ItemFraction = { started: false } | { started: true; fraction: number };

/**
 * Each of `count` items' own fraction from a poll of their shared render: the node's per-item
 * progress when it gives one for every item; otherwise (the cloud, an older node) the overall
 * fraction for all of them. An item the node has not started yet is not started. Pure.
 */
export function itemFractions(status: { progress: number; items?: readonly ItemProgress[] }, count: number): ItemFraction[] {
  const { items } = status;
  if (!items || items.length !== count) return Array.from({ length: count }, () => ({ started: true, fraction: status.progress / 100 }));
  return items.map((item) => (item.status === 'pending' ? { started: false } : { started: true, fraction: item.status === 'completed' ? 1 : item.progress / 100 }));
}
