import { columns } from './columns.js';

/** Breakpoints and widths, from the terminal's size only, so tests can pick any size. */

/** Below this the timeline and jobs panes stack instead of standing side by side. */
export const WIDE_COLUMNS = 100;

/** True when the panes must stack. */
export function isNarrow(columns: number): boolean {
  return columns < WIDE_COLUMNS;
}

/** Widths of the timeline and jobs panes: side by side when wide, each the full width when narrow. */
export function paneWidths(columns: number): { timeline: number; jobs: number } {
  const usable = Math.max(20, columns);
  if (isNarrow(usable)) return { timeline: usable, jobs: usable };
  const timeline = Math.floor(usable * 0.45);
  return { timeline, jobs: usable - timeline };
}

/** How wide a progress bar is inside a pane of this width, leaving room for name, percent and ETA. */
export function progressBarWidth(paneWidth: number): number {
  return Math.max(8, Math.min(30, paneWidth - 40));
}

/** One part of the status bar; `rank` 0 is kept longest, higher ranks are dropped first. */
export type StatusPart = { text: string; rank: number };

/**
 * The status bar in one row of `width`: whole parts are dropped, least important first, rather
 * than the row being cut mid-word ("…Ctrl+E export · C…").
 */
export function fitStatus(parts: readonly StatusPart[], width: number): string {
  let kept = parts.filter((part) => part.text !== '');
  const line = () => kept.map((part) => part.text).join(' · ');
  while (kept.length > 1 && columns(line()) > width - 1) {
    const worst = Math.max(...kept.map((part) => part.rank));
    kept = kept.filter((part) => part !== kept.findLast((candidate) => candidate.rank === worst));
  }
  return line();
}
