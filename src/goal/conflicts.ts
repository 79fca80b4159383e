import { formatBytes, formatSeconds } from '../units.js';
import { platformById } from './platforms.js';
import type { Goal } from './types.js';

/** Below these sizes a demand for top quality or 4K is unlikely to fit a clip of any length. */
const TIGHT_FOR_LOSSLESS = 25_000_000;
const TIGHT_FOR_4K = 50_000_000;

/**
 * Demands that pull against each other across fields, each as a remark or question for the user.
 * The size cap always wins over quality (DESIGN: "the smaller of the two wins"), so these are
 * warnings, and the goal is left as said.
 */
export function findConflicts(goal: Goal): string[] {
  const remarks: string[] = [];
  if (goal.targetBytes !== undefined) {
    const demands = [
      goal.resolution !== undefined && goal.resolution >= 2160 && goal.targetBytes <= TIGHT_FOR_4K ? `${goal.resolution}p` : undefined,
      goal.quality === 'visually-lossless' && goal.targetBytes <= TIGHT_FOR_LOSSLESS ? 'visually lossless' : undefined,
    ].filter((demand) => demand !== undefined);
    if (demands.length > 0) {
      remarks.push(
        `${formatBytes(goal.targetBytes)} is very little room for ${demands.join(' and ')}: the size cap wins, so resolution or quality may be lowered to fit. Is that all right?`,
      );
    }
  }
  if (goal.targetBytes !== undefined && goal.relativeSize !== undefined) {
    remarks.push('You gave a size and a fraction of the original: whichever is smaller will apply.');
  }
  if (goal.quality === 'small' && goal.resolution !== undefined && goal.resolution >= 2160) {
    remarks.push(`“As small as possible” and ${goal.resolution}p pull apart: I'll keep ${goal.resolution}p and lower the quality.`);
  }
  if (goal.container === 'webm' && (goal.codec === 'h264' || goal.codec === 'h265')) {
    remarks.push(`WebM cannot hold ${goal.codec === 'h264' ? 'H.264' : 'H.265'}: choose MP4 for it, or AV1 for WebM.`);
  }
  const platform = platformById(goal.platform);
  if (platform?.maxDurationSec !== undefined && goal.trim === undefined) {
    const limit = formatSeconds(platform.maxDurationSec);
    remarks.push(`${platform.label} takes videos up to ${limit}. If yours is longer, shall I keep only the first ${limit}? Say “first ${limit}” to trim it.`);
  }
  return remarks;
}
