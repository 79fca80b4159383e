/**
 * Where `run` prints: results and progress as whole lines on stdout, failures on stderr, and on a
 * terminal one status line redrawn in place.
 */
export type RunWriter = { line: (text: string) => void; error: (text: string) => void; status?: (text: string) => void; end: () => void };

/** Lines only: pipes, files and --json. */
export function plainWriter(stream: NodeJS.WritableStream, errors: NodeJS.WritableStream = process.stderr): RunWriter {
  return { line: (text) => stream.write(`${text}\n`), error: (text) => errors.write(`${text}\n`), end: () => {} };
}

/**
 * On a terminal: lines scroll above a status line that is cleared and redrawn in place, so
 * progress of several files at once takes one row instead of flooding the screen. An error line
 * clears the status first, since stderr and stdout usually share the screen.
 */
export function terminalWriter(stream: NodeJS.WritableStream, errors: NodeJS.WritableStream = process.stderr): RunWriter {
  let status = '';
  const clear = '\r\x1b[2K';
  return {
    line: (text) => stream.write(`${clear}${text}\n${status}`),
    error: (text) => {
      stream.write(clear);
      errors.write(`${text}\n`);
      stream.write(status);
    },
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

/** The writer for `run` and `watch`: the redrawn status line on a terminal, plain lines otherwise and with --json. */
export function runWriter(json: boolean): RunWriter {
  return process.stdout.isTTY && !json ? terminalWriter(process.stdout) : plainWriter(process.stdout);
}
