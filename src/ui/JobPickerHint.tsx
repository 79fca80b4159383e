import React from 'react';
import { Text } from 'ink';
import { jobChoices, type JobChoices } from '../studio/index.js';
import { Command, keyLabel } from './bindings.js';
import type { ListedJob } from './job-list.js';
import type { Theme } from './theme.js';

/** The picker's line under the panes: the keys that act on the picked job. */
export function JobPickerHint({ job, theme }: { job: ListedJob; theme: Theme }) {
  return (
    <Text color={theme.status.warning} wrap="truncate-end">
      {pickerHint(jobChoices(job))}
    </Text>
  );
}

/** The keys for one job, and nothing it cannot do (no cancel once it ended, no retry once it is done). */
function pickerHint(choices: JobChoices): string {
  return [
    `${keyLabel(Command.Older)} pick`,
    choices.cancel ? `${keyLabel(Command.JobCancel)} cancel` : undefined,
    `${keyLabel(Command.JobOpen)} open folder`,
    `${keyLabel(Command.JobCopy)} copy path`,
    choices.retry ? `${keyLabel(Command.JobRetry)} retry` : undefined,
    `${keyLabel(Command.CloseHelp)} done`,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}
