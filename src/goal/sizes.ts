import { HAS_DIGIT, type Rule } from './scan.js';

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

/** Bytes per unit, longest spellings first so the alternation prefers them (typos like "mbs" included). */
const UNITS: [string, number][] = [
  ['kib|kibibytes?', 1024],
  ['kilo ?bytes?|kbs|kb|kilos?|k', 1000],
  ['mib|mebibytes?', 1024 ** 2],
  ['mega ?bytes?|megs?|mega|mbs|mb|mo|兆|m', 1000 ** 2],
  ['gib|gibibytes?', 1024 ** 3],
  ['giga ?bytes?|gigs?|giga|gbs|gb|g', 1000 ** 3],
  ['bytes?', 1],
];
const UNIT = UNITS.map(([spellings]) => spellings).join('|');
const UNIT_TESTS: [RegExp, number][] = UNITS.map(([spellings, bytes]) => [new RegExp(`^(?:${spellings})$`), bytes]);

// Words before a number that make it a cap ("under 100MB"), the input's size ("my 500MB video"),
// or a floor, which no compressor can promise ("over 100MB"). "to a 10MB file" is a cap, "a 500MB video" the input.
const CAP_BEFORE = String.raw`(?:to|into|as|it|make it) an?|under|sub|below|beneath|less than|lower than|smaller than|at most|max(?:imum)?|no (?:more|bigger|larger) than|not (?:more|bigger|larger) than|up to|within|fits?(?: in(?:to)?| under)?|to|into|down to|target|limit|<=|≤|<|小于|低于|少于|不超过|不到|压到|压缩到|压成|控制在|到`;
const SOURCE_BEFORE = String.raw`from|is|was|it's|its|currently|weighs|my|a|an|this|original`;
const FLOOR_BEFORE = String.raw`over|above|more than|at least|bigger than|larger than|>=|≥|>|大于|超过`;
const CAP_AFTER = String.raw`以内|以下|之内|内|or less|or smaller|max|maximum|tops`;

const SIZE = new RegExp(
  String.raw`(?:(?<!\w)(${CAP_BEFORE}|${SOURCE_BEFORE}|${FLOOR_BEFORE})\s{0,3})?(${NUMBER})\s{0,2}(${UNIT})(?![a-z0-9])(?:\s{0,2}(${CAP_AFTER})(?![a-z]))?`,
  'g',
);

const isCapWord = wordTest(CAP_BEFORE);
const isFloorWord = wordTest(FLOOR_BEFORE);

// "from 500MB to 100MB", "500MB → 100MB": the first is the input, the second the cap.
const FROM_TO = new RegExp(
  String.raw`(?:(?<!\w)from\s{1,3})?(${NUMBER})\s{0,2}(${UNIT})(?![a-z0-9])\s{0,3}(?:to|into|down to|->|→|变成|到)\s{0,3}(${NUMBER})\s{0,2}(${UNIT})(?![a-z0-9])`,
  'g',
);

/** Absolute sizes: "under 100MB", "1.5 gigs", "800k", "2 MiB", "小于50兆", "100mb以内", "half a gig". */
export const sizeRules: Rule[] = [
  {
    pattern: /\b(half )?an? (gig|gigabyte|meg|megabyte)\b/g,
    read: ([, half, unit]) => ({ kind: 'goal', goal: { targetBytes: (half ? 0.5 : 1) * (unit.startsWith('g') ? 1000 ** 3 : 1000 ** 2) } }),
  },
  {
    when: HAS_DIGIT,
    pattern: FROM_TO,
    read: ([, fromAmount, fromUnit, toAmount, toUnit]) => {
      const from = bytesOf(fromAmount, fromUnit);
      const to = bytesOf(toAmount, toUnit);
      if (!(to > 0 && from > 0) || !Number.isFinite(from + to)) return undefined;
      return [
        { kind: 'source-size', bytes: from },
        { kind: 'goal', goal: { targetBytes: to } },
      ];
    },
  },
  {
    when: HAS_DIGIT,
    pattern: SIZE,
    read: (match) => {
      const [, before, amount, unit, after] = match;
      const bytes = bytesOf(amount, unit);
      const capped = (before !== undefined && isCapWord(before)) || after !== undefined;
      // A bare "m" or "g" is a size only when the sentence says it is one ("under 100m", "100m以内").
      if ((unit === 'm' || unit === 'g') && !capped) return undefined;
      if (!(bytes > 0) || !Number.isFinite(bytes)) {
        return { kind: 'unknown', word: match[0].trim(), question: { code: 'not-a-size', said: match[0].trim() } };
      }
      if (before !== undefined && isFloorWord(before)) {
        return { kind: 'remark', remark: { code: 'floor-size', amount, unit } };
      }
      if (!capped && before !== undefined) return { kind: 'source-size', bytes };
      return { kind: 'goal', goal: { targetBytes: bytes } };
    },
  },
];

/** Whole bytes in "1.5" "gb" (NaN for a unit the table does not know, which cannot happen after a match). */
function bytesOf(amount: string, unit: string): number {
  const perUnit = UNIT_TESTS.find(([spellings]) => spellings.test(unit))?.[1] ?? Number.NaN;
  return Math.round(toNumber(amount) * perUnit);
}

function wordTest(alternation: string): (word: string) => boolean {
  const pattern = new RegExp(`^(?:${alternation})$`);
  return (word) => pattern.test(word);
}
