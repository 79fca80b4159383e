import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseCommandArgs } from '../../src/cli/command-args.js';

describe('argument problems, in our words (table)', () => {
  it.each([
    ['an unknown option', ['-g', 'x'], 'Unknown option -g.'],
    ['an unknown long option', ['--fast'], 'Unknown option --fast.'],
    ['an option without its value', ['--goal'], '--goal needs a value.'],
    ['a value given to a switch', ['--json=yes'], '--json takes no value.'],
    ['a word where none is taken', ['clip.mp4'], 'Unexpected argument clip.mp4.'],
  ])('%s', (_, args, sentence) => {
    let thrown: unknown;
    try {
      parseCommandArgs({ args, options: { goal: { type: 'string', short: 'o' }, json: { type: 'boolean' } }, allowPositionals: false });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(sentence);
  });
});
