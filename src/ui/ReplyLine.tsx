import React from 'react';
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { keyboardWording, type ViewState } from '../studio/index.js';
import { Command, keyLabel } from './bindings.js';
import type { Theme } from './theme.js';

/**
 * The reply in flight, on one row: a spinner, then what the agent is doing, or the reply's last
 * lines so far (the finished reply is printed whole in the transcript).
 */
export function ReplyLine({ turn, theme }: { turn: ViewState['turns'][number]; theme: Theme }) {
  return (
    <Box>
      <Text color={theme.status.working}>
        <Spinner type="dots" />{' '}
      </Text>
      <Text wrap="truncate-end">{turn.working ?? (turn.text === '' ? 'Thinking…' : lastLines(keyboardWording(turn.text, keyLabel(Command.Export)), 3))}</Text>
    </Box>
  );
}

function lastLines(text: string, count: number): string {
  return text.split('\n').slice(-count).join(' ');
}
