import { platformById } from './platforms.js';
import type { Remark } from './remarks.js';
import type { Finding } from './scan.js';
import type { Goal } from './types.js';

/**
 * Builds the Goal from the findings, in the order they were said. A field said twice with
 * different values keeps the later one and says so; a platform preset fills only the fields the
 * user did not set ("discord but 720p").
 */
export function assembleGoal(findings: readonly Finding[]): { goal: Goal; remarks: Remark[] } {
  const remarks: Remark[] = [];
  const explicit: Record<string, unknown> = {};
  const saidAs: Record<string, string> = {};
  let platform: Finding | undefined;

  for (const finding of findings) {
    if (finding.kind === 'platform') {
      if (platform && platform.kind === 'platform' && platform.platform !== finding.platform) {
        remarks.push({ code: 'two-platforms', first: platform.platform, last: finding.platform });
      }
      platform = finding;
    }
    if (finding.kind !== 'goal') continue;
    for (const [field, said] of Object.entries(finding.goal)) {
      if (said === undefined) continue;
      const joined = field === 'trim' ? joinTrims(explicit.trim as Goal['trim'], said as Goal['trim']) : undefined;
      const value = joined ?? said;
      if (joined === undefined && field in explicit && JSON.stringify(explicit[field]) !== JSON.stringify(value) && saidAs[field] !== finding.said) {
        remarks.push({ code: 'said-twice', first: saidAs[field], last: finding.said });
      }
      explicit[field] = value;
      saidAs[field] = finding.said;
    }
  }

  const preset = platform?.kind === 'platform' ? platformById(platform.platform) : undefined;
  const goal: Goal = preset ? { ...preset.goal, ...(explicit as Goal), platform: preset.id } : (explicit as Goal);
  return { goal, remarks };
}

/**
 * "cut the first 5s" then "cut the last 3s": a cut at the start and a cut at the end are one trim
 * ({5, -3}). Anything else is not joined (undefined): a second trim replaces the first.
 */
function joinTrims(before: Goal['trim'], after: Goal['trim']): Goal['trim'] | undefined {
  if (!before || !after) return undefined;
  const startOnly = (trim: NonNullable<Goal['trim']>) => trim.startSec > 0 && trim.endSec === undefined;
  const endOnly = (trim: NonNullable<Goal['trim']>) => trim.startSec === 0 && trim.endSec !== undefined && trim.endSec < 0;
  if (startOnly(before) && endOnly(after)) return { startSec: before.startSec, endSec: after.endSec };
  if (endOnly(before) && startOnly(after)) return { startSec: after.startSec, endSec: before.endSec };
  return undefined;
}
