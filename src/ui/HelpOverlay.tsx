import React from 'react';
import { Box, Text } from 'ink';
import { Command, describedKeys, keyLabel } from './bindings.js';
import type { Theme } from './theme.js';

const EXAMPLES = ['~/Videos/vlog.mov', 'compress this video to under 100MB without losing quality', 'make it fit discord', 'export 1080p MP4', 'credits', 'status', 'watch ~/Drop', 'stop watching', 'new project'];

/** The help's lines, generated from bindings.ts so they cannot drift. */
export function helpLines(): { text: string; key?: string }[] {
  return [
    { text: 'Keys' },
    ...describedKeys().map(([key, text]) => ({ key, text })),
    { text: 'Try saying' },
    ...EXAMPLES.map((example) => ({ text: `  ${example}` })),
  ];
}

/**
 * The key map and a few things to say, in at most `rows` rows (borders and the footer included):
 * on a short terminal it shows a window from `offset`, moved with ↑/↓, so no line is ever out of reach.
 */
export function HelpOverlay({ theme, rows, offset }: { theme: Theme; rows: number; offset: number }) {
  const lines = helpLines();
  const room = Math.max(1, rows - 3);
  const start = Math.max(0, Math.min(offset, lines.length - room));
  const shown = lines.slice(start, start + room);
  const keyWidth = Math.max(...lines.map((line) => line.key?.length ?? 0));
  const scrolls = lines.length > room;
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.border} paddingX={1}>
      {shown.map((line, index) =>
        line.key === undefined ? (
          <Text key={start + index} bold={theme.styled && !line.text.startsWith(' ')} color={line.text.startsWith(' ') ? theme.text.dim : undefined} wrap="truncate-end">
            {line.text}
          </Text>
        ) : (
          <Text key={start + index} wrap="truncate-end">
            <Text color={theme.text.accent}>{line.key.padEnd(keyWidth)}</Text> {line.text}
          </Text>
        ),
      )}
      <Text color={theme.text.dim} wrap="truncate-end">
        {scrolls ? `${start + 1}–${start + shown.length} of ${lines.length} · ${keyLabel(Command.Older)} scroll · ` : ''}{keyLabel(Command.CloseHelp)} or {keyLabel(Command.Help)} closes
      </Text>
    </Box>
  );
}
