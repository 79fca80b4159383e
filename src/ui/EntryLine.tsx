import React from 'react';
import { Box, Text } from 'ink';
import { fitNotice } from './fit-notice.js';
import type { Entry } from './transcript.js';
import type { Theme } from './theme.js';

const marks: Record<Entry['kind'], string> = { user: '›', reply: '◆', notice: '•', error: '✗', job: '✓' };

/**
 * One finished transcript line; wrapped text stays indented under its mark. `columns`: the
 * terminal's width. The text gets a fixed width one short of it: without one, a word longer than
 * the line (a path) widened the box past the terminal, and a line of the terminal's full width
 * left a blank row under it in tmux. A notice stays on one row where shortening its paths can do it.
 */
export function EntryLine({ entry, theme, columns }: { entry: Entry; theme: Theme; columns: number }) {
  const colour = {
    user: theme.text.user,
    reply: theme.text.primary,
    notice: theme.text.dim,
    error: theme.status.error,
    job: entry.ok === false ? theme.status.warning : theme.status.ok,
  }[entry.kind];
  const mark = entry.kind === 'job' && entry.ok === false ? '–' : marks[entry.kind];
  const width = Math.max(10, columns - 3);
  return (
    <Box marginTop={entry.kind === 'user' ? 1 : 0}>
      <Box width={2} flexShrink={0}>
        <Text color={colour}>{mark}</Text>
      </Box>
      <Box width={width}>
        <Text color={entry.kind === 'reply' ? undefined : colour}>{entry.kind === 'notice' ? fitNotice(entry.text, width) : entry.text}</Text>
      </Box>
    </Box>
  );
}
