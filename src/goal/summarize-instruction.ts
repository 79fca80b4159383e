import { describeGoal } from './describe-goal.js';
import type { Edits, ParsedInstruction } from './parse-types.js';
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
 * otherwise the routed action. An upload that also set a goal says both. Title and music edits
 * follow the goal (alone when the goal is empty: "add a title" changes no setting).
 */
export function summarizeInstruction({ intent, goal, edits }: Pick<ParsedInstruction, 'intent' | 'goal' | 'edits'>): string {
  const added = edits ? describeEdits(edits) : '';
  if (intent === 'compress') return added && Object.keys(goal).length === 0 ? added : `${describeGoal(goal)}${added && ` · ${added}`}`;
  if (intent === 'export') return `export · ${describeGoal(goal)}${added && ` · ${added}`}`;
  if (intent === 'upload' && Object.keys(goal).length > 0) return `${ROUTED.upload}, then ${describeGoal(goal)}`;
  return ROUTED[intent];
}

/** Title and music edits in a few words: `title "Urban Dreams" · music at 35%`. */
export function describeEdits(edits: Edits): string {
  const parts: string[] = [];
  if (edits.title === null) parts.push('no title');
  else if (edits.title) parts.push(`title "${edits.title.text}"`);
  if (edits.music === null) parts.push('no background music');
  else if (edits.music) parts.push(edits.music.volume === undefined ? 'background music' : `music at ${Math.round(edits.music.volume * 100)}%`);
  return parts.join(' · ');
}
