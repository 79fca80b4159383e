/** A run of rows the jobs pane shows out of one of its lists: `from` up to, not including, `to`. */
export type RowSpan = { from: number; to: number };

/**
 * Which running and which finished jobs fit in `maxRows`, with `selected` (counted over the
 * running ones then the finished ones) always among them: running jobs come first (their
 * progress is what is watched), a pick moves a window over its own list, and a finished pick
 * keeps a row for itself however many run. Pure.
 */
export function jobWindow(running: number, finished: number, selected: number | undefined, maxRows: number): { running: RowSpan; finished: RowSpan } {
  const rows = Math.max(1, maxRows);
  const pickedRunning = selected !== undefined && selected < running ? selected : undefined;
  const pickedFinished = selected !== undefined && selected >= running ? selected - running : undefined;
  const runningRows = Math.min(running, pickedFinished === undefined ? rows : rows - 1);
  const runningFrom = pickedRunning === undefined ? 0 : Math.max(0, pickedRunning - runningRows + 1);
  const room = rows - runningRows;
  const finishedFrom = pickedFinished === undefined ? 0 : Math.max(0, pickedFinished - room + 1);
  return {
    running: { from: runningFrom, to: runningFrom + runningRows },
    finished: { from: finishedFrom, to: Math.min(finished, finishedFrom + room) },
  };
}
