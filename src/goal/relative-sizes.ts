import { NUMBER, toNumber } from './sizes.js';
import { HAS_DIGIT, type Rule, type Understood } from './scan.js';

const SIZE_NOUN = String.raw`(?:(?:the |its |of the |of its |of )?(?:original |current |file |source )?(?:size|file|original))`;
const PERCENT = String.raw`(${NUMBER})\s?(?:%|percent|per cent)`;

/** "half the size", "50% smaller", "by 70%", "10x smaller", "30% of the size", "一半", "缩小50%". */
export const relativeSizeRules: Rule[] = [
  {
    pattern: new RegExp(String.raw`\b(?:half|halve|halved|halving)(?: (?:as big|as large|the size|its size|size|of the size|of its size|of the original|the file size))?\b|一半|减半`, 'g'),
    read: () => fraction(0.5, 'half'),
  },
  {
    pattern: new RegExp(String.raw`\b(?:a |one )?(third|quarter|fourth|tenth)\b(?: ${SIZE_NOUN})?`, 'g'),
    read: ([, part]) => fraction({ third: 1 / 3, quarter: 0.25, fourth: 0.25, tenth: 0.1 }[part] ?? Number.NaN, part),
  },
  {
    when: HAS_DIGIT,
    pattern: new RegExp(String.raw`${PERCENT}\s{0,2}(?:smaller|less|lighter|reduction|off|down|lower|压缩|缩小|减少)`, 'g'),
    read: ([said, percent]) => fraction(1 - toNumber(percent) / 100, said),
  },
  {
    when: HAS_DIGIT,
    pattern: new RegExp(String.raw`(?:\b(?:(?:reduce|reduced|shrink|shrunk|cut|cuts|compress|decrease|lower)(?: (?:it|the size|size|the file|this))? )?by|缩小|减少|减小|降低|压缩)\s{0,2}${PERCENT}`, 'g'),
    read: ([said, percent]) => fraction(1 - toNumber(percent) / 100, said),
  },
  {
    when: HAS_DIGIT,
    pattern: new RegExp(String.raw`(\b(?:to|down to|at|into)\s{1,2}|(?:压到|压缩到|缩小到|减小到)(?:原来|原始大小|原大小)?的?)?${PERCENT}(\s{0,2}${SIZE_NOUN})?`, 'g'),
    read: ([said, to, percent, noun]) => {
      const size = fraction(toNumber(percent) / 100, said);
      if (to !== undefined || noun !== undefined || size.kind !== 'goal') return size;
      // "compress 70%" could mean 70% of the size or 70% smaller: take the literal reading, and say so.
      return [size, { kind: 'remark', remark: { code: 'percent-of-original', said, percent } }];
    },
  },
  {
    // "1/4 the size", "to 1/3": only unit fractions, so dates and 4:5-like shapes stay out.
    when: HAS_DIGIT,
    pattern: new RegExp(String.raw`(?<![\d./:])1\s?/\s?(\d{1,2})(?![\d/:])(?:\s{0,2}${SIZE_NOUN})?`, 'g'),
    read: ([said, denominator]) => fraction(1 / Number(denominator), said),
  },
  {
    when: HAS_DIGIT,
    pattern: new RegExp(String.raw`(?<![\d.])(\d{1,4}(?:\.\d{1,2})?)\s?(?:x|×|times)\s{0,2}(?:smaller|less|lighter|more compressed)|(?:缩小|压缩|减小)\s{0,1}(\d{1,4}(?:\.\d{1,2})?)\s{0,1}倍`, 'g'),
    read: ([said, english, chinese]) => fraction(1 / toNumber(english ?? chinese), said),
  },
];

function fraction(value: number, said: string): Understood {
  if (value > 0 && value < 1) return { kind: 'goal', goal: { relativeSize: Math.round(value * 1e6) / 1e6 } };
  return { kind: 'unknown', word: said, question: { code: 'not-smaller', said } };
}
