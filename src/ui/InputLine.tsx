import React from 'react';
import { Box, Text } from 'ink';
import { visibleLine, type LineState } from './line-editor.js';
import type { Theme } from './theme.js';

/** The input line: the prompt, the text around the cursor, and the cursor as an inverse cell. */
export function InputLine({ line, width, theme }: { line: LineState; width: number; theme: Theme }) {
  const { before, at, after } = visibleLine(line, width - 3);
  return (
    <Box>
      <Text color={theme.text.accent}>› </Text>
      <Text>{before}</Text>
      {theme.styled ? <Text inverse>{at}</Text> : <Text underline>{at === ' ' ? '_' : at}</Text>}
      <Text>{after}</Text>
    </Box>
  );
}
