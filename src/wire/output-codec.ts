import type { Codec, Goal } from '../goal/types.js';

/**
 * The codec an output with this goal is written in: WebM carries AV1 here (the build has no VP9
 * path), else as asked, H.264 by default. The goal line (client) and the planner (node) both say
 * it, so they cannot disagree.
 */
export function outputCodec(goal: Pick<Goal, 'codec' | 'container'>): Codec {
  return goal.container === 'webm' ? 'av1' : (goal.codec ?? 'h264');
}
