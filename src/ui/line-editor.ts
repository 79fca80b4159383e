import { columns } from './columns.js';

/**
 * The input line with readline manners, as a pure reducer: the text, a cursor (in characters,
 * not UTF-16 units, so a Chinese word or an emoji moves as one), and the history walked with
 * Up/Down. `draft`: what was typed before Up, given back by Down past the newest entry.
 */
export type LineState = { chars: string[]; cursor: number; history: readonly string[]; recall?: number; draft?: string[] };

/** Everything that edits the line. */
export type LineEdit =
  | { type: 'insert'; text: string }
  | { type: 'left' | 'right' | 'home' | 'end' | 'word-left' | 'word-right' }
  | { type: 'backspace' | 'delete' | 'kill-start' | 'kill-end' | 'kill-word' }
  | { type: 'older' | 'newer' }
  /** Replaces the characters from `from` to the cursor (a Tab completion). */
  | { type: 'replace-before'; from: number; text: string }
  | { type: 'clear' };

/** How many lines the history keeps. */
export const HISTORY_KEEP = 200;

/** An empty line over a history (oldest first). */
export function lineState(history: readonly string[] = []): LineState {
  return { chars: [], cursor: 0, history };
}

/** The text of the line. */
export function lineText(state: LineState): string {
  return state.chars.join('');
}

/** Applies one edit. Pure. */
export function editLine(state: LineState, edit: LineEdit): LineState {
  const { chars, cursor } = state;
  switch (edit.type) {
    case 'insert': {
      // Line breaks inside a paste become spaces: one line is one instruction.
      const added = Array.from(edit.text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, ''));
      return typed(state, [...chars.slice(0, cursor), ...added, ...chars.slice(cursor)], cursor + added.length);
    }
    case 'left':
      return { ...state, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { ...state, cursor: Math.min(chars.length, cursor + 1) };
    case 'home':
      return { ...state, cursor: 0 };
    case 'end':
      return { ...state, cursor: chars.length };
    case 'word-left':
      return { ...state, cursor: wordStart(chars, cursor) };
    case 'word-right':
      return { ...state, cursor: wordEnd(chars, cursor) };
    case 'backspace':
      return cursor === 0 ? state : typed(state, [...chars.slice(0, cursor - 1), ...chars.slice(cursor)], cursor - 1);
    case 'delete':
      return cursor === chars.length ? state : typed(state, [...chars.slice(0, cursor), ...chars.slice(cursor + 1)], cursor);
    case 'kill-start':
      return typed(state, chars.slice(cursor), 0);
    case 'kill-end':
      return typed(state, chars.slice(0, cursor), cursor);
    case 'kill-word': {
      // Ctrl+W as in bash: back to the previous whitespace, so a path goes whole.
      let start = cursor;
      while (start > 0 && /\s/.test(chars[start - 1])) start--;
      while (start > 0 && !/\s/.test(chars[start - 1])) start--;
      return typed(state, [...chars.slice(0, start), ...chars.slice(cursor)], start);
    }
    case 'replace-before': {
      const added = Array.from(edit.text);
      return typed(state, [...chars.slice(0, edit.from), ...added, ...chars.slice(cursor)], edit.from + added.length);
    }
    case 'older':
      return recall(state, state.recall === undefined ? state.history.length - 1 : state.recall - 1);
    case 'newer':
      return state.recall === undefined ? state : recall(state, state.recall + 1);
    case 'clear':
      return lineState(state.history);
    default:
      return state;
  }
}

/** The history after a line was sent: consecutive repeats and blank lines are not kept. */
export function remember(history: readonly string[], line: string): string[] {
  const text = line.trim();
  if (text === '' || history.at(-1) === text) return [...history];
  return [...history, text].slice(-HISTORY_KEEP);
}

/**
 * The part of the line to show in `width` columns, with the cursor's position in it: the cursor
 * stays visible (about 70 % of the way across when the line is longer than the row), and a cut end
 * is marked with "…". Wide characters (CJK) count two columns, as the terminal shows them.
 */
export function visibleLine(state: LineState, width: number): { before: string; at: string; after: string } {
  const room = Math.max(4, width - 1);
  const { chars, cursor } = state;
  // Columns before each character, so any stretch is measured at once (this runs on every key).
  const before = [0];
  for (const char of chars) before.push(before[before.length - 1] + columns(char));
  const span = (from: number, to: number) => before[to] - before[from];
  // The cursor past the end of the line takes a cell of its own.
  const used = (from: number, to: number) => span(from, to) + (to === chars.length && cursor === chars.length ? 1 : 0);
  let start = 0;
  if (used(0, chars.length) > room) {
    start = cursor;
    while (start > 0 && span(start - 1, cursor) <= Math.floor(room * 0.7)) start--;
    while (start > 0 && used(start - 1, chars.length) <= room) start--;
  }
  let end = Math.min(cursor + 1, chars.length);
  while (end < chars.length && used(start, end + 1) <= room) end++;
  const left = chars.slice(start, cursor);
  const right = chars.slice(cursor + 1, end);
  return {
    before: start > 0 && left.length > 0 ? `…${left.slice(1).join('')}` : left.join(''),
    at: chars[cursor] ?? ' ',
    after: end < chars.length && right.length > 0 ? `${right.slice(0, -1).join('')}…` : right.join(''),
  };
}

function typed(state: LineState, chars: string[], cursor: number): LineState {
  return { ...state, chars, cursor, recall: undefined, draft: undefined };
}

function recall(state: LineState, index: number): LineState {
  if (state.history.length === 0 || index < 0) return state;
  if (index >= state.history.length) {
    const chars = state.draft ?? [];
    return { ...state, chars, cursor: chars.length, recall: undefined, draft: undefined };
  }
  const chars = Array.from(state.history[index]);
  return { ...state, chars, cursor: chars.length, recall: index, draft: state.draft ?? (state.recall === undefined ? state.chars : undefined) };
}

function wordStart(chars: string[], cursor: number): number {
  let at = cursor;
  while (at > 0 && !/[\p{L}\p{N}]/u.test(chars[at - 1])) at--;
  while (at > 0 && /[\p{L}\p{N}]/u.test(chars[at - 1])) at--;
  return at;
}

function wordEnd(chars: string[], cursor: number): number {
  let at = cursor;
  while (at < chars.length && !/[\p{L}\p{N}]/u.test(chars[at])) at++;
  while (at < chars.length && /[\p{L}\p{N}]/u.test(chars[at])) at++;
  return at;
}
