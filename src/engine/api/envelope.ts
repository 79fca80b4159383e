import { NemoError } from '../../errors.js';
import { asRecord } from './lenient.js';

/**
 * Turns one HTTP answer into its payload or a NemoError. The code comes from the JSON body when it
 * has one (`{code, message, data}`), else from the HTTP status; `{success, data}` (the render
 * proxy's style) is accepted too. Returns the whole body so callers can read `data.x ?? x`.
 */
export function readEnvelope(status: number, body: unknown): unknown {
  const record = asRecord(body);
  const message = messageOf(record) ?? `The node answered HTTP ${status}.`;
  const code = typeof record.code === 'number' ? record.code : typeof record.code === 'string' && /^\d+$/.test(record.code) ? Number(record.code) : undefined;
  if (code !== undefined && code !== 0) throw new NemoError(code, message, { httpStatus: status });
  if (code === undefined && record.success === false) throw new NemoError(status >= 400 ? status : 500, message, { httpStatus: status });
  if (code === undefined && status >= 400) throw new NemoError(status, message, { httpStatus: status });
  return body;
}

function messageOf(record: Record<string, unknown>): string | undefined {
  for (const key of ['message', 'msg', 'error']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
