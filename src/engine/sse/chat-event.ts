import type { Draft } from '../../wire/draft.js';
import type { NamedPlanItem } from '../../wire/plan.js';

/**
 * One thing that happened in a chat turn, whatever the wire form (the documented short form or
 * ADK events). `text-delta` is a streamed chunk; `text-final` is a whole message that REPLACES the
 * chunks shown since the last final (ADK repeats the text at the end: never show it twice).
 * `plan` is our node's 'plan' step read as what each video's encode will be, so a client acts on it
 * rather than on the reply's wording. `done`: the stream closed cleanly.
 */
export type ChatEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'text-final'; text: string }
  | { type: 'tool-call'; name: string; id?: string; args: unknown }
  | { type: 'tool-result'; name: string; id?: string; response: unknown }
  | { type: 'plan'; items: NamedPlanItem[] }
  | { type: 'state-delta'; delta: Record<string, unknown>; draft?: Draft }
  | { type: 'heartbeat' }
  | { type: 'done' };

/** For the `default:` of every switch over a union: a new member becomes a compile error there. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
