import { describe, expect, it } from 'vitest';
import { findHandbrake, handbrakeArgs } from '../../bench/handbrake.js';
import { naiveTwoPassArgs, naiveVideoKbps } from '../../bench/naive-two-pass.js';
import { median, shareOf } from '../../bench/stats.js';
import { bytes, fixed, markdownTable, percent, seconds } from '../../bench/table.js';

describe('median', () => {
  it.each([
    [[], undefined],
    [[3], 3],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[1, Number.NaN, 3], 2],
  ])('median(%j) is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('shareOf', () => {
  it.each([
    [[], undefined],
    [[1, 2, 3, 4], 0.5],
    [[2, 4], 1],
  ])('share of even numbers in %j is %s', (values, expected) => {
    expect(shareOf(values, (value) => value % 2 === 0)).toBe(expected);
  });
});

describe('markdownTable', () => {
  it('pads cells to the widest one and marks right-aligned columns', () => {
    const table = markdownTable([{ heading: 'tool' }, { heading: 'SSIM', align: 'right' }], [
      ['ours', '0.9876'],
      ['naive', '0.97'],
    ]);
    expect(table).toBe(
      ['| tool  |   SSIM |', '|-------|-------:|', '| ours  | 0.9876 |', '| naive |   0.97 |'].join('\n'),
    );
  });

  it('escapes pipes and fills short rows', () => {
    expect(markdownTable([{ heading: 'a' }, { heading: 'b' }], [['x|y']])).toBe(
      ['| a    | b   |', '|------|-----|', '| x\\|y |     |'].join('\n'),
    );
  });
});

describe('cell formats', () => {
  it.each([
    [fixed(0.98765, 3), '0.988'],
    [fixed(undefined, 3), '–'],
    [fixed(Number.NaN, 1), '–'],
    [percent(0.5), '50 %'],
    [percent(undefined), '–'],
    [seconds(1234), '1.2 s'],
    [bytes(1_250_000), '1.25 MB'],
    [bytes(66_250), '66.3 kB'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('naiveVideoKbps (target bits / duration − audio)', () => {
  it.each([
    // 1 MB over 10 s is 800 kbit/s; minus 128 of audio.
    [1_000_000, 10, 128, { kbps: 672, clamped: false }],
    [1_000_000, 10, 0, { kbps: 800, clamped: false }],
    // Rounds down so the formula never asks for more than the target.
    [1_000_001, 3, 0, { kbps: 2666, clamped: false }],
    // Audio alone is over the budget: the formula goes negative and is clamped.
    [9_000, 3, 128, { kbps: 16, clamped: true }],
  ])('%d bytes over %d s with %d kbps audio', (targetBytes, durationSec, audioKbps, expected) => {
    expect(naiveVideoKbps(targetBytes, durationSec, audioKbps)).toEqual(expected);
  });
});

describe('naiveTwoPassArgs', () => {
  it('runs pass 1 silent into null and pass 2 with AAC 128k into the output', () => {
    const [pass1, pass2] = naiveTwoPassArgs('in.webm', 'out.mp4', 'log', 500, true);
    expect(pass1.join(' ')).toBe('-y -i in.webm -c:v libx264 -preset medium -b:v 500k -passlogfile log -pass 1 -an -f null -');
    expect(pass2.join(' ')).toBe('-y -i in.webm -c:v libx264 -preset medium -b:v 500k -passlogfile log -pass 2 -c:a aac -b:a 128k out.mp4');
  });

  it('writes no audio track for a silent source', () => {
    expect(naiveTwoPassArgs('in.avi', 'out.mp4', 'log', 500, false)[1]).toContain('-an');
  });
});

describe('handbrakeArgs', () => {
  it('asks for the naive bitrate in two passes with the Fast 1080p30 preset and no automatic crop', () => {
    expect(handbrakeArgs('in.mov', 'out.mp4', 672).join(' ')).toBe(
      '--preset Fast 1080p30 -i in.mov -o out.mp4 --vb 672 --two-pass --turbo -B 128 --crop-mode none',
    );
  });

  it('is not found on an empty PATH', () => {
    expect(findHandbrake('')).toBeUndefined();
  });
});
