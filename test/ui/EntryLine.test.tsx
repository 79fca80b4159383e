import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { EntryLine } from '../../src/ui/EntryLine.js';
import { themeFor } from '../../src/ui/theme.js';

describe('a transcript line', () => {
  it.each([80, 40])('stays inside %i columns, a path longer than the line included, wrapped under its mark', (columns) => {
    const path = `./${'a-long-folder-name/'.repeat(5)}clip.mp4`;
    const entry = { id: 1, kind: 'notice' as const, text: `Nothing found at ${path}. Check the path, or paste it whole (quote a name that has spaces).` };
    const { lastFrame, unmount } = render(<EntryLine entry={entry} theme={themeFor({ NO_COLOR: '1' })} columns={columns} />);
    const lines = (lastFrame() ?? '').split('\n');
    unmount();
    expect(lines.length).toBeGreaterThan(2);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(columns);
    expect(lines[0].startsWith('• Nothing found at')).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith('  '))).toBe(true);
    expect(lines.join('').replace(/\s+/g, '')).toContain(path);
  });
});
