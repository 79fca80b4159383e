import { request } from 'undici';
import { NemoError } from '../../errors.js';
import { readChatStream, StreamDroppedError } from '../sse/read-chat-stream.js';
import type { ChatEvent } from '../sse/chat-event.js';
import { unreachable } from './call-json.js';
import { commonHeaders, DEFAULT_TIMEOUT_MS, urlFor, type Connection } from './connection.js';
import { readEnvelope } from './envelope.js';

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  const code = (error as { code?: unknown })?.code ?? cause?.code;
  return typeof code === 'string' ? code : '';
}

/** The longest a turn may stream (the brief's 15 minutes). */
export const TURN_CAP_MS = 15 * 60_000;

/**
 * `POST /run_sse`: sends one message and yields the turn's chat events as they stream. An error
 * answer (JSON instead of a stream) becomes a NemoError before anything is yielded; a stream that
 * breaks raises StreamDroppedError (see there: never re-send). `silenceMs` is how long the stream
 * may stay completely silent (heartbeats count) before it is judged dropped.
 */
export async function* sendMessage(
  connection: Connection,
  sessionId: string,
  text: string,
  options: { signal?: AbortSignal; silenceMs?: number } = {},
): AsyncGenerator<ChatEvent> {
  const timeout = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let answer;
  try {
    answer = await request(urlFor(connection, '/run_sse'), {
      method: 'POST',
      headers: { ...commonHeaders(connection), accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text }] } }),
      signal: options.signal,
      headersTimeout: timeout,
      bodyTimeout: options.silenceMs ?? 5 * 60_000,
    });
  } catch (error) {
    // Refused before anything was sent: safe to report as unreachable. Anything later (a reset, a
    // timeout) may have reached the node, so the turn may be running: treat it as a dropped stream.
    if (options.signal?.aborted || NOT_SENT.has(errorCode(error))) throw unreachable(connection, error, options.signal);
    throw new StreamDroppedError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const type = String(answer.headers['content-type'] ?? '');
  if (answer.statusCode !== 200 || !type.includes('text/event-stream')) {
    const body = await answer.body.text();
    let parsed: unknown = {};
    try {
      parsed = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      parsed = { message: body.slice(0, 200) };
    }
    readEnvelope(answer.statusCode, parsed);
    throw new NemoError(answer.statusCode, 'The node answered the message without a reply stream.', { httpStatus: answer.statusCode });
  }
  yield* readChatStream(answer.body, options.signal);
}
