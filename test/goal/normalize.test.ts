import { describe, expect, it } from 'vitest';
import { chineseNumeralValue, normalizeText } from '../../src/goal/normalize.js';
import { toSeconds } from '../../src/goal/durations.js';
import { correctSpelling } from '../../src/goal/spelling.js';

describe('normalizeText', () => {
  it.each<[string, string]>([
    ['  Compress   THIS\tvideo\n', 'compress this video'],
    ['１００ＭＢ以内', '100mb以内'],
    ['0：10', '0:10'],
    ['剪掉前五秒。静音！', '剪掉前5秒 静音!'],
    ['小于五十兆', '小于50兆'],
    ['一半', '一半'],
    ['don’t lose quality', "don't lose quality"],
    ['“under 10MB”', 'under 10mb'],
    ['a\u0000b\u200bc\ufeffd', 'a b c d'],
    ['lone \ud800 surrogate \udc00', 'lone surrogate'],
    ['emoji 😀 stays', 'emoji 😀 stays'],
  ])('%j → %j', (text, normalized) => {
    expect(normalizeText(text)).toBe(normalized);
  });
});

describe('chineseNumeralValue', () => {
  it.each<[string, number]>([
    ['五', 5],
    ['十', 10],
    ['十五', 15],
    ['三十', 30],
    ['二十五', 25],
    ['一百', 100],
    ['一百零五', 105],
    ['两', 2],
  ])('%s → %d', (numeral, value) => {
    expect(chineseNumeralValue(numeral)).toBe(value);
  });
});

describe('toSeconds', () => {
  it.each<[string, number]>([
    ['10 seconds', 10],
    ['5s', 5],
    ['1 minute', 60],
    ['1.5 minutes', 90],
    ['1m30s', 90],
    ['2 min 20 s', 140],
    ['1 minute and 30 seconds', 90],
    ['0:45', 45],
    ['1:02:03', 3723],
    ['1 hour', 3600],
    ['5秒', 5],
    ['1分30秒', 90],
  ])('%s → %d', (text, seconds) => {
    expect(toSeconds(text)).toBe(seconds);
  });
});

describe('correctSpelling', () => {
  it.each<[string, string]>([
    ['compres this', 'compress this'],
    ['comrpess this', 'compress this'],
    ['exprot it', 'export it'],
    ['udner 10mb', 'under 10mb'],
    ['without lossing qualty', 'without losing quality'],
    ['make it short', 'make it short'],
    ['balanced quality', 'balanced quality'],
    ['an expert compass', 'an expert compass'],
    ['discard the audio', 'discard the audio'],
    ['on a remote machine', 'on a remote machine'],
  ])('%j → %j', (text, corrected) => {
    expect(correctSpelling(text)).toBe(corrected);
  });
});
