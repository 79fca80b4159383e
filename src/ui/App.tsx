import React, { useRef, useState } from 'react';
import { Box, Static, Text, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { Command, commandFor } from './bindings.js';
import { editLine } from './edit-line.js';
import { EntryLine } from './EntryLine.js';
import { HelpOverlay } from './HelpOverlay.js';
import { JobsPane } from './JobsPane.js';
import { isNarrow, paneWidths, visibleJobRows } from './layout.js';
import { TimelinePane } from './TimelinePane.js';
import type { Theme } from './theme.js';
import { useEngine, type StudioStore } from './use-engine.js';
import { useTerminalSize } from './use-terminal-size.js';

/** What the studio can ask for; the CLI wires each to the engine. */
export type StudioActions = {
  send(text: string): void;
  export(): void;
  timeline(): void;
  credits(): void;
  /** Cancels the newest running job, if any. */
  cancelNewest(): void;
  quit(): void;
};

/**
 * The studio: the finished conversation scrolls above (printed once, <Static>), and below it stay
 * live only the reply in flight, the timeline, the running jobs and the input line.
 */
export function App({ store, actions, theme, nodeLabel }: { store: StudioStore; actions: StudioActions; theme: Theme; nodeLabel: string }) {
  const view = useEngine(store, (snapshot) => snapshot.view);
  const transcript = useEngine(store, (snapshot) => snapshot.transcript);
  const timeline = useEngine(store, (snapshot) => snapshot.timeline);
  const { columns, rows } = useTerminalSize();
  const [input, setInputState] = useState('');
  // Keys can arrive faster than React renders: each edit must start from the latest line, not a stale render's.
  const latest = useRef('');
  const setInput = (value: string) => {
    latest.current = value;
    setInputState(value);
  };
  const [help, setHelp] = useState(false);

  const submit = (line: string) => {
    const text = line.trim();
    setInput('');
    if (text !== '') actions.send(text);
  };

  useInput((key, info) => {
    switch (commandFor(key, info, latest.current === '')) {
      case Command.Export:
        return actions.export();
      case Command.Timeline:
        return actions.timeline();
      case Command.Credits:
        return actions.credits();
      case Command.CancelJob:
        return actions.cancelNewest();
      case Command.Help:
        return setHelp((shown) => !shown);
      case Command.CloseHelp:
        return setHelp(false);
      case Command.Quit:
        return actions.quit();
      case Command.Send:
      case undefined: {
        const edited = editLine(latest.current, key, info);
        if (edited.submit) submit(edited.value);
        else setInput(edited.value);
        return;
      }
    }
  });

  const inFlight = view.turns.at(-1);
  const replying = inFlight !== undefined && !inFlight.done;
  const widths = paneWidths(columns);
  const jobRows = visibleJobRows(rows);
  return (
    <>
      <Static items={transcript.entries}>{(entry) => <EntryLine key={entry.id} entry={entry} theme={theme} columns={columns} />}</Static>
      <Box flexDirection="column" width={columns}>
        {help ? <HelpOverlay theme={theme} /> : null}
        {replying ? (
          <Box>
            <Text color={theme.status.working}>
              <Spinner type="dots" />{' '}
            </Text>
            <Text wrap="truncate-end">{inFlight.working ?? (inFlight.text === '' ? 'Thinking…' : lastLines(inFlight.text, 3))}</Text>
          </Box>
        ) : null}
        <Box flexDirection={isNarrow(columns) ? 'column' : 'row'}>
          <TimelinePane timeline={timeline} width={widths.timeline} maxRows={jobRows} theme={theme} />
          <JobsPane jobs={view.jobs} width={widths.jobs} maxRows={jobRows} theme={theme} />
        </Box>
        <Box>
          <Text color={theme.text.accent}>› </Text>
          <Text wrap="truncate-start">{input}</Text>
          {theme.styled ? <Text inverse>{' '}</Text> : <Text>_</Text>}
        </Box>
        <Text color={theme.text.dim} wrap="truncate-end">
          {statusText(view.connection, nodeLabel, view.credits)}
          {view.watching ? ` · watching ${folderName(view.watching)}` : ''} · ? help · Ctrl+E export · Ctrl+C quit
        </Text>
      </Box>
    </>
  );
}

function statusText(connection: string, nodeLabel: string, credits?: { available: number; unlimited?: boolean }): string {
  const state = connection === 'ready' ? 'connected' : connection === 'setting-up' ? 'Setting up…' : 'starting';
  const balance = credits === undefined ? '' : credits.unlimited ? ' · credits: unlimited' : ` · credits: ${credits.available}`;
  return `${nodeLabel} · ${state}${balance}`;
}

// The status line is one row: the folder's own name, the full path is in the transcript.
function folderName(path: string): string {
  return `${path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path}/`;
}

function lastLines(text: string, count: number): string {
  return text.split('\n').slice(-count).join(' ');
}
