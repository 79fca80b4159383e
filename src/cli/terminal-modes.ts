/** Bracketed paste: a pasted path or a multi-line paste arrives marked, never sent half-typed. */
export const PASTE_ON = '\u001b[?2004h';
export const PASTE_OFF = '\u001b[?2004l';
/** Focus reporting: the terminal sends ESC[I and ESC[O as its window gains and loses focus. */
export const FOCUS_ON = '\u001b[?1004h';
export const FOCUS_OFF = '\u001b[?1004l';

/** Signals that end the process by default: the modes are turned off before it goes. */
const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

/** What turning the modes on needs from the process: its exit and signal events, and a way to end it by a signal. */
export type ModesProcess = Pick<NodeJS.Process, 'once' | 'removeListener' | 'kill' | 'pid' | 'listenerCount'>;

/**
 * Turns on the terminal modes the studio reads (bracketed paste, focus reports) and returns the
 * function that turns them off. That function runs once, whichever way the studio ends: its own
 * exit, a crash (the process's `exit` event follows an uncaught exception), or SIGTERM/SIGHUP, which
 * are then delivered again so the process still ends as the signal asks. A terminal left with
 * focus reporting on would type ESC[I and ESC[O into the user's shell.
 */
export function enableTerminalModes(stream: Pick<NodeJS.WriteStream, 'write'>, proc: ModesProcess = process): () => void {
  let on = true;
  const off = () => {
    if (!on) return;
    on = false;
    proc.removeListener('exit', off);
    for (const signal of ENDING_SIGNALS) proc.removeListener(signal, onSignal);
    stream.write(PASTE_OFF + FOCUS_OFF);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    off();
    // Ours was the only listener: the default action (ending the process) is what was asked for.
    if (proc.listenerCount(signal) === 0) proc.kill(proc.pid, signal);
  };
  stream.write(PASTE_ON + FOCUS_ON);
  proc.once('exit', off);
  for (const signal of ENDING_SIGNALS) proc.once(signal, onSignal);
  return off;
}
