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

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

// A run of numerals followed by a unit the parser reads (seconds, minutes, times, frames, MB, %).
// "一半" (half) and "一下" (a little) are not numbers: the lookahead only admits units.
const NUMERAL_BEFORE_UNIT = /[零一二两三四五六七八九十百]{1,6}(?=\s?(?:秒|分|倍|帧|兆|小时|个小时|%|mb|gb|kb|m\b|g\b))/g;

/** Writes small Chinese numbers that stand before a unit as digits: "十五秒" → "15秒". */
function chineseNumeralsToDigits(text: string): string {
  return text.replace(NUMERAL_BEFORE_UNIT, (numeral) => String(chineseNumeralValue(numeral)));
}

/** The value of a Chinese numeral up to 999 ("三十" → 30, "一百二十" → 120, "二十五" → 25). */
export function chineseNumeralValue(numeral: string): number {
  let total = 0;
  let current = 0;
  for (const char of numeral) {
    if (char === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (char === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = current * 10 + (DIGITS[char] ?? 0);
    }
  }
  return total + current;
}
