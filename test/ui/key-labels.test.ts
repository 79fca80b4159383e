import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINDINGS, Command, keyLabel } from '../../src/ui/bindings.js';
import { sourceFiles } from '../helpers/source-files.js';

// Comments may name keys ("Ctrl+W as in bash"); only what a user can read counts.
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

// `run`, `watch` and `serve` stop on the terminal's interrupt (SIGINT), which no studio binding
// governs, so their help and their "Ctrl+C stops." name it themselves.
const isTerminalInterrupt = (file: string, label: string) => label === 'Ctrl+C' && file.startsWith('src/cli/') && !/\/studio-[^/]*$/.test(file);

describe('key labels', () => {
  it('name each command by the keys in the table', () => {
    for (const binding of BINDINGS) expect(keyLabel(binding.command)).toBe(binding.keys);
    expect(keyLabel(Command.Export)).toBe('Ctrl+E');
  });

  it('are never written by hand outside bindings.ts', () => {
    const handWritten = sourceFiles('src')
      .filter((file) => file !== join('src', 'ui', 'bindings.ts'))
      .flatMap((file) =>
        withoutComments(readFileSync(file, 'utf8'))
          .split('\n')
          .flatMap((line) => [...line.matchAll(/Ctrl\+\S/g)].map((match) => ({ file, label: match[0], line: line.trim() }))),
      )
      .filter(({ file, label }) => !isTerminalInterrupt(file, label))
      .map(({ file, line }) => `${file}: ${line}`);
    expect(handWritten).toEqual([]);
  });
});
