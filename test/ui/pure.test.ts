import { describe, expect, it } from 'vitest';
import { BINDINGS, Command, commandFor } from '../../src/ui/bindings.js';
import { decodeKey, splitKeys, type KeyPress } from '../../src/ui/keys.js';
import { columns } from '../../src/ui/columns.js';
import { editLine, HISTORY_KEEP, lineState, remember, visibleLine, type LineEdit } from '../../src/ui/line-editor.js';
import { finishedLine, formatEta } from '../../src/ui/JobsPane.js';
import { jobList } from '../../src/ui/job-list.js';
import type { Job } from '../../src/engine/index.js';
import { fitStatus, isNarrow, paneWidths, progressBarWidth } from '../../src/ui/layout.js';
import { themeFor } from '../../src/ui/theme.js';
import { quitConsequence } from '../../src/ui/quit-question.js';

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
});

describe('keys', () => {
  it.each([
    ['hell\x7f\x7f\x7fZ', ['hell', '\x7f', '\x7f', '\x7f', 'Z']],
    ['ab\rcd', ['ab', '\r', 'cd']],
    ['日本\x17', ['日本', '\x17']],
    ['\x1b[D', ['\x1b[D']],
  ])('%j is cut into %j', (event, keys) => expect(splitKeys(event)).toEqual(keys));

  it.each([
    ['\x7f', { name: 'backspace' }],
    ['\b', { name: 'backspace' }],
    ['\r', { name: 'enter' }],
    ['\t', { name: 'tab' }],
    ['\x05', { name: 'ctrl', letter: 'e' }],
    ['\x1b[D', { name: 'left' }],
    ['\x1b[1;5C', { name: 'word-right' }],
    ['\x1bOH', { name: 'home' }],
    ['\x1b[200~', { name: 'paste-start' }],
    ['\x1b[9~', { name: 'unknown' }],
    ['é', { name: 'text', text: 'é' }],
    ['\x1b[I', { name: 'focus-in' }],
    ['\x1b[O', { name: 'focus-out' }],
  ])('%j is %j', (raw, key) => expect(decodeKey(raw)).toEqual(key));

  it.each([['\x1b[I'], ['\x1b[O']])('focus report %j stays one key and is no command or text', (raw) => {
    const keys = splitKeys(raw);
    expect(keys).toEqual([raw]);
    const key = decodeKey(keys[0]);
    expect(key.name).not.toBe('text');
    expect(commandFor(key, { lineEmpty: false })).toBeUndefined();
    expect(commandFor(key, { lineEmpty: true })).toBeUndefined();
  });
});

describe('bindings', () => {
  const text = (t: string): KeyPress => ({ name: 'text', text: t });
  const ctrl = (letter: string): KeyPress => ({ name: 'ctrl', letter });
  it.each([
    [ctrl('e'), true, Command.Export],
    [ctrl('e'), false, Command.End],
    [ctrl('a'), false, Command.Home],
    [ctrl('t'), false, Command.Timeline],
    [ctrl('b'), false, Command.Credits],
    [ctrl('x'), false, Command.CancelJob],
    [ctrl('c'), false, Command.Quit],
    [ctrl('u'), false, Command.KillStart],
    [ctrl('w'), false, Command.KillWord],
    [ctrl('k'), false, Command.KillEnd],
    [text('?'), true, Command.Help],
    [text('?'), false, undefined],
    [{ name: 'escape' }, false, Command.CloseHelp],
    [{ name: 'enter' }, false, Command.Send],
    [{ name: 'up' }, true, Command.Older],
    [{ name: 'tab' }, false, Command.Complete],
    [text('e'), false, undefined],
  ] as [KeyPress, boolean, Command | undefined][])('%j (line empty: %s) is %s', (key, lineEmpty, command) => expect(commandFor(key, { lineEmpty })).toBe(command));

  it('describes every command once, so the help overlay covers the whole key map', () => {
    expect(new Set(BINDINGS.map((b) => b.command))).toEqual(new Set(Object.values(Command)));
    for (const binding of BINDINGS) expect(binding.description.length).toBeGreaterThan(5);
  });
});

describe('the line editor', () => {
  const run = (start: string, cursor: number, ...edits: LineEdit[]) => {
    const state = edits.reduce(editLine, { ...lineState(['first', 'second']), chars: Array.from(start), cursor });
    return `${state.chars.slice(0, state.cursor).join('')}|${state.chars.slice(state.cursor).join('')}`;
  };
  it.each([
    ['', 0, [{ type: 'insert', text: 'a' }], 'a|'],
    ['hell', 4, [{ type: 'backspace' }, { type: 'backspace' }, { type: 'backspace' }, { type: 'insert', text: 'Z' }], 'hZ|'],
    ['ab', 1, [{ type: 'insert', text: 'X' }], 'aX|b'],
    ['日本', 2, [{ type: 'left' }, { type: 'delete' }], '日|'],
    ['abc', 3, [{ type: 'home' }, { type: 'right' }], 'a|bc'],
    ['abc', 0, [{ type: 'end' }], 'abc|'],
    ['one two', 7, [{ type: 'left' }, { type: 'kill-start' }], '|o'],
    ['one two', 3, [{ type: 'kill-end' }], 'one|'],
    ['cut /a/b c.mp4', 14, [{ type: 'kill-word' }], 'cut /a/b |'],
    ['cut it  ', 8, [{ type: 'kill-word' }], 'cut |'],
    ['one two', 7, [{ type: 'word-left' }], 'one |two'],
    ['a\nb', 0, [{ type: 'clear' }, { type: 'insert', text: 'x\r\ny\tz' }], 'x y z|'],
    ['draft', 5, [{ type: 'older' }], 'second|'],
    ['draft', 5, [{ type: 'older' }, { type: 'older' }, { type: 'older' }], 'first|'],
    ['draft', 5, [{ type: 'older' }, { type: 'older' }, { type: 'newer' }, { type: 'newer' }], 'draft|'],
    ['draft', 5, [{ type: 'newer' }], 'draft|'],
  ] as [string, number, LineEdit[], string][])('%j at %i then %j → %j', (start, cursor, edits, expected) => expect(run(start, cursor, ...edits)).toBe(expected));

  it('keeps a history without blanks or repeats, at most HISTORY_KEEP lines', () => {
    expect(remember(['a'], 'a')).toEqual(['a']);
    expect(remember(['a'], '  ')).toEqual(['a']);
    expect(remember(['a'], ' b ')).toEqual(['a', 'b']);
    expect(remember(Array.from({ length: HISTORY_KEEP }, (_, i) => String(i)), 'new')).toHaveLength(HISTORY_KEEP);
  });

  it('keeps the cursor in view on a line longer than the screen', () => {
    const long = { ...lineState(), chars: Array.from('x'.repeat(100) + 'END'), cursor: 103 };
    const { before, at, after } = visibleLine(long, 20);
    expect(`${before}${at}${after}`.length).toBeLessThanOrEqual(20);
    expect(before.endsWith('END')).toBe(true);
    expect(before.startsWith('…')).toBe(true);
  });

  it.each([
    ['at the end', 60],
    ['in the middle', 30],
    ['at the start', 0],
  ])('counts a Chinese line in columns, two a character, with the cursor %s', (_where, cursor) => {
    const chinese = { ...lineState(), chars: Array.from('把这个视频压缩到十兆以内并且保持画质清晰'.repeat(3)), cursor };
    const { before, at, after } = visibleLine(chinese, 30);
    expect(columns(`${before}${at}${after}`)).toBeLessThanOrEqual(29);
    // The row is used, not half of it: each "…" that stands for a wide character gives one back.
    expect(columns(`${before}${at}${after}`)).toBeGreaterThanOrEqual(26);
    expect(at).toBe(chinese.chars[cursor] ?? ' ');
  });

  it('shows a short Chinese line whole', () => {
    const { before, at, after } = visibleLine({ ...lineState(), chars: Array.from('压缩到10MB'), cursor: 3 }, 30);
    expect([before, at, after]).toEqual(['压缩到', '1', '0MB']);
  });
});

describe('the status bar', () => {
  const parts = [
    { text: 'local render node', rank: 3 },
    { text: 'connected', rank: 0 },
    { text: 'credits: 1000', rank: 2 },
    { text: '? help', rank: 1 },
    { text: 'Ctrl+E export', rank: 5 },
    { text: 'Ctrl+C quit', rank: 6 },
  ];
  it.each([
    [120, 'local render node · connected · credits: 1000 · ? help · Ctrl+E export · Ctrl+C quit'],
    [80, 'local render node · connected · credits: 1000 · ? help · Ctrl+E export'],
    [60, 'local render node · connected · credits: 1000 · ? help'],
    [50, 'connected · credits: 1000 · ? help'],
    [30, 'connected · ? help'],
    [5, 'connected'],
  ])('at %i columns drops whole parts: %s', (width, line) => expect(fitStatus(parts, width)).toBe(line));

  it('counts a wide part in columns', () => {
    const wide = [{ text: '渲染节点', rank: 1 }, { text: 'connected', rank: 0 }];
    expect(fitStatus(wide, 21)).toBe('渲染节点 · connected');
    expect(fitStatus(wide, 20)).toBe('connected');
  });
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

describe('the job list', () => {
  const job = (id: string, status: Job['status'], updatedAt: number, more: Partial<Job> = {}): Job => ({ id, input: `/v/${id}.mp4`, status, startedAt: 0, updatedAt, fraction: 0, phaseStartedAt: 0, ...more });
  it('puts running jobs on top and finished ones below, newest first, the history of earlier runs included', () => {
    const live = [job('a', 'done', 5, { output: '/o/a.compressed.mp4', bytes: 250_000, targetBytes: 300_000 }), job('b', 'rendering', 6)];
    const past = [{ ...job('old', 'done', 1), output: '/o/old.compressed.mp4', bytes: 1000 }, { ...job('cut', 'rendering', 2) }];
    const { running, finished } = jobList(live, past);
    expect(running.map((j) => j.id)).toEqual(['b']);
    expect(finished.map((j) => j.id)).toEqual(['a', 'cut', 'old']);
    expect(finished.map(finishedLine)).toEqual(['a.mp4 → /o/a.compressed.mp4 (250 KB of 300 KB)', 'cut.mp4: interrupted (the studio quit while it ran) · retry: Ctrl+O, r', 'old.mp4 → /o/old.compressed.mp4 (1 KB)']);
  });
  it('says why an interrupted job stopped when it was not the quit', () => {
    const killed = job('killed', 'canceled', 3, { interrupted: true, reason: 'the studio was stopped while it rendered' });
    expect(finishedLine(killed)).toBe('killed.mp4: interrupted (the studio was stopped while it rendered) · retry: Ctrl+O, r');
  });
});

describe('quitConsequence', () => {
  it.each([
    [1, true, 'the render will stop'],
    [3, true, '3 renders will stop'],
    [1, false, 'the render goes on in the serve node, and the next start picks it up'],
    [2, false, '2 renders go on in the serve node, and the next start picks them up'],
  ])('%i running, stops %s: %s', (running, stops, words) => {
    expect(quitConsequence(running, stops)).toBe(words);
  });
});
