import { platformById } from './platforms.js';
import type { Remark } from './remarks.js';
import type { Goal } from './types.js';

/** Below these sizes a demand for top quality or 4K is unlikely to fit a clip of any length. */
const TIGHT_FOR_LOSSLESS = 25_000_000;
const TIGHT_FOR_4K = 50_000_000;

/**
 * Demands that pull against each other across fields, each as a remark or question for the user.
 * The size cap always wins over quality (DESIGN: "the smaller of the two wins"), so these are
 * warnings, and the goal is left as said.
 */
export function findConflicts(goal: Goal): Remark[] {
  const remarks: Remark[] = [];
  if (goal.targetBytes !== undefined) {
    const resolution = goal.resolution !== undefined && goal.resolution >= 2160 && goal.targetBytes <= TIGHT_FOR_4K ? goal.resolution : undefined;
    const lossless = goal.quality === 'visually-lossless' && goal.targetBytes <= TIGHT_FOR_LOSSLESS;
    if (resolution !== undefined || lossless) remarks.push({ code: 'tight-size', targetBytes: goal.targetBytes, ...(resolution !== undefined ? { resolution } : {}), lossless });
  }
  if (goal.targetBytes !== undefined && goal.relativeSize !== undefined) {
    remarks.push({ code: 'size-and-fraction' });
  }
  if (goal.quality === 'small' && goal.resolution !== undefined && goal.resolution >= 2160) {
    remarks.push({ code: 'smallest-and-resolution', resolution: goal.resolution });
  }
  if (goal.container === 'webm' && (goal.codec === 'h264' || goal.codec === 'h265')) {
    remarks.push({ code: 'webm-codec', codec: goal.codec });
  }
  const platform = platformById(goal.platform);
  if (platform?.maxDurationSec !== undefined && goal.trim === undefined) {
    remarks.push({ code: 'platform-length', platform: platform.id, limitSec: platform.maxDurationSec });
  }
  return remarks;
}
