import React, { useEffect, useRef, useState } from 'react';
import { Box, Static, Text, useStdout } from 'ink';
import Spinner from 'ink-spinner';
import { escapePath, keyboardWording, pathBeingTyped, type JobRecord } from '../studio/index.js';
import { Command, commandFor, keyLabel } from './bindings.js';
import { EntryLine } from './EntryLine.js';
import { helpLines, HelpOverlay } from './HelpOverlay.js';
import { jobList } from './job-list.js';
import { JobPickerHint } from './JobPickerHint.js';
import { JobsPane } from './JobsPane.js';
import type { KeyPress } from './keys.js';
import { fitStatus, helpRows, isNarrow, paneWidths, visibleJobRows } from './layout.js';
import { editLine, lineState, lineText, remember, type LineEdit, type LineState } from './line-editor.js';
import { InputLine } from './InputLine.js';
import { QuitQuestion } from './QuitQuestion.js';
import { TimelinePane } from './TimelinePane.js';
import type { Theme } from './theme.js';
import { useEngine, type StudioStore } from './use-engine.js';
import { useJobPicker, type JobActions } from './use-job-picker.js';
import { useKeys } from './use-keys.js';
import { useQuitQuestion } from './use-quit-question.js';
import { useTerminalSize } from './use-terminal-size.js';

/** What the studio can ask for; the CLI wires each to the engine. */
export type StudioActions = JobActions & {
  /** Sends a line; the CLI keeps it in the history too. */
  send(text: string): void;
  export(): void;
  timeline(): void;
  credits(): void;
  /** The paths that complete a partly typed one (decoded; folders end with "/"). */
  complete(partial: string): string[];
  quit(): void;
};

/** The terminal's escape that clears the screen and its scrollback, then homes the cursor. */
const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';
/** Resizes arrive in bursts while a window is dragged: the transcript is reprinted once they settle. */
const RESIZE_SETTLE_MS = 150;

const LINE_EDITS: Partial<Record<Command, LineEdit['type']>> = {
  [Command.Left]: 'left',
  [Command.Right]: 'right',
  [Command.WordLeft]: 'word-left',
  [Command.WordRight]: 'word-right',
  [Command.Home]: 'home',
  [Command.End]: 'end',
  [Command.Backspace]: 'backspace',
  [Command.Delete]: 'delete',
  [Command.KillStart]: 'kill-start',
  [Command.KillWord]: 'kill-word',
  [Command.KillEnd]: 'kill-end',
  [Command.Older]: 'older',
  [Command.Newer]: 'newer',
};

/**
 * The studio: the finished conversation scrolls above (printed once, <Static>), and below it stay
 * live only the reply in flight, the timeline, the jobs and the input line. `history`: the lines
 * sent in earlier runs; `pastJobs`: the job history; `quitStops`: whether running renders stop
 * when the studio quits (the embedded node) or go on (a serve node); `onFocus`: where the
 * terminal's focus reports go (they never reach the input line).
 */
export function App({
  store,
  actions,
  theme,
  nodeLabel,
  history = [],
  pastJobs = [],
  quitStops = true,
  onFocus,
}: {
  store: StudioStore;
  actions: StudioActions;
  theme: Theme;
  nodeLabel: string;
  history?: readonly string[];
  pastJobs?: readonly JobRecord[];
  quitStops?: boolean;
  /** The terminal's focus reports (with reporting on): gained, or lost. */
  onFocus?: (focused: boolean) => void;
}) {
  const view = useEngine(store, (snapshot) => snapshot.view);
  const transcript = useEngine(store, (snapshot) => snapshot.transcript);
  const timeline = useEngine(store, (snapshot) => snapshot.timeline);
  const { columns, rows } = useTerminalSize();
  const { write } = useStdout();
  // Keys can arrive faster than React renders: each edit starts from the latest line, not a stale render's.
  const line = useRef<LineState>(lineState(history));
  const [shownLine, setShownLine] = useState(line.current);
  const [help, setHelp] = useState<number | undefined>(undefined);
  const [epoch, setEpoch] = useState(0);
  const { running, finished } = jobList(view.jobs, pastJobs);
  const picker = useJobPicker(running, finished, actions);
  const quitQuestion = useQuitQuestion(running.length, actions.quit);

  const setLine = (next: LineState) => {
    line.current = next;
    setShownLine(next);
  };
  const edit = (change: LineEdit) => setLine(editLine(line.current, change));

  // A width change reflows what the terminal shows, so Ink's frame can no longer be erased line by
  // line: clear the screen once and print the transcript again (a new <Static> prints it whole).
  const firstWidth = useRef(columns);
  useEffect(() => {
    if (columns === firstWidth.current) return;
    const timer = setTimeout(() => {
      firstWidth.current = columns;
      write(CLEAR_TERMINAL);
      setEpoch((value) => value + 1);
    }, RESIZE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [columns, write]);

  const complete = () => {
    const typed = line.current.chars.slice(0, line.current.cursor).join('');
    const word = pathBeingTyped(typed);
    if (!word || word.value === '') return;
    const options = actions.complete(word.value);
    const common = commonPrefix(options);
    if (common.length <= word.value.length) return;
    // One file: the word is finished (quote closed, a space after); a folder or a shared prefix stays open.
    const whole = options.length === 1 && !common.endsWith('/');
    const written = word.open ? `${word.open}${common}${whole ? word.open : ''}` : escapePath(common);
    edit({ type: 'replace-before', from: Array.from(typed.slice(0, word.start)).length, text: whole ? `${written} ` : written });
  };

  const onKey = (key: KeyPress, pasted: boolean) => {
    if (pasted && key.name === 'text') return edit({ type: 'insert', text: key.text });
    const command = commandFor(key, { lineEmpty: line.current.chars.length === 0, picking: picker.isOpen() });
    if (command !== Command.Quit) quitQuestion.dismiss();
    if (help !== undefined) {
      const step = command === Command.Older ? -1 : command === Command.Newer ? 1 : key.name === 'page-up' ? -10 : key.name === 'page-down' ? 10 : 0;
      if (step !== 0) return setHelp((offset) => Math.max(0, Math.min(helpLines().length, (offset ?? 0) + step)));
      if (command === Command.CloseHelp || command === Command.Help) return setHelp(undefined);
    }
    if (picker.onCommand(command)) return;
    switch (command) {
      case Command.Send: {
        const text = lineText(line.current).trim();
        setLine(editLine({ ...line.current, history: remember(line.current.history, text) }, { type: 'clear' }));
        if (text !== '') actions.send(text);
        return;
      }
      case Command.Complete:
        return complete();
      case Command.Export:
        return actions.export();
      case Command.Timeline:
        return actions.timeline();
      case Command.Credits:
        return actions.credits();
      case Command.Help:
        return setHelp(0);
      case Command.CloseHelp:
        return setHelp(undefined);
      case Command.Quit:
        return quitQuestion.press();
      case undefined:
        if (key.name === 'text') edit({ type: 'insert', text: key.text });
        return;
      default: {
        const change = LINE_EDITS[command];
        if (change) edit({ type: change } as LineEdit);
      }
    }
  };
  useKeys(onKey, onFocus);

  const inFlight = view.turns.at(-1);
  const replying = inFlight !== undefined && !inFlight.done;
  const widths = paneWidths(columns);
  const jobRows = visibleJobRows(rows);
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
    <>
      <Static key={epoch} items={transcript.entries}>
        {(entry) => <EntryLine key={entry.id} entry={entry} theme={theme} columns={columns} />}
      </Static>
      <Box flexDirection="column" width={columns}>
        {help !== undefined ? (
          <HelpOverlay theme={theme} rows={helpRows(rows)} offset={help} />
        ) : (
          <>
            {replying ? (
              <Box>
                <Text color={theme.status.working}>
                  <Spinner type="dots" />{' '}
                </Text>
                <Text wrap="truncate-end">{inFlight.working ?? (inFlight.text === '' ? 'Thinking…' : lastLines(keyboardWording(inFlight.text, keyLabel(Command.Export)), 3))}</Text>
              </Box>
            ) : null}
            <Box flexDirection={isNarrow(columns) ? 'column' : 'row'}>
              <TimelinePane timeline={timeline} width={widths.timeline} maxRows={jobRows} theme={theme} />
              <JobsPane running={running} finished={finished} selected={picker.selected} width={widths.jobs} maxRows={jobRows} theme={theme} />
            </Box>
          </>
        )}
        {quitQuestion.asked ? <QuitQuestion running={running.length} quitStops={quitStops} theme={theme} /> : null}
        {picker.job !== undefined ? <JobPickerHint job={picker.job} theme={theme} /> : null}
        <InputLine line={shownLine} width={columns} theme={theme} />
        <Text color={theme.text.dim} wrap="truncate-end">
          {status}
        </Text>
      </Box>
    </>
  );
}

function connectionText(connection: string): string {
  return connection === 'ready' ? 'connected' : connection === 'setting-up' ? 'Setting up…' : 'starting';
}

// The status line is one row: the folder's own name, the full path is in the transcript.
function folderName(path: string): string {
  return `${path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? path}/`;
}

function lastLines(text: string, count: number): string {
  return text.split('\n').slice(-count).join(' ');
}

function commonPrefix(options: readonly string[]): string {
  if (options.length === 0) return '';
  let prefix = options[0];
  for (const option of options) while (!option.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
