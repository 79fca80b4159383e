import React from 'react';
import { Text } from 'ink';
import { Command, keyLabel } from './bindings.js';
import { quitConsequence } from './quit-question.js';
import type { Theme } from './theme.js';

/** The question a quit key asks while renders run, with what a second press does to them. */
export function QuitQuestion({ running, quitStops, theme }: { running: number; quitStops: boolean; theme: Theme }) {
  return (
    <Text color={theme.status.warning} wrap="truncate-end">
      Press {keyLabel(Command.Quit)} again to quit: {quitConsequence(running, quitStops)}.
    </Text>
  );
}
