import type { Goal } from '../goal/types.js';

// Apart from item-goal.ts so the media core, which may see only goal's types, can use the same rule.

/**
 * The size cap in bytes of an output made from `sizeBytes`: the smaller of `targetBytes` and
 * `relativeSize` × the source's size (the relative part only once the size is known).
 */
export function sizeCap(goal: Goal, sizeBytes: number | undefined): number | undefined {
  const relative = goal.relativeSize !== undefined && sizeBytes !== undefined ? Math.floor(sizeBytes * goal.relativeSize) : undefined;
  const caps = [goal.targetBytes, relative].filter((n): n is number => n !== undefined);
  return caps.length > 0 ? Math.min(...caps) : undefined;
}
