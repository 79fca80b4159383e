import { createParser } from 'eventsource-parser';
import { StudioError } from '../../errors.js';
import type { ChatEvent } from './chat-event.js';
import { wireEvents } from './wire-events.js';

/**
 * The stream broke before it closed cleanly (connection reset, node gone, 15-minute cap). The turn
 * may still be running on the node, so the message must NOT be sent again: poll state instead.
 */
export class StreamDroppedError extends StudioError {
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(`The reply stream was interrupted (${reason}).`, { hint: 'Checking the session state instead of sending the message again.', cause: options.cause });
  }
}

/**
 * Bytes of a `/run_sse` answer → chat events, ending with `done` when the stream closes (the
 * reply's text is assembled from the events by the turn, turn.ts, not here). Bytes
 * may be split anywhere (even inside a UTF-8 character or an event). SSE comments and empty
 * `data:` are heartbeats. A stream that errors raises StreamDroppedError.
 */
export async function* readChatStream(body: AsyncIterable<Uint8Array>, signal?: AbortSignal): AsyncGenerator<ChatEvent> {
  const decoder = new TextDecoder();
  const queue: ChatEvent[] = [];
  const parser = createParser({
    onEvent: (message) => queue.push(...wireEvents(message.data)),
    onComment: () => queue.push({ type: 'heartbeat' }),
  });
  function* drain(): Generator<ChatEvent> {
    while (queue.length > 0) yield queue.shift() as ChatEvent;
  }
  try {
    for await (const chunk of body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      yield* drain();
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new StreamDroppedError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  // A last event without its blank line still counts: the stream closing ends it.
  parser.feed(`${decoder.decode()}\n\n`);
  yield* drain();
  yield { type: 'done' };
}
