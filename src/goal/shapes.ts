import type { Aspect } from './types.js';
import { HAS_DIGIT, type Rule } from './scan.js';

const SHAPES: [Aspect, RegExp][] = [
  ['9:16', /(?<![\d.:])9\s?[:x/]\s?16(?![\d:])|\b(?:vertical|vertically|portrait|upright|phone format|stories|story format)\b|竖屏|竖版|竖向|竖着/g],
  ['1:1', /(?<![\d.:])1\s?[:x/]\s?1(?![\d:])|\bsquare\b|正方形|方形|方屏/g],
  ['4:5', /(?<![\d.:])4\s?[:x/]\s?5(?![\d:])|\b(?:instagram )?feed format\b/g],
  ['16:9', /(?<![\d.:])16\s?[:x/]\s?9(?![\d:])|\b(?:landscape|horizontal|horizontally|widescreen|wide screen)\b|横屏|横版|横向|横着/g],
];

// Every shape phrase holds one of these.
const SHAPE_WORD = /\d|vertical|portrait|upright|phone|stor|square|feed|landscape|horizontal|wide|竖|方|横/;

/** Output shapes: vertical/portrait/9:16, square/1:1, 4:5, landscape/16:9, 竖屏, 横屏. */
export const shapeRules: Rule[] = [
  ...SHAPES.map(([aspect, pattern]): Rule => ({ pattern, when: SHAPE_WORD, read: () => ({ kind: 'goal', goal: { aspect } }) })),
  {
    when: HAS_DIGIT,
    pattern: /(?<![\d.:])(4\s?[:/]\s?3|3\s?[:/]\s?4|21\s?[:/]\s?9|2\s?[:/]\s?1|3\s?[:/]\s?2)(?![\d:])/g,
    read: ([said]) => ({ kind: 'unknown', word: said, question: { code: 'bad-shape', said } }),
  },
];
