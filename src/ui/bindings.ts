import type { KeyPress } from './keys.js';

/** Everything the keyboard can do in the studio. */
export enum Command {
  Send = 'send',
  Complete = 'complete',
  Left = 'left',
  Right = 'right',
  WordLeft = 'word-left',
  WordRight = 'word-right',
  Home = 'home',
  End = 'end',
  Backspace = 'backspace',
  Delete = 'delete',
  KillStart = 'kill-start',
  KillWord = 'kill-word',
  KillEnd = 'kill-end',
  Older = 'older',
  Newer = 'newer',
  Export = 'export',
  Timeline = 'timeline',
  Credits = 'credits',
  CancelJob = 'cancel-job',
  PickJob = 'pick-job',
  JobCancel = 'job-cancel',
  JobOpen = 'job-open',
  JobCopy = 'job-copy',
  JobRetry = 'job-retry',
  Help = 'help',
  CloseHelp = 'close-help',
  Quit = 'quit',
}

/**
 * What a key's meaning may depend on: Ctrl+E ends the line while there is text, else exports;
 * `picking`: a job in the jobs pane is chosen, and single letters act on it instead of being typed.
 */
export type KeyContext = { lineEmpty: boolean; picking?: boolean };

/** One key as the help overlay shows it and as a handler matches it. */
export type Binding = {
  command: Command;
  keys: string;
  description: string;
  matches: (key: KeyPress, context: KeyContext) => boolean;
  /** Described on the line of its pair (↑ with ↓), so the help stays short. */
  hidden?: boolean;
};

const named = (...names: KeyPress['name'][]) => (key: KeyPress) => names.includes(key.name);
const ctrl = (letter: string) => (key: KeyPress) => key.name === 'ctrl' && key.letter === letter;
const picked = (letter: string) => (key: KeyPress, context: KeyContext) => context.picking === true && key.name === 'text' && key.text === letter;

/**
 * The key map, as data: handlers match through it and the `?` overlay is generated from it. The
 * first binding that matches wins, so Ctrl+E is readline's end of line while the line has text
 * (a shell user's reflex mid-edit) and the studio's export on an empty line (nothing to lose).
 */
export const BINDINGS: readonly Binding[] = [
  { command: Command.Send, keys: 'Enter', description: 'send the line (a file path uploads it)', matches: named('enter') },
  { command: Command.Complete, keys: 'Tab', description: 'complete a file path', matches: named('tab') },
  { command: Command.Older, keys: '↑ / ↓', description: 'earlier lines (kept between runs)', matches: named('up') },
  { command: Command.Newer, keys: '↓', description: 'later lines', matches: named('down'), hidden: true },
  { command: Command.Left, keys: '← / →', description: 'move the cursor', matches: named('left') },
  { command: Command.Right, keys: '→', description: 'move the cursor right', matches: named('right'), hidden: true },
  { command: Command.WordLeft, keys: 'Ctrl+← / Alt+B', description: 'a word left', matches: named('word-left') },
  { command: Command.WordRight, keys: 'Ctrl+→ / Alt+F', description: 'a word right', matches: named('word-right') },
  { command: Command.Home, keys: 'Home / Ctrl+A', description: 'start of the line', matches: (key) => named('home')(key) || ctrl('a')(key) },
  { command: Command.End, keys: 'End / Ctrl+E', description: 'end of the line (Ctrl+E: while it has text)', matches: (key, context) => named('end')(key) || (ctrl('e')(key) && !context.lineEmpty) },
  { command: Command.Backspace, keys: 'Backspace', description: 'delete the character before the cursor', matches: named('backspace') },
  { command: Command.Delete, keys: 'Delete / Ctrl+D', description: 'delete the character under the cursor', matches: (key) => named('delete')(key) || ctrl('d')(key) },
  { command: Command.KillStart, keys: 'Ctrl+U', description: 'delete to the start of the line', matches: ctrl('u') },
  { command: Command.KillWord, keys: 'Ctrl+W', description: 'delete the word before the cursor', matches: (key) => ctrl('w')(key) || named('word-backspace')(key) },
  { command: Command.KillEnd, keys: 'Ctrl+K', description: 'delete to the end of the line', matches: ctrl('k') },
  { command: Command.Export, keys: 'Ctrl+E', description: 'export (on an empty line) and download the MP4', matches: (key, context) => ctrl('e')(key) && context.lineEmpty },
  { command: Command.Timeline, keys: 'Ctrl+T', description: 'show the timeline', matches: ctrl('t') },
  { command: Command.Credits, keys: 'Ctrl+B', description: 'show the credit balance', matches: ctrl('b') },
  { command: Command.CancelJob, keys: 'Ctrl+X', description: 'cancel a job (↑/↓ pick one when several run)', matches: ctrl('x') },
  { command: Command.PickJob, keys: 'Ctrl+O', description: 'pick a job in the list (↑/↓), then a letter below', matches: ctrl('o') },
  { command: Command.JobCancel, keys: 'x', description: 'picked job: cancel it (while it runs)', matches: picked('x') },
  { command: Command.JobOpen, keys: 'o', description: 'picked job: open its folder (over SSH: say it)', matches: picked('o') },
  { command: Command.JobCopy, keys: 'c', description: 'picked job: copy its path (tmux buffer, or OSC 52)', matches: picked('c') },
  { command: Command.JobRetry, keys: 'r', description: 'picked job: run it again (failed, canceled, interrupted)', matches: picked('r') },
  { command: Command.Help, keys: '?', description: 'this help (on an empty line)', matches: (key, context) => context.lineEmpty && key.name === 'text' && key.text === '?' },
  { command: Command.CloseHelp, keys: 'Esc', description: 'close the help or the job picker', matches: named('escape') },
  { command: Command.Quit, keys: 'Ctrl+C', description: 'quit (asks first while renders run)', matches: ctrl('c') },
];

/**
 * How a view names a command's key ("Ctrl+E"): read from the table, so rebinding a key renames
 * it in the status bar, the replies and the hints too.
 */
export function keyLabel(command: Command): string {
  const binding = BINDINGS.find((candidate) => candidate.command === command);
  if (!binding) throw new Error(`No key is bound to ${command}.`);
  return binding.keys;
}

/** The keys a help lists, as [keys, description]: a pair's second half (↓ beside ↑) is on its first's line. */
export function describedKeys(): [string, string][] {
  return BINDINGS.filter((binding) => !binding.hidden).map((binding) => [binding.keys, binding.description]);
}

/** The command a key means, if any (text that is no command is typed). */
export function commandFor(key: KeyPress, context: KeyContext): Command | undefined {
  return BINDINGS.find((binding) => binding.matches(key, context))?.command;
}
