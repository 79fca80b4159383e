import React from 'react';
import { Box, Text } from 'ink';
import { BINDINGS } from './bindings.js';
import type { Theme } from './theme.js';

const EXAMPLES = ['~/Videos/vlog.mov', 'compress this video to under 100MB without losing quality', 'make it fit discord', 'export 1080p MP4', 'credits', 'status', 'watch ~/Drop', 'stop watching', 'new project'];

/** The key map and a few things to say, generated from bindings.ts so it cannot drift. */
export function HelpOverlay({ theme }: { theme: Theme }) {
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.border} paddingX={1}>
      <Text bold={theme.styled}>Keys</Text>
      {BINDINGS.map((binding) => (
        <Text key={binding.command} wrap="truncate-end">
          <Text color={theme.text.accent}>{binding.keys.padEnd(8)}</Text> {binding.description}
        </Text>
      ))}
      <Text bold={theme.styled}>Try saying</Text>
      {EXAMPLES.map((example) => (
        <Text key={example} color={theme.text.dim} wrap="truncate-end">
          {'  '}
          {example}
        </Text>
      ))}
    </Box>
  );
}
