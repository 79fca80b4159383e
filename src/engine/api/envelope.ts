import { NemoError } from '../../errors.js';
import { asRecord } from './lenient.js';

/**
 * A NemoError that keeps the answer's `data` (a 2001 carries `{bind_id, register_url}` there) and,
 * for a 429 or 503, how long the node asked to be left alone (its Retry-After).
 */
export class NemoAnswerError extends NemoError {
  readonly data: Record<string, unknown>;
  readonly retryAfterMs?: number;

  constructor(code: number, message: string, options: { httpStatus: number; data: unknown; retryAfterMs?: number }) {
    super(code, message, { httpStatus: options.httpStatus });
    this.data = asRecord(options.data);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Turns one HTTP answer into its payload or a NemoError. The code comes from the JSON body when it
 * has one (`{code, message, data}`), else from the HTTP status; `{success, data}` (the render
 * proxy's style) is accepted too. Returns the whole body so callers can read `data.x ?? x`.
 */
export function readEnvelope(status: number, body: unknown, retryAfterMs?: number): unknown {
  const record = asRecord(body);
  const message = messageOf(record) ?? `The node answered HTTP ${status}.`;
  const code = typeof record.code === 'number' ? record.code : typeof record.code === 'string' && /^\d+$/.test(record.code) ? Number(record.code) : undefined;
  if (code !== undefined && code !== 0) throw new NemoAnswerError(code, message, { httpStatus: status, data: record.data, retryAfterMs });
  if (code === undefined && record.success === false) throw new NemoAnswerError(status >= 400 ? status : 500, message, { httpStatus: status, data: record.data, retryAfterMs });
  if (code === undefined && status >= 400) throw new NemoAnswerError(status, message, { httpStatus: status, data: record.data, retryAfterMs });
  return body;
}

function messageOf(record: Record<string, unknown>): string | undefined {
  for (const key of ['message', 'msg', 'error']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * The longest wait the client sits out itself when a node asks for one (429, 503). A node that names
 * a longer one (a token already issued to this client id: days) is not waited for: the user is told when.
 */
export const MAX_RETRY_WAIT_MS = 60_000;

/**
 * A `Retry-After` header in milliseconds from `now`: delay-seconds (`120`) or an HTTP date, as
 * RFC 9110 allows. undefined when absent or unreadable; a date already past is 0.
 */
export function parseRetryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its day and month; Date.parse alone would also take "-5" as a year.
  const at = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
