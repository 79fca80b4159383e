import { describe, expect, it } from 'vitest';
import { describeGoal, parseInstruction, summarizeInstruction } from '../../src/goal/index.js';
import { seededRandom as random } from '../helpers/seeded-random.js';
import { invalidReasons } from './valid-parsed.js';

// Pieces that look like instructions, so random text also exercises the rules, not only the filler.
const PIECES = [
  'compress', 'under', '100', 'mb', 'MB', 'gb', 'k', 'p', '1080p', '4k', 'x', '1920x1080', ':', '0:10', '-', 'to', 'from', 'first', 'last',
  'seconds', 's', 'fps', '%', 'half', 'smaller', 'by', 'mute', 'audio', '96k', 'discord', 'nitro', 'on x', 'webm', 'h265', '.', ',',
  '压缩', '到', '以内', '兆', '前', '秒', '五', '十', '竖屏', '导出', '积分', '?', '？', ' ', '  ', '\t', '\n', '😀', '👍🏽', '🇨🇳',
  '\u0000', '\u0007', '\u001b[31m', '\u200b', '\ufeff', '\ud800', '\udfff', '\udc00x', 'İ', 'ß', 'ﬁ', '１００ＭＢ', '≤', '<', '>', '9:16',
];

function randomText(next: () => number, maxPieces: number): string {
  const count = Math.floor(next() * maxPieces);
  let text = '';
  for (let i = 0; i < count; i += 1) {
    text += next() < 0.7 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(Math.floor(next() * 0x10000));
  }
  return text;
}

function expectValid(text: string): void {
  const parsed = parseInstruction(text);
  expect(invalidReasons(parsed), JSON.stringify(String(text).slice(0, 200))).toEqual([]);
  expect(typeof describeGoal(parsed.goal)).toBe('string');
  expect(typeof summarizeInstruction(parsed)).toBe('string');
}

describe('parseInstruction on any input', () => {
  it('returns a valid object for 3,000 random strings of instruction pieces, emoji and odd characters', () => {
    const next = random(20261124);
    for (let i = 0; i < 3000; i += 1) expectValid(randomText(next, 24));
  });

  it('returns a valid object for random UTF-16 code units, lone surrogates included', () => {
    const next = random(7);
    for (let i = 0; i < 500; i += 1) {
      expectValid(Array.from({ length: Math.floor(next() * 60) }, () => String.fromCharCode(Math.floor(next() * 0x10000))).join(''));
    }
  });

  it.each([
    ['100 KB of random instruction pieces', randomText(random(1), 40_000).slice(0, 100_000)],
    ['100 KB of digits', '1'.repeat(100_000)],
    ['100 KB of one letter', 'a'.repeat(100_000)],
    ['100 KB of spaces then a goal', `${' '.repeat(100_000)}under 10MB`],
    ['100 KB of "under 100mb "', 'under 100mb '.repeat(9_000)],
    ['100 KB of clock-like text', '1:1'.repeat(33_000)],
    ['100 KB of "1920x"', '1920x'.repeat(20_000)],
    ['100 KB of path-like text', 'a/'.repeat(50_000) + '.mp4'],
    ['100 KB of Chinese', '压缩到一百兆以内前五秒'.repeat(9_000)],
    ['100 KB of emoji', '😀'.repeat(50_000)],
    ['100 KB of control characters', '\u0001\u0002\u001f'.repeat(33_000)],
    ['100 KB of lone surrogates', '\ud800'.repeat(100_000)],
    ['nested-looking numbers', '1.1.1.1,1,1,1'.repeat(8_000)],
    ['100 KB of half-finished trims', 'cut the first 1 and the last '.repeat(3_500)],
    ['100 KB of half-finished ranges', 'from 1 to from 0:1 between 1s and '.repeat(3_000)],
    ['100 KB of keep phrases', 'keep only just the first '.repeat(4_000)],
    ['100 KB of Chinese trims', '剪掉前面的前最后后'.repeat(11_000)],
    ['100 KB of fractions and times', '1/1/1/2x3x4:5:6 '.repeat(6_000)],
    ['100 KB of quality words', 'without losing the visual quality of any '.repeat(2_500)],
    ['100 KB of size comparators', 'no more than under less than to a '.repeat(3_000)],
    ['100 KB of units', 'mb kb gb 1 s 2 min '.repeat(5_000)],
  ])('returns a valid object for %s', (_name, text) => {
    expectValid(text);
  });

  it('keeps the reports short on a pasted novel', () => {
    const words = parseInstruction('lorem ipsum dolor sit amet consectetur adipiscing elit '.repeat(2_000));
    expect(words.unknown.length).toBeLessThanOrEqual(20);
    const oddities = parseInstruction(Array.from({ length: 5_000 }, (_, i) => `${i} seconds, ${i}kbps, vp9 ${i + 300}fps`).join('; '));
    expect(oddities.unknown.length).toBeLessThanOrEqual(20);
    expect(oddities.ambiguities.length).toBeLessThanOrEqual(10);
  });

  it('treats a value that is not a string as empty text', () => {
    expectValid(undefined as unknown as string);
    expectValid(42 as unknown as string);
  });
});
