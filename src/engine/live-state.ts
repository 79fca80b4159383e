import type { SessionState } from './api/types.js';

/** How often to look at the state while a session is open, and how far to back off when idle. */
export type LiveStatePolling = { everyMs: number; maxMs: number };

/** Default: every 2 s, doubling while nothing changes, up to 30 s. */
export const DEFAULT_LIVE_STATE: LiveStatePolling = { everyMs: 2_000, maxMs: 30_000 };

/**
 * Polls the state while a session is open so the timeline stays current, calling `onChange` when
 * the state differs from the last one seen. Backs off while idle; `poke()` (after the user acts)
 * returns to the fast rate. Errors are skipped: the next look tries again. Returns a stop function.
 */
export function watchState(
  getState: () => Promise<SessionState>,
  onChange: (state: SessionState) => void,
  polling: LiveStatePolling,
): { stop: () => void; poke: () => void } {
  let delay = polling.everyMs;
  let last = '';
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(look, delay);
    // Polling must never keep the process alive on its own.
    timer.unref();
  };
  const look = async () => {
    try {
      const state = await getState();
      const seen = JSON.stringify(state);
      if (seen !== last) {
        last = seen;
        delay = polling.everyMs;
        onChange(state);
      } else {
        delay = Math.min(polling.maxMs, delay * 2);
      }
    } catch {
      delay = Math.min(polling.maxMs, delay * 2);
    }
    schedule();
  };
  schedule();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    poke: () => {
      delay = polling.everyMs;
      clearTimeout(timer);
      schedule();
    },
  };
}
