import { describeGoal } from './describe-goal.js';
import type { ParsedInstruction } from './parse-types.js';
import type { Intent } from './types.js';

const ROUTED: Record<Exclude<Intent, 'compress' | 'export'>, string> = {
  credits: 'show the credit balance',
  status: 'show the session status and tracks',
  upload: 'upload a video',
  help: 'show what I can do',
  unknown: 'not understood',
};

/**
 * One line saying what will happen: the goal for compress and export ("export · ≤ 100 MB · …"),
 * otherwise the routed action. An upload that also set a goal says both.
 */
export function summarizeInstruction({ intent, goal }: Pick<ParsedInstruction, 'intent' | 'goal'>): string {
  if (intent === 'compress') return describeGoal(goal);
  if (intent === 'export') return `export · ${describeGoal(goal)}`;
  if (intent === 'upload' && Object.keys(goal).length > 0) return `${ROUTED.upload}, then ${describeGoal(goal)}`;
  return ROUTED[intent];
}
