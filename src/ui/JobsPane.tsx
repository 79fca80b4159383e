import React from 'react';
import { Box, Text } from 'ink';
import { isFinished, type Job } from '../engine/index.js';
import { ProgressBar } from './ProgressBar.js';
import { progressBarWidth } from './layout.js';
import type { Theme } from './theme.js';

/** Jobs that are still running, each with its phase, a bar, the percentage and an ETA. */
export function JobsPane({ jobs, width, maxRows, theme }: { jobs: readonly Job[]; width: number; maxRows: number; theme: Theme }) {
  const active = jobs.filter((job) => !isFinished(job));
  const shown = active.slice(-maxRows);
  const bar = progressBarWidth(width - 4);
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={theme.border} paddingX={1}>
      <Text bold={theme.styled}>Jobs</Text>
      {shown.length === 0 ? (
        <Text color={theme.text.dim} wrap="truncate-end">
          Nothing running. Press Ctrl+E to export.
        </Text>
      ) : (
        shown.map((job) => (
          <Box key={job.id}>
            <Box width={Math.max(8, width - bar - 26)}>
              <Text wrap="truncate-end">{baseName(job.input)}</Text>
            </Box>
            <Text color={theme.status.working}> {job.status.padEnd(11)} </Text>
            <ProgressBar fraction={job.fraction} width={bar} theme={theme} />
            <Text> {String(Math.round(job.fraction * 100)).padStart(3)}%</Text>
            <Text color={theme.text.dim}>{job.etaSec !== undefined ? ` ${formatEta(job.etaSec)}` : ''}</Text>
          </Box>
        ))
      )}
      {active.length > shown.length ? <Text color={theme.text.dim}>…and {active.length - shown.length} more</Text> : null}
    </Box>
  );
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
