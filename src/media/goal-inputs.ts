import { MediaError } from '../errors.js';
import { formatSeconds } from '../units.js';
import type { Codec, Container, Goal } from '../goal/types.js';
import { trimWindow } from './trim-window.js';
import type { PlanNote } from './plan-notes.js';

/** The output's codec and container: WebM carries AV1 + Opus here (the build has no VP9 path). */
export function resolveFormat(goal: Goal, notes: PlanNote[]): { codec: Codec; container: Container } {
  const container = goal.container ?? 'mp4';
  if (container !== 'webm') return { codec: goal.codec ?? 'h264', container };
  if (goal.codec && goal.codec !== 'av1') {
    notes.push({ code: 'webm-codec', asked: goal.codec });
  } else {
    notes.push({ code: 'webm' });
  }
  return { codec: 'av1', container };
}

/** The trim as seconds inside the clip (undefined when it keeps everything); impossible trims throw. */
export function resolveTrim(trim: Goal['trim'], durationSec: number): { startSec: number; endSec?: number } | undefined {
  if (!trim) return undefined;
  const { startSec, endSec } = trimWindow(trim, durationSec);
  if (startSec >= durationSec) {
    throw new MediaError('impossible', `The trim starts at ${formatSeconds(startSec)} but the video is only ${formatSeconds(durationSec)} long.`, {
      hint: 'Pick a start inside the video.',
    });
  }
  if (endSec <= startSec) {
    throw new MediaError('impossible', `The trim ends (${formatSeconds(endSec)}) before it starts (${formatSeconds(startSec)}).`, {
      hint: 'Give an end after the start.',
    });
  }
  if (startSec === 0 && endSec >= durationSec) return undefined;
  return endSec < durationSec ? { startSec, endSec } : { startSec };
}

