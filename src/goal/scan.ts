import type { Edits } from './parse-types.js';
import type { Remark } from './remarks.js';
import type { Goal, Intent } from './types.js';

/** One thing a rule understood, at the place in the normalized text where it was said. */
export type Finding = { at: number; said: string } & Understood;

/** What a rule makes of a match, before it is placed. */
export type Understood =
  /** Fields of the Goal the user set explicitly. */
  | { kind: 'goal'; goal: Goal }
  /** A routing word ("export", "积分"): decides the intent, not the goal. */
  | { kind: 'intent'; intent: Intent }
  /** A platform preset by its id in the platform table. */
  | { kind: 'platform'; platform: string }
  /** A size that describes the input ("my 500MB video"), not a cap. */
  | { kind: 'source-size'; bytes: number }
  /** A question or remark for the user. */
  | { kind: 'remark'; remark: Remark }
  /** A title or background music to add, change or remove. */
  | { kind: 'edit'; edit: Edits }
  /** Words recognised as meaningful but not usable, with the question to ask about them. */
  | { kind: 'unknown'; word: string; question?: Remark };

/**
 * A pattern and what it means. `read` returns undefined to leave the match unconsumed (another
 * rule may want it), or an empty list to consume it silently (words that carry no meaning here).
 * Every pattern must be global and linear: bounded quantifiers only, so a 100 KB input stays fast.
 */
export type Rule = {
  pattern: RegExp;
  read: (match: RegExpMatchArray) => Understood | Understood[] | undefined;
  /**
   * A cheap test that must pass before the pattern runs at all: most instructions hold no number,
   * and skipping the number rules for them keeps parsing fast. It must match whatever `pattern` can.
   */
  when?: RegExp;
};

/** For rules whose every match holds a digit (Chinese numerals are digits by the time rules run). */
export const HAS_DIGIT = /\d/;

/**
 * Runs the rules in order over the text. Each match a rule reads is blanked out with spaces of the
 * same length, so later rules cannot read it twice and every finding keeps its true position.
 * Returns the findings and what is left over (for the unknown-word report).
 */
export function scan(text: string, rules: readonly Rule[]): { findings: Finding[]; rest: string } {
  const findings: Finding[] = [];
  let rest = text;
  for (const rule of rules) if (rule.when === undefined || rule.when.test(rest)) rest = applyRule(rest, rule, findings);
  findings.sort((a, b) => a.at - b.at);
  return { findings, rest };
}

function applyRule(text: string, rule: Rule, findings: Finding[]): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(rule.pattern)) {
    const understood = rule.read(match);
    if (understood === undefined) continue;
    const at = match.index ?? 0;
    const said = match[0].trim();
    for (const item of Array.isArray(understood) ? understood : [understood]) findings.push({ at, said, ...item });
    out += text.slice(last, at) + ' '.repeat(match[0].length);
    last = at + match[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** A rule whose every match means the same fixed thing. */
export function fixed(pattern: RegExp, understood: Understood | Understood[]): Rule {
  return { pattern, read: () => understood };
}
