import { describe, expect, it } from 'vitest';
import { frameBudget, listRows, moreLine, PANE_LIST_ROWS, type FrameBudget, type FrameWants } from '../../src/ui/frame-budget.js';
import { hiddenAround, jobWindow } from '../../src/ui/job-window.js';

const wants = (more: Partial<FrameWants>): FrameWants => ({ rows: 24, stacked: true, lines: 0, timelineItems: 0, timelineOutput: false, running: 0, finished: 0, pickedFinished: false, ...more });

/** The frame's height from a budget, pane by pane, the way the panes draw it. */
function frameHeight(w: FrameWants, budget: FrameBudget): number {
  const timeline = budget.timeline === 0 ? 0 : 3 + (w.timelineOutput ? 1 : 0) + budget.timeline;
  const jobs = budget.jobs === 0 ? 0 : 3 + budget.jobs;
  return 2 + w.lines + (w.stacked ? timeline + jobs : Math.max(timeline, jobs));
}

describe('the row budget of the live frame', () => {
  it.each<[string, Partial<FrameWants>, Omit<FrameBudget, 'help'>]>([
    ['an empty studio at 80x24: each pane its one line', {}, { timeline: 1, jobs: 1 }],
    ['80x24, six items with Output and many finished jobs: all of both', { timelineItems: 6, timelineOutput: true, finished: 14 }, { timeline: 6, jobs: PANE_LIST_ROWS }],
    ['the same with a reply in flight: the last row to spare is taken', { timelineItems: 6, timelineOutput: true, finished: 14, lines: 1 }, { timeline: 6, jobs: PANE_LIST_ROWS }],
    ['the same with the quit question and the picker hint too', { timelineItems: 6, timelineOutput: true, finished: 14, lines: 3, pickedFinished: true }, { timeline: 6, jobs: 5 }],
    ['running jobs take their rows before the timeline grows', { rows: 18, timelineItems: 6, timelineOutput: true, running: 4, finished: 9 }, { timeline: 3, jobs: 5 }],
    ['a finished pick under running jobs keeps its row', { rows: 18, timelineItems: 6, running: 3, finished: 9, pickedFinished: true }, { timeline: 4, jobs: 5 }],
    ['60x15 with a full timeline and jobs: both shrink to their first rows', { rows: 15, timelineItems: 6, timelineOutput: true, running: 2, finished: 6, lines: 1 }, { timeline: 2, jobs: 2 }],
    ['too short for both panes: the timeline is left out', { rows: 12, timelineItems: 6, timelineOutput: true, running: 2, finished: 6 }, { timeline: 0, jobs: 6 }],
    ['too short for any pane: only the input and the status bar', { rows: 6, timelineItems: 6, running: 2 }, { timeline: 0, jobs: 0 }],
    ['wide: side by side, each pane the full height', { stacked: false, timelineItems: 9, timelineOutput: true, running: 1, finished: 12 }, { timeline: PANE_LIST_ROWS, jobs: PANE_LIST_ROWS }],
    ['wide and short: each pane fits on its own', { stacked: false, rows: 12, timelineItems: 9, timelineOutput: true, finished: 12, lines: 1 }, { timeline: 4, jobs: 5 }],
  ])('%s', (_name, more, expected) => {
    const w = wants(more);
    const budget = frameBudget(w);
    expect({ timeline: budget.timeline, jobs: budget.jobs }).toEqual(expected);
  });

  it('keeps the frame one row short of the terminal whatever it holds, from 9 rows up', () => {
    for (let rows = 9; rows <= 40; rows += 1)
      for (const stacked of [true, false])
        for (let lines = 0; lines <= 3; lines += 1)
          for (const timelineItems of [0, 1, 2, 6, 9])
            for (const running of [0, 1, 3, 8])
              for (const finished of [0, 1, 14])
                for (const timelineOutput of [false, true]) {
                  const w = wants({ rows, stacked, lines, timelineItems, timelineOutput, running, finished, pickedFinished: finished > 0 && lines > 0 });
                  const budget = frameBudget(w);
                  expect(frameHeight(w, budget), JSON.stringify(w)).toBeLessThanOrEqual(rows - 1);
                  expect(budget.help + 2 + (lines > 0 ? lines - 1 : 0)).toBeLessThanOrEqual(rows - 1);
                }
  });

  it.each([
    [3, 7, 3], [8, 7, 6], [8, 2, 1], [0, 3, 0],
  ])('%i rows in a list of %i rows show %i and the more line', (count, rows, shown) => expect(listRows(count, rows)).toBe(shown));
});

describe('the more line', () => {
  it.each<[number, number, string]>([
    [0, 5, '↓ 5 more'],
    [3, 0, '↑ 3 more'],
    [3, 5, '↑ 3 more · ↓ 5 more'],
    [0, 0, ''],
  ])('%i above and %i below: "%s"', (above, below, line) => expect(moreLine(above, below)).toBe(line));

  // [running, finished, selected, list rows] → hidden above and below the pick.
  it.each<[string, [number, number, number | undefined, number], { above: number; below: number }]>([
    ['nothing picked: all hidden ones lie below', [2, 10, undefined, 5], { above: 0, below: 7 }],
    ['the newest picked', [0, 14, 0, 6], { above: 0, below: 8 }],
    ['a pick in the middle', [0, 14, 9, 6], { above: 4, below: 4 }],
    ['the oldest picked', [0, 14, 13, 6], { above: 8, below: 0 }],
    ['a finished pick under running jobs: the running ones it skips are above it', [8, 5, 8 + 2, 6], { above: 5, below: 2 }],
  ])('%s', (_name, [running, finished, selected, rows], expected) => {
    expect(hiddenAround(running, finished, selected, jobWindow(running, finished, selected, rows))).toEqual(expected);
  });
});
