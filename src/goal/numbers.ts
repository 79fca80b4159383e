/**
 * Regex fragments for numbers, bounded so that no pattern can backtrack across a long run of digits.
 * `NUMBER` accepts "100", "1.5", "1,000" and "1,000,000"; the lookbehind keeps it from starting
 * in the middle of another number.
 */
export const NUMBER = String.raw`(?<![\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3}){1,3}|\d{1,9})(?:\.\d{1,6})?`;

/** A number as written in NUMBER ("1,000.5" → 1000.5). */
export function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}
