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
 * (throws with the node's reason). `onProgress` gets 0..1. The signal stops the polling; the
 * caller cancels the render itself on the node.
 */
export async function renderAndWait(
  calls: RenderCalls,
  id: string,
  options: { pollMs: number; signal?: AbortSignal; onQueued?: (id: string) => void; onProgress?: (fraction: number) => void },
): Promise<RenderStatus> {
  let status = await calls.start(id);
  options.onQueued?.(status.id);
  while (status.status === 'pending' || status.status === 'processing') {
    await sleep(options.pollMs, undefined, { signal: options.signal });
    status = await calls.poll(status.id);
    options.onProgress?.(status.progress / 100);
  }
  if (status.status === 'failed') {
    throw new StudioError(`The render failed${status.error ? `: ${status.error}` : ''}.`, { hint: 'Try a different instruction, or check the input file.' });
  }
  if (status.outputs.length === 0) throw new StudioError('The render finished without a file to download.');
  return status;
}
