import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { decodeKey, splitKeys, type KeyPress } from './keys.js';

/**
 * Calls `onKey` once per key, in order, however the keys arrived (a burst in one read is applied
 * key by key). Text between bracketed-paste markers comes as one `text` key with `pasted` set,
 * control bytes included, so a pasted line break never sends a half-typed line. The terminal's
 * focus reports go to `onFocus` only: they are not keys the user pressed.
 */
export function useKeys(onKey: (key: KeyPress, pasted: boolean) => void, onFocus?: (focused: boolean) => void): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  const handler = useRef(onKey);
  handler.current = onKey;
  const focusHandler = useRef(onFocus);
  focusHandler.current = onFocus;
  useEffect(() => {
    setRawMode(true);
    let pasting = false;
    const onInput = (event: string) => {
      for (const raw of pasting && !event.startsWith('\u001b') ? [event] : splitKeys(event)) {
        const key = pasting && !raw.startsWith('\u001b') ? ({ name: 'text', text: raw } as const) : decodeKey(raw);
        if (key.name === 'paste-start') pasting = true;
        else if (key.name === 'paste-end') pasting = false;
        else if (key.name === 'focus-in' || key.name === 'focus-out') focusHandler.current?.(key.name === 'focus-in');
        else handler.current(key, pasting);
      }
    };
    events.on('input', onInput);
    return () => {
      events.removeListener('input', onInput);
      setRawMode(false);
    };
  }, [events, setRawMode]);
}
