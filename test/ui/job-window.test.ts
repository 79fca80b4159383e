import { describe, expect, it } from 'vitest';
import { jobWindow, type RowSpan } from '../../src/ui/job-window.js';

// [running, finished, selected, maxRows] → the running rows and the finished rows the pane shows.
describe('the rows the jobs pane shows', () => {
  it.each<[string, [number, number, number | undefined, number], RowSpan, RowSpan]>([
    ['nothing picked: running first, finished fill the rest', [2, 10, undefined, 6], { from: 0, to: 2 }, { from: 0, to: 4 }],
    ['nothing picked, more running than rows', [8, 3, undefined, 6], { from: 0, to: 6 }, { from: 0, to: 0 }],
    ['a finished pick inside the first rows: nothing moves', [0, 14, 3, 6], { from: 0, to: 0 }, { from: 0, to: 6 }],
    ['a finished pick below them: the window ends on it', [0, 14, 9, 6], { from: 0, to: 0 }, { from: 4, to: 10 }],
    ['the oldest finished picked', [0, 14, 13, 6], { from: 0, to: 0 }, { from: 8, to: 14 }],
    ['a finished pick under running jobs scrolls the rows left', [2, 14, 2 + 7, 6], { from: 0, to: 2 }, { from: 4, to: 8 }],
    ['a finished pick while more run than fit keeps a row for itself', [8, 5, 8 + 2, 6], { from: 0, to: 5 }, { from: 2, to: 3 }],
    ['a running pick below the rows: the running window ends on it', [8, 5, 7, 6], { from: 2, to: 8 }, { from: 0, to: 0 }],
    ['one row: the pick is that row', [3, 3, 4, 1], { from: 0, to: 0 }, { from: 1, to: 2 }],
  ])('%s', (_name, [running, finished, selected, maxRows], shownRunning, shownFinished) => {
    const shown = jobWindow(running, finished, selected, maxRows);
    expect(shown).toEqual({ running: shownRunning, finished: shownFinished });
    if (selected !== undefined) {
      const span = selected < running ? shown.running : shown.finished;
      const at = selected < running ? selected : selected - running;
      expect(at >= span.from && at < span.to).toBe(true);
    }
  });
});
