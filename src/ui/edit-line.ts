import type { Key } from 'ink';

/** The input line after a key, and whether that key sent it. */
export type Edited = { value: string; submit: boolean };

/**
 * What a key does to the input line. Pure. Control and navigation keys change nothing here: they
 * are commands (bindings.ts) or ignored, so Ctrl+E never types an "e". Text that arrives in one
 * piece ending in a line break (a paste, or keys typed faster than the terminal is read) is sent.
 */
export function editLine(value: string, input: string, key: Key): Edited {
  if (key.return) return { value, submit: true };
  if (key.backspace || key.delete) return { value: Array.from(value).slice(0, -1).join(''), submit: false };
  if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return { value, submit: false };
  const submit = /[\r\n]$/.test(input);
  const printable = input.replace(/[\r\n]+$/, '').replace(/[\u0000-\u001f\u007f]/g, ' ');
  return { value: value + printable, submit };
}
