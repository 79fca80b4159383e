import React from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { KeyPress } from '../../src/ui/keys.js';
import { useKeys } from '../../src/ui/use-keys.js';
import { until } from '../helpers/until.js';

// The key hook through Ink's own stdin handling: focus reports go to onFocus, never to the keys.

function Probe({ keys, focus }: { keys: KeyPress[]; focus: boolean[] }) {
  useKeys(
    (key) => keys.push(key),
    (focused) => focus.push(focused),
  );
  return <Text>probe</Text>;
}

describe('useKeys', () => {
  it.each<[string, string[], KeyPress[], boolean[]]>([
    ['focus out, typing, focus in', ['\x1b[O', 'ab', '\x1b[I'], [{ name: 'text', text: 'ab' }], [false, true]],
    ['a focus report inside a paste is still a report, not pasted text', ['\x1b[200~', 'x', '\x1b[O', 'y', '\x1b[201~'], [{ name: 'text', text: 'x' }, { name: 'text', text: 'y' }], [false]],
  ])('%s', async (_name, writes, expectedKeys, expectedFocus) => {
    const keys: KeyPress[] = [];
    const focus: boolean[] = [];
    const { stdin, unmount } = render(<Probe keys={keys} focus={focus} />);
    for (const chunk of writes) {
      stdin.write(chunk);
      // Each write is its own read, as a terminal sends them.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => keys.length + focus.length >= expectedKeys.length + expectedFocus.length, 'the keys', { ms: 5000 });
    unmount();
    expect(keys).toEqual(expectedKeys);
    expect(focus).toEqual(expectedFocus);
  });
});
