import type { Speed } from './types.js';
import type { Rule } from './scan.js';

/** Encoder effort words. Runs after quality, so "best quality" is already taken when "best" is read. */
const PHRASES: [Speed, RegExp][] = [
  ['best', /\bslow(?:ly)?(?:,)?(?: but| and)? (?:best|better|good|smaller)\b|\bbest (?:compression|encode|encoding|effort|result|results)\b|\btake (?:your|all the) time\b|\bmax(?:imum)? effort\b|\bslow(?:est|er)?\b|\bbest\b|慢一点|慢/g],
  ['balanced', /\b(?:balanced|normal|medium|default|regular) (?:speed|effort|encode|encoding)\b/g],
  ['fast', /\bas (?:fast|quick|quickly) as (?:possible|you can)\b|\b(?:fast|faster|fastest|quick|quickly|quicker|asap|rapid|rapidly|speedy|hurry|in a hurry|right away|right now|urgent)\b|快速|快点|尽快|快一点|加急/g],
];

/** "fast", "quick", "asap" → fast; "best", "slow but best" → best. */
export const speedRules: Rule[] = PHRASES.map(([speed, pattern]): Rule => ({ pattern, read: () => ({ kind: 'goal', goal: { speed } }) }));
