/** Where `run` prints: whole lines, and on a terminal one status line redrawn in place. */
export type RunWriter = { line: (text: string) => void; status?: (text: string) => void; end: () => void };

/** Lines only: pipes, files and --json. */
export function plainWriter(stream: NodeJS.WritableStream): RunWriter {
  return { line: (text) => stream.write(`${text}\n`), end: () => {} };
}

/**
 * On a terminal: lines scroll above a status line that is cleared and redrawn in place, so
 * progress of several files at once takes one row instead of flooding the screen.
 */
export function terminalWriter(stream: NodeJS.WritableStream): RunWriter {
  let status = '';
  const clear = '\r\x1b[2K';
  return {
    line: (text) => stream.write(`${clear}${text}\n${status}`),
    status: (text) => {
      status = text;
      stream.write(`${clear}${status}`);
    },
    end: () => {
      if (status !== '') stream.write(`${clear}`);
      status = '';
    },
  };
}
