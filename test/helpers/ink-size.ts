import type { render } from 'ink-testing-library';

/** Sets ink-testing-library's fake terminal to a size and tells Ink, as a real resize does. */
export function resize(ui: ReturnType<typeof render>, columns: number, rows = 24): void {
  Object.defineProperty(ui.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(ui.stdout, 'rows', { value: rows, configurable: true });
  (ui.stdout as unknown as NodeJS.EventEmitter).emit('resize');
}
