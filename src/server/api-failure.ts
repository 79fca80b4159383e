import { NemoError } from '../errors.js';

/** The HTTP status that goes with each Nemo code (wire.md); other codes are HTTP statuses already. */
const httpStatusOf: Record<number, number> = { 1001: 401, 1002: 404, 2001: 403, 4001: 415, 4002: 413 };

/**
 * A request the node refuses: a Nemo code, one sentence, and what the envelope's `data` and the
 * response headers carry (2001's bind id, 429's Retry-After).
 */
export class ApiFailure extends NemoError {
  readonly data: Record<string, unknown> | null;
  readonly headers: Record<string, string>;

  constructor(
    code: number,
    message: string,
    options: { httpStatus?: number; data?: Record<string, unknown>; headers?: Record<string, string>; hint?: string; cause?: unknown } = {},
  ) {
    super(code, message, { httpStatus: options.httpStatus ?? httpStatusOf[code] ?? code, hint: options.hint, cause: options.cause });
    this.data = options.data ?? null;
    this.headers = options.headers ?? {};
  }
}

/**
 * The user's file refused (4001 not usable, 4002 too large). The sentence is also in `data.reason`
 * (and the advice in `data.hint`): a client can show it rather than its own sentence for the code.
 */
export function fileRefused(code: 4001 | 4002, message: string, options: { hint?: string; cause?: unknown } = {}): ApiFailure {
  return new ApiFailure(code, message, { ...options, data: { reason: message, ...(options.hint ? { hint: options.hint } : {}) } });
}

/** A malformed request: HTTP 400, code 400, with what was wrong. */
export function badRequest(message: string): ApiFailure {
  return new ApiFailure(400, message);
}
