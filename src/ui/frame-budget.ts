/**
 * How the live frame shares the terminal's rows. Ink clears the screen and repaints all of it,
 * into the scrollback, on every render where the live frame is as tall as the terminal, which
 * over SSH is a flicker and a scrollback full of copies; so the frame is kept to one row short
 * of the terminal whatever it holds, and the panes get what is left by priority.
 */

/** What the live frame would show, before it is fitted. */
export type FrameWants = {
  rows: number;
  /** True when the timeline stands above the jobs pane rather than beside it (isNarrow). */
  stacked: boolean;
  /** One-row lines besides the input line and the status bar: the reply in flight, the quit question, the picker hint. */
  lines: number;
  timelineItems: number;
  /** True when the timeline shows its Output line. */
  timelineOutput: boolean;
  running: number;
  finished: number;
  /** True when the picked job is a finished one: it takes a row of its own beside the running ones. */
  pickedFinished: boolean;
};

/**
 * Rows for each pane's list, its "more" line included (borders, title and Output not counted);
 * 0 leaves the pane out. `help`: the rows the help overlay may take, its borders included.
 */
export type FrameBudget = { timeline: number; jobs: number; help: number };

/** The most list rows a pane takes on a tall terminal: the live frame stays small enough to redraw cheaply. */
export const PANE_LIST_ROWS = 7;

/** Borders and the title row of a pane. */
const PANE_CHROME = 3;

/** The input line and the status bar, which are always shown. */
const ALWAYS = 2;

/**
 * Shares `rows − 1` among the input line and the status bar (always), the one-row lines, then
 * the panes: stacked, the jobs pane first takes rows for the running jobs and a finished pick,
 * then the timeline its items, then the finished jobs the rest. A pane that overflows shows its
 * first rows and a "more" line, so each takes two rows before either grows; when both cannot
 * have that the timeline is left out, then the jobs pane. Pure.
 */
export function frameBudget(wants: FrameWants): FrameBudget {
  const room = wants.rows - 1 - ALWAYS - wants.lines;
  const help = Math.max(4, room);
  const timelineChrome = PANE_CHROME + (wants.timelineOutput ? 1 : 0);
  const timelineWant = Math.min(PANE_LIST_ROWS, Math.max(1, wants.timelineItems));
  const total = wants.running + wants.finished;
  const jobsWant = Math.min(PANE_LIST_ROWS, Math.max(1, total));
  const timelineLeast = Math.min(2, timelineWant);
  const jobsLeast = Math.min(2, jobsWant);
  const fits = (least: number, chrome: number, want: number, left: number) => (left - chrome >= least ? Math.min(want, left - chrome) : 0);

  if (!wants.stacked) return { timeline: fits(timelineLeast, timelineChrome, timelineWant, room), jobs: fits(jobsLeast, PANE_CHROME, jobsWant, room), help };
  let left = room - timelineChrome - PANE_CHROME - timelineLeast - jobsLeast;
  if (left < 0) return { timeline: 0, jobs: fits(jobsLeast, PANE_CHROME, jobsWant, room), help };

  const grow = (from: number, to: number) => {
    const added = Math.max(0, Math.min(left, to - from));
    left -= added;
    return from + added;
  };
  const watched = wants.running + (wants.pickedFinished ? 1 : 0);
  let jobs = grow(jobsLeast, Math.min(jobsWant, watched < total ? watched + 1 : watched));
  const timeline = grow(timelineLeast, timelineWant);
  jobs = grow(jobs, jobsWant);
  return { timeline, jobs, help };
}

/** How many of `count` rows a list shows in `rows`, the "more" line taking one of them when they do not all fit. */
export function listRows(count: number, rows: number): number {
  return count <= rows ? count : Math.max(1, rows - 1);
}

/** The "more" line of a list cut to fit: which way the hidden rows lie, "↑ 3 more · ↓ 5 more". `noun` follows each count. */
export function moreLine(above: number, below: number, noun = 'more'): string {
  return [above > 0 ? `↑ ${above} ${noun}` : '', below > 0 ? `↓ ${below} ${noun}` : ''].filter((part) => part !== '').join(' · ');
}
