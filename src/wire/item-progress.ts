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
