import { describe, expect, it } from 'vitest';
import type { JobChoices } from '../../src/studio/index.js';
import { Command } from '../../src/ui/bindings.js';
import { pickerStep, type PickerStep } from '../../src/ui/job-picker.js';

const running: JobChoices = { cancel: true, retry: false, path: '/v/a.mp4' };
const failed: JobChoices = { cancel: false, retry: true, path: '/v/a.mp4' };
const done: JobChoices = { cancel: false, retry: false, path: '/o/a.compressed.mp4' };

describe('a key while a job is picked', () => {
  it.each<[string, Command | undefined, number, JobChoices, PickerStep]>([
    ['↑ moves up', Command.Older, 2, done, { type: 'move', to: 1 }],
    ['↑ stops at the top', Command.Older, 0, done, { type: 'move', to: 0 }],
    ['↓ stops at the bottom', Command.Newer, 3, done, { type: 'move', to: 3 }],
    ['x cancels a running job and closes', Command.JobCancel, 0, running, { type: 'act', act: 'cancel', close: true }],
    ['Enter cancels a running job too', Command.Send, 0, running, { type: 'act', act: 'cancel', close: true }],
    ['x on a finished job does nothing', Command.JobCancel, 0, done, { type: 'stay' }],
    ['o opens the folder and stays', Command.JobOpen, 1, done, { type: 'act', act: 'open', close: false }],
    ['c copies the path and stays', Command.JobCopy, 1, done, { type: 'act', act: 'copy', close: false }],
    ['r retries a failed job and closes', Command.JobRetry, 1, failed, { type: 'act', act: 'retry', close: true }],
    ['r on a done job does nothing', Command.JobRetry, 1, done, { type: 'stay' }],
    ['Esc closes', Command.CloseHelp, 1, done, { type: 'close', passOn: false }],
    ['Ctrl+O again closes', Command.PickJob, 1, done, { type: 'close', passOn: false }],
    ['a typed letter closes and is typed', undefined, 1, done, { type: 'close', passOn: true }],
    ['Ctrl+C closes and asks to quit', Command.Quit, 1, done, { type: 'close', passOn: true }],
  ])('%s', (_name, command, at, choices, step) => {
    expect(pickerStep(command, at, 4, choices)).toEqual(step);
  });
});
