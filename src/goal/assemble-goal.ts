import { platformById } from './platforms.js';
import type { Finding } from './scan.js';
import type { Goal } from './types.js';

/**
 * Builds the Goal from the findings, in the order they were said. A field said twice with
 * different values keeps the later one and says so; a platform preset fills only the fields the
 * user did not set ("discord but 720p").
 */
export function assembleGoal(findings: readonly Finding[]): { goal: Goal; remarks: string[] } {
  const remarks: string[] = [];
  const explicit: Record<string, unknown> = {};
  const saidAs: Record<string, string> = {};
  let platform: Finding | undefined;

  for (const finding of findings) {
    if (finding.kind === 'platform') {
      if (platform && platform.kind === 'platform' && platform.platform !== finding.platform) {
        remarks.push(`You named both ${label(platform.platform)} and ${label(finding.platform)}; I'll fit ${label(finding.platform)} (said last).`);
      }
      platform = finding;
    }
    if (finding.kind !== 'goal') continue;
    for (const [field, value] of Object.entries(finding.goal)) {
      if (value === undefined) continue;
      if (field in explicit && JSON.stringify(explicit[field]) !== JSON.stringify(value) && saidAs[field] !== finding.said) {
        remarks.push(`You asked for both “${saidAs[field]}” and “${finding.said}”; I'll use “${finding.said}” (said last).`);
      }
      explicit[field] = value;
      saidAs[field] = finding.said;
    }
  }

  const preset = platform?.kind === 'platform' ? platformById(platform.platform) : undefined;
  const goal: Goal = preset ? { ...preset.goal, ...(explicit as Goal), platform: preset.id } : (explicit as Goal);
  return { goal, remarks };
}

function label(id: string): string {
  return platformById(id)?.label ?? id;
}
