import React from 'react';
import { Box, Text } from 'ink';
import { queuedWords, type Job } from '../studio/index.js';
import { Command, keyLabel } from './bindings.js';
import { formatBytes } from '../units.js';
import type { ListedJob } from './job-list.js';
import { ProgressBar } from './ProgressBar.js';
import { listRows, moreLine } from './frame-budget.js';
import { hiddenAround, jobWindow } from './job-window.js';
import { progressBarWidth } from './layout.js';
import type { Theme } from './theme.js';

/**
 * Running jobs with their phase, a bar, the percentage and an ETA (a job waiting in line says so,
 * with its place, and nothing more); below them the finished ones
 * with where their output went and its size. `selected`: the job the picker points at, counted
 * over the running ones then the finished ones; the rows shown move to keep it in view (jobWindow).
 * `maxRows`: the rows its list may take, the line that says how many are hidden, and where, included.
 */
export function JobsPane({ running, finished, selected, width, maxRows, theme }: { running: readonly Job[]; finished: readonly ListedJob[]; selected?: number; width: number; maxRows: number; theme: Theme }) {
  const shown = jobWindow(running.length, finished.length, selected, listRows(running.length + finished.length, maxRows));
  const shownRunning = running.slice(shown.running.from, shown.running.to);
  const shownFinished = finished.slice(shown.finished.from, shown.finished.to);
  const selectedRunning = selected === undefined ? -1 : selected - shown.running.from;
  const selectedFinished = selected === undefined ? -1 : selected - running.length - shown.finished.from;
  const bar = progressBarWidth(width - 4);
  const hidden = hiddenAround(running.length, finished.length, selected, shown);
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold={theme.styled}>Jobs</Text>
        {running.length + finished.length > 0 && selected === undefined ? <Text color={theme.text.dim}> · {keyLabel(Command.PickJob)} picks one</Text> : null}
      </Text>
      {running.length + finished.length === 0 ? (
        <Text color={theme.text.dim} wrap="truncate-end">
          Nothing yet. Say export or press {keyLabel(Command.Export)}.
        </Text>
      ) : null}
      {shownRunning.map((job, index) => (
        // One row whatever the width: the frame's row budget counts it as one (the name takes what the
        // border, padding, bar, phase, percent and ETA leave, and a terminal too narrow for them all clips).
        <Box key={job.id} height={1} overflow="hidden">
          <Box width={Math.max(8, width - 4 - bar - 26)} flexShrink={0}>
            <Text inverse={selectedRunning === index} wrap="truncate-end">
              {selectedRunning === index ? '▸ ' : ''}
              {baseName(job.input)}
            </Text>
          </Box>
          {job.status === 'queued' ? (
            // Waiting is not working: no bar at 0 % and no ETA until it starts.
            <Text color={theme.text.dim} wrap="truncate-end">
              {' '}
              {queuedWords(job.place)}
            </Text>
          ) : (
            <>
              <Text color={theme.status.working}> {job.status.padEnd(11)} </Text>
              <ProgressBar fraction={job.fraction} width={bar} theme={theme} />
              <Text> {String(Math.round(job.fraction * 100)).padStart(3)}%</Text>
              <Text color={theme.text.dim}>{job.etaSec !== undefined ? ` ${formatEta(job.etaSec)}` : ''}</Text>
            </>
          )}
        </Box>
      ))}
      {shownFinished.map((job, index) => (
        // A failure keeps what happened, its start; an output keeps its folder's start, name and size,
        // and an interruption the key that retries it: their ends.
        <Text key={job.id} inverse={selectedFinished === index} color={job.status === 'done' ? undefined : theme.text.dim} wrap={job.status === 'failed' && !job.interrupted ? 'truncate-end' : 'truncate-middle'}>
          <Text color={job.status === 'done' ? theme.status.ok : theme.status.warning}>{selectedFinished === index ? '▸ ' : ''}{mark(job)} </Text>
          {finishedLine(job)}
        </Text>
      ))}
      {hidden.above + hidden.below > 0 ? (
        <Text color={theme.text.dim} wrap="truncate-end">
          {moreLine(hidden.above, hidden.below)}
        </Text>
      ) : null}
    </Box>
  );
}

/** What a finished job left: its output and size (against the target), or why there is none. */
export function finishedLine(job: ListedJob): string {
  const name = baseName(job.input);
  if (job.interrupted) return `${name}: interrupted (${job.reason ?? 'the studio quit while it ran'}) · retry: ${keyLabel(Command.PickJob)}, ${keyLabel(Command.JobRetry)}`;
  if (job.status === 'canceled') return `${name}: canceled`;
  if (job.status === 'failed') return `${name}: failed${job.error ? `, ${job.error}` : ''}`;
  const size = job.bytes === undefined ? '' : ` (${formatBytes(job.bytes)}${job.targetBytes ? ` of ${formatBytes(job.targetBytes)}` : ''})`;
  return `${name} → ${job.output ?? '?'}${size}`;
}

function mark(job: ListedJob): string {
  return job.status === 'done' ? '✓' : job.interrupted ? '!' : job.status === 'failed' ? '✗' : '–';
}

/** "ETA 1m05s" style, short enough for a narrow pane. */
export function formatEta(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
