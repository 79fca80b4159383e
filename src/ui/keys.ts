/**
 * Keys as the studio reads them. Ink hands over escape sequences one by one but a run of plain
 * bytes whole, so three Backspaces that arrive in one read (key repeat over SSH) came as one
 * "\x7f\x7f\x7f" and were typed as spaces. `splitKeys` cuts such a run into single keys;
 * `decodeKey` names each one. Pure.
 */
export type KeyPress =
  | { name: 'text'; text: string }
  | { name: 'ctrl'; letter: string }
  | {
      name:
        | 'enter'
        | 'tab'
        | 'backspace'
        | 'delete'
        | 'escape'
        | 'left'
        | 'right'
        | 'up'
        | 'down'
        | 'home'
        | 'end'
        | 'page-up'
        | 'page-down'
        | 'word-left'
        | 'word-right'
        | 'word-backspace'
        | 'paste-start'
        | 'paste-end'
        | 'focus-in'
        | 'focus-out'
        | 'unknown';
    };

/** What a terminal sends for bracketed paste's start and end (enabled with ESC[?2004h). */
export const PASTE_START = '\u001b[200~';
export const PASTE_END = '\u001b[201~';

/** What a terminal sends when its window gains or loses focus (reporting enabled with ESC[?1004h). */
export const FOCUS_IN = '\u001b[I';
export const FOCUS_OUT = '\u001b[O';

/**
 * Cuts one input event into keys: escape sequences stay whole, control bytes stand alone, and
 * printable text stays in runs (a run is typed as it came, so a fast paste stays one edit).
 * Bracket markers inside a run are cut out too, so the text between them can be told apart.
 */
export function splitKeys(event: string): string[] {
  if (event.startsWith('\u001b')) return [event];
  const keys: string[] = [];
  let run = '';
  for (const char of event) {
    if (/[\u0000-\u001f\u007f]/.test(char)) {
      if (run !== '') keys.push(run);
      run = '';
      keys.push(char);
    } else run += char;
  }
  if (run !== '') keys.push(run);
  return keys;
}

const SEQUENCES: Record<string, KeyPress['name']> = {
  '\u001b[A': 'up',
  '\u001b[B': 'down',
  '\u001b[C': 'right',
  '\u001b[D': 'left',
  '\u001bOA': 'up',
  '\u001bOB': 'down',
  '\u001bOC': 'right',
  '\u001bOD': 'left',
  '\u001b[H': 'home',
  '\u001b[F': 'end',
  '\u001bOH': 'home',
  '\u001bOF': 'end',
  '\u001b[1~': 'home',
  '\u001b[4~': 'end',
  '\u001b[7~': 'home',
  '\u001b[8~': 'end',
  '\u001b[3~': 'delete',
  '\u001b[5~': 'page-up',
  '\u001b[6~': 'page-down',
  '\u001b[1;5C': 'word-right',
  '\u001b[1;5D': 'word-left',
  '\u001b[1;3C': 'word-right',
  '\u001b[1;3D': 'word-left',
  '\u001bf': 'word-right',
  '\u001bb': 'word-left',
  '\u001b\u007f': 'word-backspace',
  '\u001b\b': 'word-backspace',
  '\u001b': 'escape',
  '\u001b\u001b': 'escape',
  [PASTE_START]: 'paste-start',
  [PASTE_END]: 'paste-end',
  [FOCUS_IN]: 'focus-in',
  [FOCUS_OUT]: 'focus-out',
};

/** Names one key (one item of `splitKeys`). */
export function decodeKey(key: string): KeyPress {
  const named = SEQUENCES[key];
  if (named !== undefined) return { name: named } as KeyPress;
  if (key.startsWith('\u001b')) return { name: 'unknown' };
  if (key === '\r' || key === '\n') return { name: 'enter' };
  if (key === '\t') return { name: 'tab' };
  if (key === '\u007f' || key === '\b') return { name: 'backspace' };
  const code = key.charCodeAt(0);
  if (key.length === 1 && code >= 1 && code <= 26) return { name: 'ctrl', letter: String.fromCharCode(code + 96) };
  if (key.length === 1 && code < 32) return { name: 'unknown' };
  return { name: 'text', text: key };
}
