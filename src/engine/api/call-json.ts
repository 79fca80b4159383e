import { Readable } from 'node:stream';
import { request } from 'undici';
import { causeChain, NemoError } from '../../errors.js';
import { commonHeaders, DEFAULT_TIMEOUT_MS, urlFor, type Connection } from './connection.js';
import { parseRetryAfter, readEnvelope } from './envelope.js';

/** One JSON request: method, path, optional JSON body or a raw body with its own content type. */
export type JsonCall = {
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  body?: AsyncIterable<Uint8Array>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/**
 * Sends one request and returns the parsed answer (whole body; read it with `pick`). Every
 * non-zero answer becomes a NemoError; a node that cannot be reached becomes one too (code 0 is
 * never used for errors, so network failures get -1 and keep their cause).
 */
export async function callJson(connection: Connection, call: JsonCall): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json', ...commonHeaders(connection), ...call.headers };
  if (call.json !== undefined) headers['content-type'] = 'application/json';
  const timeout = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let answer;
  try {
    answer = await request(urlFor(connection, call.path), {
      method: call.method,
      headers,
      body: call.json !== undefined ? JSON.stringify(call.json) : call.body && Readable.from(call.body),
      signal: call.signal,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  } catch (error) {
    throw unreachable(connection, error, call.signal);
  }
  const text = await answer.body.text();
  return readEnvelope(answer.statusCode, parseJson(text), parseRetryAfter(answer.headers['retry-after']));
}

/** Failures of a connection that was made: the node went away mid-request, or closed on a request it refused. */
const BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * A transport failure as a NemoError (or the abort reason itself when the caller canceled). A
 * connection that broke mid-request is not a node that cannot be reached: it answered, then stopped.
 */
export function unreachable(connection: Connection, error: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason ?? error;
  if ([...causeChain(error)].some((e) => BROKEN_CODES.has(String((e as NodeJS.ErrnoException).code)))) {
    return new NemoError(-1, `The render node at ${connection.base} broke off the connection mid-request.`, {
      hint: 'It may have stopped or run out of disk space; check it, then try again.',
      cause: error,
    });
  }
  return new NemoError(-1, `Could not reach the render node at ${connection.base}.`, {
    hint: 'Check that it is running and the address is right.',
    cause: error,
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
