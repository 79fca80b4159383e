import type { Draft } from '../../wire/index.js';

/**
 * One thing that happened in a chat turn, whatever the wire form (the documented short form or
 * ADK events). `text-delta` is a streamed chunk; `text-final` is a whole message that REPLACES the
 * chunks shown since the last final (ADK repeats the text at the end: never show it twice).
 * `done` closes the turn with the text as it should finally read.
 */
export type ChatEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'text-final'; text: string }
  | { type: 'tool-call'; name: string; id?: string; args: unknown }
  | { type: 'tool-result'; name: string; id?: string; response: unknown }
  | { type: 'state-delta'; delta: Record<string, unknown>; draft?: Draft }
  | { type: 'heartbeat' }
  | { type: 'done'; text: string };

/** For the `default:` of every switch over a union: a new member becomes a compile error there. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
