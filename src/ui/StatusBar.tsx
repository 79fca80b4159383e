import React from 'react';
import { Text } from 'ink';
import type { ViewState } from '../studio/index.js';
import { Command, keyLabel } from './bindings.js';
import { fitStatus } from './layout.js';
import type { Theme } from './theme.js';

/** The bottom row: the node, the connection, the credits, the watched folder and the main keys, fitted to `columns`. */
export function StatusBar({ view, nodeLabel, columns, theme }: { view: ViewState; nodeLabel: string; columns: number; theme: Theme }) {
  const status = fitStatus(
    [
      { text: nodeLabel, rank: 3 },
      { text: connectionText(view.connection), rank: 0 },
      { text: view.credits === undefined ? '' : view.credits.unlimited ? 'credits: unlimited' : `credits: ${view.credits.available}`, rank: 2 },
      { text: view.watching ? `watching ${folderName(view.watching)}` : '', rank: 4 },
      { text: `${keyLabel(Command.Help)} help`, rank: 1 },
      { text: `${keyLabel(Command.Export)} export`, rank: 5 },
      { text: `${keyLabel(Command.Quit)} quit`, rank: 6 },
    ],
    columns,
  );
  return (
    <Text color={theme.text.dim} wrap="truncate-end">
      {status}
    </Text>
  );
}

function connectionText(connection: string): string {
  return connection === 'ready' ? 'connected' : connection === 'setting-up' ? 'Setting up…' : 'starting';
}

// The status line is one row: the folder's own name, the full path is in the transcript.
function folderName(path: string): string {
  return `${path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path}/`;
}
