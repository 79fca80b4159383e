import React from 'react';
import { Box, Text } from 'ink';
import { listRows, moreLine } from './frame-budget.js';
import type { Timeline } from './use-engine.js';
import type { Theme } from './theme.js';

/**
 * The live timeline: one row per item, and the output settings the agent applied. `maxRows`: the
 * rows its items may take; when they do not all fit, the first ones and how many more follow.
 */
export function TimelinePane({ timeline, width, maxRows, theme }: { timeline: Timeline; width: number; maxRows: number; theme: Theme }) {
  const shown = timeline.items.slice(0, listRows(timeline.items.length, maxRows));
  const hidden = timeline.items.length - shown.length;
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text bold={theme.styled}>Timeline</Text>
      {shown.length === 0 ? (
        <Text color={theme.text.dim} wrap="truncate-end">
          Empty. Type a file path to add a video.
        </Text>
      ) : (
        shown.map((item, index) => (
          <Text key={index} wrap="truncate-end">
            {index + 1}. {item}
          </Text>
        ))
      )}
      {hidden > 0 ? <Text color={theme.text.dim}>{moreLine(0, hidden, hidden === 1 ? 'more item' : 'more items')}</Text> : null}
      {timeline.output ? (
        <Text color={theme.text.accent} wrap="truncate-end">
          Output: {timeline.output}
        </Text>
      ) : null}
    </Box>
  );
}
