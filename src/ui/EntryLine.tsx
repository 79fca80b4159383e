import React from 'react';
import { Box, Text } from 'ink';
import type { Entry } from './transcript.js';
import type { Theme } from './theme.js';

const marks: Record<Entry['kind'], string> = { user: '›', reply: '◆', notice: '•', error: '✗', job: '✓' };

/** One finished transcript line; wrapped text stays indented under its mark. */
export function EntryLine({ entry, theme }: { entry: Entry; theme: Theme }) {
  const colour = {
    user: theme.text.user,
    reply: theme.text.primary,
    notice: theme.text.dim,
    error: theme.status.error,
    job: entry.ok === false ? theme.status.warning : theme.status.ok,
  }[entry.kind];
  const mark = entry.kind === 'job' && entry.ok === false ? '–' : marks[entry.kind];
  return (
    <Box marginTop={entry.kind === 'user' ? 1 : 0}>
      <Box width={2} flexShrink={0}>
        <Text color={colour}>{mark}</Text>
      </Box>
      <Box flexGrow={1}>
        <Text color={entry.kind === 'reply' ? undefined : colour}>{entry.text}</Text>
      </Box>
    </Box>
  );
}
