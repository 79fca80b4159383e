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

/**
 * How many jobs the window hides above and below the pick (counted over the running ones then
 * the finished ones), or below its first row when nothing is picked. Pure.
 */
export function hiddenAround(running: number, finished: number, selected: number | undefined, shown: { running: RowSpan; finished: RowSpan }): { above: number; below: number } {
  const visible = (index: number) => (index < running ? index >= shown.running.from && index < shown.running.to : index - running >= shown.finished.from && index - running < shown.finished.to);
  const pivot = selected ?? Array.from({ length: running + finished }, (_, index) => index).find(visible) ?? 0;
  let above = 0;
  let below = 0;
  for (let index = 0; index < running + finished; index += 1) {
    if (visible(index)) continue;
    if (index < pivot) above += 1;
    else below += 1;
  }
  return { above, below };
}
