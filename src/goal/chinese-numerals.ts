const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

// A run of numerals followed by a unit the parser reads (seconds, minutes, times, frames, MB, %).
// "一半" (half) and "一下" (a little) are not numbers: the lookahead only admits units.
const NUMERAL_BEFORE_UNIT = /[零一二两三四五六七八九十百]{1,6}(?=\s?(?:秒|分|倍|帧|兆|小时|个小时|%|mb|gb|kb|m\b|g\b))/g;

/** Writes small Chinese numbers that stand before a unit as digits: "十五秒" → "15秒". */
export function chineseNumeralsToDigits(text: string): string {
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
