import type { Goal } from '../goal/types.js';

// Apart from item-goal.ts so the media core, which may see only goal's types, can use the same rules.

/**
 * The size cap in bytes of an output made from `sizeBytes`: the smaller of `targetBytes` and
 * `relativeSize` × the source's size (the relative part only once the size is known).
 */
export function sizeCap(goal: Goal, sizeBytes: number | undefined): number | undefined {
  const relative = goal.relativeSize !== undefined && sizeBytes !== undefined ? Math.floor(sizeBytes * goal.relativeSize) : undefined;
  const caps = [goal.targetBytes, relative].filter((n): n is number => n !== undefined);
  return caps.length > 0 ? Math.min(...caps) : undefined;
}

/** The default cap on the short side: 1920x1080, or 1080x1920 vertical. */
export const DEFAULT_SHORT_SIDE = 1080;

/**
 * The most an output's short side may be, or undefined for the source's own: the goal's resolution,
 * else 1080 — unless the goal is to lose no quality, which a smaller picture already would (a 4K
 * source at 1080p scores VMAF ~85 against itself, however many bits it gets).
 */
export function shortSideCap(goal: Goal): number | undefined {
  if (goal.resolution !== undefined) return goal.resolution;
  return goal.quality === 'visually-lossless' ? undefined : DEFAULT_SHORT_SIDE;
}
