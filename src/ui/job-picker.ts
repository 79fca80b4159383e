import type { JobChoices } from '../studio/index.js';
import { Command } from './bindings.js';

/**
 * What a key does while a job is picked: move the pick, act on the job (then close, or stay for
 * another act on the same one), close, or close and hand the key back to the line editor so
 * nothing typed is lost.
 */
export type PickerStep =
  | { type: 'move'; to: number }
  | { type: 'act'; act: 'cancel' | 'open' | 'copy' | 'retry'; close: boolean }
  | { type: 'stay' }
  | { type: 'close'; passOn: boolean };

/**
 * The picker's step for one command, with the pick at `at` of `count` listed jobs. An act the
 * job does not allow (cancel a finished one, retry one that is done) does nothing. Pure.
 */
export function pickerStep(command: Command | undefined, at: number, count: number, choices: JobChoices): PickerStep {
  switch (command) {
    case Command.Older:
    case Command.Newer:
      return { type: 'move', to: Math.max(0, Math.min(count - 1, at + (command === Command.Older ? -1 : 1))) };
    case Command.Send:
    case Command.CancelJob:
    case Command.JobCancel:
      return choices.cancel ? { type: 'act', act: 'cancel', close: true } : { type: 'stay' };
    case Command.JobOpen:
      return { type: 'act', act: 'open', close: false };
    case Command.JobCopy:
      return { type: 'act', act: 'copy', close: false };
    case Command.JobRetry:
      return choices.retry ? { type: 'act', act: 'retry', close: true } : { type: 'stay' };
    case Command.PickJob:
    case Command.CloseHelp:
      return { type: 'close', passOn: false };
    default:
      return { type: 'close', passOn: true };
  }
}
