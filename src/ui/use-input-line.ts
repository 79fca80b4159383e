import { useRef, useState } from 'react';
import { escapePath, pathBeingTyped } from '../studio/index.js';
import { Command } from './bindings.js';
import { editLine, lineState, lineText, remember, type LineEdit, type LineState } from './line-editor.js';

/** The keys that edit the line in place, and the edit each makes. */
const LINE_EDITS: Partial<Record<Command, LineEdit['type']>> = {
  [Command.Left]: 'left',
  [Command.Right]: 'right',
  [Command.WordLeft]: 'word-left',
  [Command.WordRight]: 'word-right',
  [Command.Home]: 'home',
  [Command.End]: 'end',
  [Command.Backspace]: 'backspace',
  [Command.Delete]: 'delete',
  [Command.KillStart]: 'kill-start',
  [Command.KillWord]: 'kill-word',
  [Command.KillEnd]: 'kill-end',
  [Command.Older]: 'older',
  [Command.Newer]: 'newer',
};

/** The input line as the studio's keys drive it and InputLine draws it. */
export type InputLineState = {
  /** The line as this render draws it. */
  shown: LineState;
  /** Whether the line is empty now: read when a key arrives, which can be before the next render. */
  isEmpty(): boolean;
  /** Types text at the cursor (a key, or a whole paste). */
  insert(text: string): void;
  /** Empties the line, keeps it in the history, and gives its trimmed text. */
  take(): string;
  /** Tab: completes the file path being typed as far as the paths that fit agree. */
  complete(): void;
  /** Applies a command that edits the line (a cursor move, a deletion, a history step); false for any other. */
  onCommand(command: Command): boolean;
};

/**
 * The line being typed, over `history` (the lines of earlier runs). It lives in a ref as well as
 * in state: keys arrive faster than React renders, and each edit must start from the latest line,
 * not a stale render's. `complete`: the paths that complete a partly typed one.
 */
export function useInputLine(history: readonly string[], complete: (partial: string) => string[]): InputLineState {
  const line = useRef<LineState>(lineState(history));
  const [shown, setShown] = useState(line.current);
  const setLine = (next: LineState) => {
    line.current = next;
    setShown(next);
  };
  const edit = (change: LineEdit) => setLine(editLine(line.current, change));

  return {
    shown,
    isEmpty: () => line.current.chars.length === 0,
    insert: (text) => edit({ type: 'insert', text }),
    take: () => {
      const text = lineText(line.current).trim();
      setLine(editLine({ ...line.current, history: remember(line.current.history, text) }, { type: 'clear' }));
      return text;
    },
    complete: () => {
      const typed = line.current.chars.slice(0, line.current.cursor).join('');
      const word = pathBeingTyped(typed);
      if (!word || word.value === '') return;
      const options = complete(word.value);
      const common = commonPrefix(options);
      if (common.length <= word.value.length) return;
      // One file: the word is finished (quote closed, a space after); a folder or a shared prefix stays open.
      const whole = options.length === 1 && !common.endsWith('/');
      const written = word.open ? `${word.open}${common}${whole ? word.open : ''}` : escapePath(common);
      edit({ type: 'replace-before', from: Array.from(typed.slice(0, word.start)).length, text: whole ? `${written} ` : written });
    },
    onCommand: (command) => {
      const change = LINE_EDITS[command];
      if (change) edit({ type: change } as LineEdit);
      return change !== undefined;
    },
  };
}

function commonPrefix(options: readonly string[]): string {
  if (options.length === 0) return '';
  let prefix = options[0];
  for (const option of options) while (!option.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
