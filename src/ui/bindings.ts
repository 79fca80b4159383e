import type { Key } from 'ink';

/** Everything the keyboard can do in the studio. */
export enum Command {
  Send = 'send',
  Export = 'export',
  Timeline = 'timeline',
  Credits = 'credits',
  CancelJob = 'cancel-job',
  Help = 'help',
  CloseHelp = 'close-help',
  Quit = 'quit',
}

/** One key as the help overlay shows it and as a handler matches it. */
export type Binding = { command: Command; keys: string; description: string; matches: (input: string, key: Key, inputEmpty: boolean) => boolean };

/** The key map, as data: handlers match through it and the `?` overlay is generated from it. */
export const BINDINGS: readonly Binding[] = [
  { command: Command.Send, keys: 'Enter', description: 'send what you typed (a file path uploads it)', matches: (_i, key) => key.return },
  { command: Command.Export, keys: 'Ctrl+E', description: 'export the timeline and download the MP4', matches: (i, key) => key.ctrl && i === 'e' },
  { command: Command.Timeline, keys: 'Ctrl+T', description: 'show the timeline', matches: (i, key) => key.ctrl && i === 't' },
  { command: Command.Credits, keys: 'Ctrl+B', description: 'show the credit balance', matches: (i, key) => key.ctrl && i === 'b' },
  { command: Command.CancelJob, keys: 'Ctrl+X', description: 'cancel the newest running job', matches: (i, key) => key.ctrl && i === 'x' },
  { command: Command.Help, keys: '?', description: 'this help (when the input is empty)', matches: (i, _key, empty) => empty && i === '?' },
  { command: Command.CloseHelp, keys: 'Esc', description: 'close the help', matches: (_i, key) => key.escape },
  { command: Command.Quit, keys: 'Ctrl+C', description: 'quit (running renders on a serve node keep going)', matches: (i, key) => key.ctrl && i === 'c' },
];

/** The command a key press means, if any. */
export function commandFor(input: string, key: Key, inputEmpty: boolean): Command | undefined {
  return BINDINGS.find((binding) => binding.matches(input, key, inputEmpty))?.command;
}
