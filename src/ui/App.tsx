import React, { useState } from 'react';
import { Box, Static } from 'ink';
import type { JobRecord } from '../studio/index.js';
import { Command, commandFor } from './bindings.js';
import { EntryLine } from './EntryLine.js';
import { helpLines, HelpOverlay } from './HelpOverlay.js';
import { jobList } from './job-list.js';
import { JobPickerHint } from './JobPickerHint.js';
import { JobsPane } from './JobsPane.js';
import type { KeyPress } from './keys.js';
import { frameBudget } from './frame-budget.js';
import { isNarrow, paneWidths } from './layout.js';
import { InputLine } from './InputLine.js';
import { QuitQuestion } from './QuitQuestion.js';
import { ReplyLine } from './ReplyLine.js';
import { StatusBar } from './StatusBar.js';
import { TimelinePane } from './TimelinePane.js';
import type { Theme } from './theme.js';
import { useEngine, type StudioStore } from './use-engine.js';
import { useInputLine } from './use-input-line.js';
import { useJobPicker, type JobActions } from './use-job-picker.js';
import { useKeys } from './use-keys.js';
import { useQuitQuestion } from './use-quit-question.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useWidthReprint } from './use-width-reprint.js';

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

/**
 * The studio: the finished conversation scrolls above (printed once, <Static>), and below it stay
 * live only the reply in flight, the timeline, the jobs and the input line, fitted to one row
 * short of the terminal (frameBudget) so Ink never repaints the whole screen. `history`: the lines
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
  const input = useInputLine(history, actions.complete);
  const [help, setHelp] = useState<number | undefined>(undefined);
  const epoch = useWidthReprint(columns);
  const { running, finished } = jobList(view.jobs, pastJobs);
  const picker = useJobPicker(running, finished, actions);
  const quitQuestion = useQuitQuestion(running.length, actions.quit);

  const onKey = (key: KeyPress, pasted: boolean) => {
    if (pasted && key.name === 'text') return input.insert(key.text);
    const command = commandFor(key, { lineEmpty: input.isEmpty(), picking: picker.isOpen() });
    if (command !== Command.Quit) quitQuestion.dismiss();
    if (help !== undefined) {
      const step = command === Command.Older ? -1 : command === Command.Newer ? 1 : key.name === 'page-up' ? -10 : key.name === 'page-down' ? 10 : 0;
      if (step !== 0) return setHelp((offset) => Math.max(0, Math.min(helpLines().length, (offset ?? 0) + step)));
      if (command === Command.CloseHelp || command === Command.Help) return setHelp(undefined);
    }
    if (picker.onCommand(command)) return;
    switch (command) {
      case Command.Send: {
        const text = input.take();
        if (text !== '') actions.send(text);
        return;
      }
      case Command.Complete:
        return input.complete();
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
        if (key.name === 'text') input.insert(key.text);
        return;
      default:
        input.onCommand(command);
    }
  };
  useKeys(onKey, onFocus);

  const inFlight = view.turns.at(-1);
  const replying = inFlight !== undefined && !inFlight.done;
  const widths = paneWidths(columns);
  const pickedFinished = picker.selected !== undefined && picker.selected >= running.length;
  const lines = (replying && help === undefined ? 1 : 0) + (quitQuestion.asked ? 1 : 0) + (picker.job !== undefined ? 1 : 0);
  const budget = frameBudget({ rows, stacked: isNarrow(columns), lines, timelineItems: timeline.items.length, timelineOutput: Boolean(timeline.output), running: running.length, finished: finished.length, pickedFinished });
  return (
    <>
      <Static key={epoch} items={transcript.entries}>
        {(entry) => <EntryLine key={entry.id} entry={entry} theme={theme} columns={columns} />}
      </Static>
      <Box flexDirection="column" width={columns}>
        {help !== undefined ? (
          <HelpOverlay theme={theme} rows={budget.help} offset={help} />
        ) : (
          <>
            {replying ? <ReplyLine turn={inFlight} theme={theme} /> : null}
            <Box flexDirection={isNarrow(columns) ? 'column' : 'row'}>
              {budget.timeline > 0 ? <TimelinePane timeline={timeline} width={widths.timeline} maxRows={budget.timeline} theme={theme} /> : null}
              {budget.jobs > 0 ? <JobsPane running={running} finished={finished} selected={picker.selected} width={widths.jobs} maxRows={budget.jobs} theme={theme} /> : null}
            </Box>
          </>
        )}
        {quitQuestion.asked ? <QuitQuestion running={running.length} quitStops={quitStops} theme={theme} /> : null}
        {picker.job !== undefined ? <JobPickerHint job={picker.job} theme={theme} /> : null}
        <InputLine line={input.shown} width={columns} theme={theme} />
        <StatusBar view={view} nodeLabel={nodeLabel} columns={columns} theme={theme} />
      </Box>
    </>
  );
}

