import type { Remark } from './remarks.js';
import { CHINESE_FILLER, STOP_WORDS } from './stop-words.js';

/** Enough to show the user what was missed without flooding a reply when they paste a novel. */
export const MAX_UNKNOWN = 20;
const MAX_WORD_LENGTH = 40;

// Runs of Han characters, or words of letters, marks and digits in any script.
const WORD = /\p{Script=Han}+|[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'-]{0,200}/gu;

/**
 * The words of what no rule read, minus filler: what to report as not understood. A bare number
 * ("compress 100") also gets a question, since it is almost always a size without its unit.
 */
export function leftoverWords(rest: string): { unknown: string[]; questions: Remark[] } {
  const unknown = new Set<string>();
  const questions: Remark[] = [];
  for (const [token] of rest.replace(CHINESE_FILLER, ' ').matchAll(WORD)) {
    if (unknown.size >= MAX_UNKNOWN) break;
    const word = token.replace(/['-]+$/, '').slice(0, MAX_WORD_LENGTH);
    if (word === '' || STOP_WORDS.has(word) || unknown.has(word)) continue;
    unknown.add(word);
    if (/^\d+(?:\.\d+)?$/.test(word)) questions.push({ code: 'bare-number', word });
  }
  return { unknown: [...unknown], questions };
}
