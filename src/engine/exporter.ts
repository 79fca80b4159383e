import { setTimeout as sleep } from 'node:timers/promises';
import { StudioError } from '../errors.js';
import type { RenderStatus } from './api/types.js';

/** The calls a render needs, already wrapped in the engine's error recovery. */
export type RenderCalls = {
  start: (id: string) => Promise<RenderStatus>;
  poll: (id: string) => Promise<RenderStatus>;
};

/** A render id as the brief spells it (`render_<ts>`), with a random tail so two at once never clash (409). */
export function newRenderId(now: number = Date.now()): string {
  return `render_${now}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Queues a render and polls it every `pollMs` until it completes (returns its outputs) or fails
 * (throws with the node's reason). While a poll says it waits behind other renders, `onWaiting`
 * gets its place in line (1 is next) when the node names one; once it runs, `onProgress` gets
 * 0..1 and the poll itself (with each item's progress, when the node gives it). The start's own answer is pending whether or not the render waits (the brief's accepted
 * state), so only a place named there counts as waiting. The signal stops the polling; the caller
 * cancels the render itself on the node.
 */
export async function renderAndWait(
  calls: RenderCalls,
  id: string,
  options: { pollMs: number; signal?: AbortSignal; onQueued?: (id: string) => void; onWaiting?: (place?: number) => void; onProgress?: (fraction: number, status: RenderStatus) => void },
): Promise<RenderStatus> {
  let status = await calls.start(id);
  options.onQueued?.(status.id);
  if (status.status === 'pending' && status.queuePosition !== undefined) options.onWaiting?.(status.queuePosition);
  while (status.status === 'pending' || status.status === 'processing') {
    await sleep(options.pollMs, undefined, { signal: options.signal });
    status = await calls.poll(status.id);
    if (status.status === 'pending') options.onWaiting?.(status.queuePosition);
    else options.onProgress?.(status.progress / 100, status);
  }
  if (status.status === 'failed') {
    // The node's reason is a sentence of its own: its full stop is not doubled.
    throw new StudioError(`The render failed${status.error ? `: ${status.error.replace(/\.$/, '')}` : ''}.`, { hint: 'Try a different instruction, or check the input file.' });
  }
  if (status.outputs.length === 0) throw new StudioError('The render finished without a file to download.');
  return status;
}
