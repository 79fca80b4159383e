import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { BINDINGS, Command, commandFor } from '../../src/ui/bindings.js';
import { editLine } from '../../src/ui/edit-line.js';
import { formatEta } from '../../src/ui/JobsPane.js';
import { isNarrow, paneWidths, progressBarWidth, visibleJobRows } from '../../src/ui/layout.js';
import { themeFor } from '../../src/ui/theme.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
} as Key;
const key = (change: Partial<Key>): Key => ({ ...none, ...change });

describe('layout', () => {
  it.each([
    [80, true, 80, 80],
    [99, true, 99, 99],
    [100, false, 45, 55],
    [160, false, 72, 88],
    [10, true, 20, 20],
  ])('at %i columns: narrow %s, timeline %i, jobs %i', (columns, narrow, timeline, jobs) => {
    expect(isNarrow(columns)).toBe(narrow);
    expect(paneWidths(columns)).toEqual({ timeline, jobs });
  });

  it.each([
    [24, 8], [20, 8], [60, 20], [80, 30], [200, 30],
  ])('a pane of %i columns gets a bar of %i', (width, bar) => expect(progressBarWidth(width)).toBe(bar));

  it.each([
    [24, 6], [16, 2], [10, 1], [50, 6],
  ])('%i rows show at most %i jobs', (rows, shown) => expect(visibleJobRows(rows)).toBe(shown));
});

describe('bindings', () => {
  it.each([
    ['e', key({ ctrl: true }), false, Command.Export],
    ['t', key({ ctrl: true }), false, Command.Timeline],
    ['b', key({ ctrl: true }), false, Command.Credits],
    ['x', key({ ctrl: true }), false, Command.CancelJob],
    ['c', key({ ctrl: true }), false, Command.Quit],
    ['?', none, true, Command.Help],
    ['?', none, false, undefined],
    ['', key({ escape: true }), false, Command.CloseHelp],
    ['\r', key({ return: true }), false, Command.Send],
    ['e', none, false, undefined],
  ])('%j with %j (input empty: %s) is %s', (input, k, empty, command) => expect(commandFor(input, k, empty)).toBe(command));

  it('describes every command once, so the help overlay covers the whole key map', () => {
    expect(new Set(BINDINGS.map((b) => b.command))).toEqual(new Set(Object.values(Command)));
    for (const binding of BINDINGS) expect(binding.description.length).toBeGreaterThan(5);
  });
});

describe('editLine', () => {
  it.each([
    ['', 'a', none, 'a', false],
    ['ab', '', key({ backspace: true }), 'a', false],
    ['', '', key({ backspace: true }), '', false],
    ['日本', '', key({ delete: true }), '日', false],
    ['ab', 'e', key({ ctrl: true }), 'ab', false],
    ['ab', '', key({ leftArrow: true }), 'ab', false],
    ['ab', '\r', key({ return: true }), 'ab', true],
    ['', 'clip.mp4 under 5MB\r', none, 'clip.mp4 under 5MB', true],
    ['', 'a\tb', none, 'a b', false],
  ])('%j + %j → %j (sent: %s)', (value, input, k, expected, submit) => expect(editLine(value, input, k)).toEqual({ value: expected, submit }));
});

describe('formatEta', () => {
  it.each([
    [0, '0s'], [59, '59s'], [60, '1m00s'], [125, '2m05s'],
  ])('%i s reads %s', (seconds, text) => expect(formatEta(seconds)).toBe(text));
});

describe('theme', () => {
  it('has no colour at all under NO_COLOR', () => {
    const plain = themeFor({ NO_COLOR: '1' });
    expect(JSON.stringify(plain)).not.toMatch(/red|green|cyan|gray|yellow|magenta/);
    expect(plain.styled).toBe(false);
  });
  it('colours by meaning otherwise (an empty NO_COLOR does not count)', () => {
    expect(themeFor({}).status.error).toBeDefined();
    expect(themeFor({ NO_COLOR: '' }).status.error).toBeDefined();
  });
});
