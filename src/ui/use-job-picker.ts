import { useRef, useState } from 'react';
import { jobChoices, type Job, type JobRecord } from '../studio/index.js';
import { Command } from './bindings.js';
import type { ListedJob } from './job-list.js';
import { pickerStep } from './job-picker.js';

/** What the picker's keys ask of the studio; the CLI wires each to the engine and the desktop. */
export type JobActions = {
  cancel(jobId: string): void;
  /** Says nothing runs (Ctrl+X with no job running). */
  nothingToCancel(): void;
  /** Shows the folder of a file in the file manager, or says where it is where none can be shown. */
  openFolder(path: string): void;
  /** Puts a path where the user can paste it, and says where that is. */
  copyPath(path: string): void;
  /** Runs a finished job again: its input, to the goal it recorded. */
  retry(job: JobRecord): void;
};

/** The job picker as the studio's keys drive it and its panes draw it. */
export type JobPicker = {
  /** The picked row, counted over the running jobs then the finished ones; undefined while closed. */
  selected: number | undefined;
  /** The picked job as this render lists it. */
  job: ListedJob | undefined;
  /** Whether a job is picked now: read when a key arrives, which can be before the next render. */
  isOpen(): boolean;
  /** Acts on a key's command: true when the picker used it, false when it is the line's to handle. */
  onCommand(command: Command | undefined): boolean;
};

/**
 * Ctrl+O picks a job in the list (the newest finished one), Ctrl+X cancels the one running or
 * picks among several; while one is picked, ↑/↓ move the pick and single letters act on it. The
 * pick is kept in a ref as well as in state: keys arrive faster than React renders (a held ↓),
 * and each must move on from where the last one left the pick, not from the last render's.
 */
export function useJobPicker(running: readonly Job[], finished: readonly ListedJob[], actions: JobActions): JobPicker {
  const listed: readonly ListedJob[] = [...running, ...finished];
  const picked = useRef<number | undefined>(undefined);
  const [shown, setShown] = useState<number | undefined>(undefined);
  const pick = (at: number | undefined) => {
    picked.current = at;
    setShown(at);
  };
  // Jobs end and start while one is picked: the choice stays inside the list.
  const inList = (at: number | undefined) => (at === undefined || listed.length === 0 ? undefined : Math.min(at, listed.length - 1));
  const selected = inList(shown);

  const onCommand = (command: Command | undefined): boolean => {
    const at = inList(picked.current);
    if (at === undefined) {
      if (command === Command.PickJob) {
        // The newest finished job is the likeliest to act on; a running one when nothing finished.
        if (listed.length > 0) pick(finished.length > 0 ? running.length : listed.length - 1);
        return true;
      }
      if (command !== Command.CancelJob) return false;
      if (running.length === 0) actions.nothingToCancel();
      else if (running.length === 1) actions.cancel(running[0].id);
      else pick(running.length - 1);
      return true;
    }
    const job = listed[at];
    const choices = jobChoices(job);
    const step = pickerStep(command, at, listed.length, choices);
    if (step.type === 'move') pick(step.to);
    if (step.type === 'act') {
      if (step.act === 'cancel') actions.cancel(job.id);
      else if (step.act === 'open') actions.openFolder(choices.path);
      else if (step.act === 'copy') actions.copyPath(choices.path);
      else actions.retry(job);
      if (step.close) pick(undefined);
    }
    if (step.type !== 'close') return true;
    pick(undefined);
    return !step.passOn;
  };

  return {
    selected,
    job: selected === undefined ? undefined : listed[selected],
    isOpen: () => inList(picked.current) !== undefined,
    onCommand,
  };
}
