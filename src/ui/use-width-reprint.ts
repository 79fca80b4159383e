import { useEffect, useRef, useState } from 'react';
import { useStdout } from 'ink';

/** The terminal's escape that clears the screen and its scrollback, then homes the cursor. */
const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';
/** Resizes arrive in bursts while a window is dragged: the transcript is reprinted once they settle. */
const RESIZE_SETTLE_MS = 150;

/**
 * A width change reflows what the terminal shows, so Ink's frame can no longer be erased line by
 * line: once the resizes settle, the screen is cleared and the count returned goes up. Keyed on
 * it, a new <Static> prints the transcript again, whole, at the new width.
 */
export function useWidthReprint(columns: number): number {
  const { write } = useStdout();
  const [epoch, setEpoch] = useState(0);
  const firstWidth = useRef(columns);
  useEffect(() => {
    if (columns === firstWidth.current) return;
    const timer = setTimeout(() => {
      firstWidth.current = columns;
      write(CLEAR_TERMINAL);
      setEpoch((value) => value + 1);
    }, RESIZE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [columns, write]);
  return epoch;
}
