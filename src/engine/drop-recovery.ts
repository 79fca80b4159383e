import { setTimeout as sleep } from 'node:timers/promises';
import type { SessionState } from './api/types.js';

/** When to look at the state after a stream dropped: first after 30 s, then every 60 s, 5 tries. */
export type DropPolling = { firstDelayMs: number; nextDelayMs: number; maxUnchanged: number };

/** The brief's schedule. */
export const DEFAULT_DROP_POLLING: DropPolling = { firstDelayMs: 30_000, nextDelayMs: 60_000, maxUnchanged: 5 };

/**
 * After a dropped stream the turn may still be running on the node: watch the state (never re-send)
 * until the draft differs from `before`, or give up after `maxUnchanged` unchanged looks.
 */
export async function awaitStateChange(
  getState: () => Promise<SessionState>,
  before: SessionState | undefined,
  polling: DropPolling,
  signal?: AbortSignal,
): Promise<{ changed: boolean; state?: SessionState }> {
  let last: SessionState | undefined;
  for (let look = 0; look < polling.maxUnchanged; look++) {
    await sleep(look === 0 ? polling.firstDelayMs : polling.nextDelayMs, undefined, { signal });
    last = await getState();
    if (JSON.stringify(last.draft) !== JSON.stringify(before?.draft)) return { changed: true, state: last };
  }
  return { changed: false, state: last };
}
