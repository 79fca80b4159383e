import { chineseNumeralsToDigits } from './chinese-numerals.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one: such text
// cannot be encoded, and String.prototype.normalize would keep it; blank it instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters, zero-width characters and BOMs: invisible, never meaningful in an instruction.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;
// Chinese punctuation that NFKC leaves alone but that separates words like a space.
const CJK_PUNCTUATION = /[。、；！「」『』【】《》（）…—]/g;
const QUOTES = /["“”„«»]/g;
const APOSTROPHES = /[‘’`´]/g;

/**
 * Puts user text into the one form every rule reads: well-formed, NFKC (full-width "１００ＭＢ"
 * becomes "100mb", "：" becomes ":"), lower case, Chinese numerals before units as digits
 * ("前五秒" → "前5秒"), single spaces. Never throws, whatever the input.
 */
export function normalizeText(text: string): string {
  const wellFormed = text.replace(LONE_SURROGATE, ' ').normalize('NFKC').toLowerCase();
  const plain = wellFormed
    .replace(INVISIBLE, ' ')
    .replace(CJK_PUNCTUATION, ' ')
    .replace(QUOTES, ' ')
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return chineseNumeralsToDigits(plain);
}
