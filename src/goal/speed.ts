import type { Speed } from './types.js';
import type { Rule } from './scan.js';

/**
 * Encoder effort words, each level with a cheap pre-test that every phrase of it passes. Runs after
 * quality, so "best quality" is already taken when "best" is read.
 */
const PHRASES: [Speed, RegExp, RegExp][] = [
  ['best', /\bslow(?:ly)?(?:,)?(?: but| and)? (?:best|better|good|smaller)\b|\bbest (?:compression|encode|encoding|effort|result|results)\b|\btake (?:your|all the) time\b|\bmax(?:imum)? effort\b|\bslow(?:est|er)?\b(?![ -]?mo)|\bbest\b|慢一点|慢/g, /slow|best|time|effort|慢/],
  ['balanced', /\b(?:balanced|normal|medium|default|regular) (?:speed|effort|encode|encoding)\b/g, /speed|effort|encod/],
  ['fast', /\bas (?:fast|quick|quickly) as (?:possible|you can)\b|\b(?:fast|faster|fastest|quick|quickly|quicker|asap|rapid|rapidly|speedy|hurry|in a hurry|right away|right now|urgent)\b|快速|快点|尽快|快一点|加急/g, /fast|quick|asap|rapid|speed|hurry|right|urgent|快|急/],
];

/** "fast", "quick", "asap" → fast; "best", "slow but best" → best. */
export const speedRules: Rule[] = PHRASES.map(([speed, pattern, when]): Rule => ({ pattern, when, read: () => ({ kind: 'goal', goal: { speed } }) }));
