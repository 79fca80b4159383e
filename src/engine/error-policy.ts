import { NemoCode, NemoError, StudioError } from '../errors.js';
import { SUPPORTED_FORMATS } from '../media/types.js';
import { MAX_RETRY_WAIT_MS, NemoAnswerError } from './api/envelope.js';
import { pickString } from './api/lenient.js';

/** What the engine does about a failed call before giving up (each at most once per call). */
export type Recovery = 'renew-token' | 'renew-session' | 'renew-client-id' | 'wait-and-retry' | 'none';

/** Which kind of call failed: a 400 means "missing client id" only on the token call. */
export type CallKind = 'token' | 'session' | 'other';

/** What the user is told: one sentence and what to do next. */
type Explanation = { message: string; hint?: string };

/** Facts the explanation may need (the 2001 registration link). */
export type ErrorContext = { apiBase: string; bindId?: string };

/** The brief's error table as data: the recovery and the sentence for each code. */
const table: Record<number, { recovery: (call: CallKind, error: NemoError) => Recovery; explain: (error: NemoError, context: ErrorContext) => Explanation }> = {
  [NemoCode.badToken]: {
    recovery: () => 'renew-token',
    explain: () => ({ message: 'The node keeps refusing the sign-in token.', hint: 'Try again in a moment.' }),
  },
  [NemoCode.sessionNotFound]: {
    recovery: () => 'renew-session',
    explain: () => ({ message: 'The editing session was lost on the node.', hint: 'Try again: a new session will be started.' }),
  },
  [NemoCode.noCredits]: {
    recovery: () => 'none',
    explain: (error, context) => ({ message: 'You are out of credits.', hint: `Register to get more: ${registrationUrl(error, context)}` }),
  },
  [NemoCode.unsupportedFile]: {
    recovery: () => 'none',
    explain: (error) => nodeReason(error) ?? { message: 'That file is not a supported video, audio or image file.', hint: `Supported formats: ${SUPPORTED_FORMATS.join(', ')}.` },
  },
  [NemoCode.fileTooLarge]: {
    recovery: () => 'none',
    explain: (error) => nodeReason(error) ?? { message: 'That file is too large (the limit is 500 MB).', hint: 'Trim it or compress it first, then try again.' },
  },
  [NemoCode.missingClientId]: {
    // Elsewhere HTTP 400 is an ordinary bad request: renewing the client id would not help.
    recovery: (call) => (call === 'token' ? 'renew-client-id' : 'none'),
    explain: (error) => ({ message: `The node refused the request: ${error.message}` }),
  },
  [NemoCode.planBlocksExport]: {
    recovery: () => 'none',
    explain: () => ({ message: 'Register or upgrade your plan to unlock export.' }),
  },
  [NemoCode.rateLimited]: {
    recovery: (_call, error) => ((retryAfterOf(error) ?? 0) <= MAX_RETRY_WAIT_MS ? 'wait-and-retry' : 'none'),
    explain: (error) => {
      const wait = retryAfterOf(error);
      return { message: 'The node is limiting how often you may ask.', hint: wait === undefined ? 'Try again later.' : `Try again in ${waitInWords(wait)}.` };
    },
  },
};

/**
 * A local node says what is wrong with the file ("clip.mp4 is cut short: …") in `data.reason`;
 * that beats the code's general sentence. The cloud sends none.
 */
function nodeReason(error: NemoError): Explanation | undefined {
  const data = error instanceof NemoAnswerError ? error.data : {};
  const message = pickString(data, 'reason');
  return message ? { message, hint: pickString(data, 'hint') } : undefined;
}

/** How long the node asked to be left alone (its Retry-After), when it said. */
export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof NemoAnswerError ? error.retryAfterMs : undefined;
}

/** "45 seconds", "5 minutes", "7 days": a wait as a person says it, rounded up. */
export function waitInWords(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute']];
  const [size, unit] = units.find(([step]) => ms >= step * 1.5) ?? [1000, 'second'];
  const count = Math.max(1, Math.ceil(ms / size));
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** The recovery for an error from a call of this kind. Pure. */
export function recoveryFor(error: unknown, call: CallKind): Recovery {
  if (!(error instanceof NemoError)) return 'none';
  return table[error.code]?.recovery(call, error) ?? 'none';
}

/**
 * The error the user sees once recovery is exhausted: a NemoError with the same code whose message
 * is one human sentence and whose hint says what to do. Errors that are not Nemo's pass through.
 */
export function explainError(error: unknown, context: ErrorContext): unknown {
  if (!(error instanceof NemoError) || error instanceof ExplainedError) return error;
  // 507 Insufficient Storage: whatever the node's words, the fault is its disk, never the user's file.
  if (error.httpStatus === 507) {
    return new ExplainedError(error.code, "The render node's disk is full.", { hint: 'Free some space on the node, then try again.', httpStatus: 507, cause: error });
  }
  const entry = table[error.code];
  if (!entry) return error;
  const { message, hint } = entry.explain(error, context);
  return new ExplainedError(error.code, message, { hint, httpStatus: error.httpStatus, cause: error });
}

/** A NemoError already turned into words (so it is not explained twice). */
export class ExplainedError extends NemoError {}

/** `register_url?bind=<id>`: the answer's own link when it has one, else the node's register page. */
export function registrationUrl(error: NemoError, context: ErrorContext): string {
  const data = error instanceof NemoAnswerError ? error.data : {};
  const bindId = pickString(data, 'bind_id', 'bindId') ?? context.bindId;
  const base = pickString(data, 'register_url', 'registerUrl') ?? new URL('/register', context.apiBase).toString();
  if (!bindId || /[?&]bind=/.test(base)) return base;
  return `${base}${base.includes('?') ? '&' : '?'}bind=${encodeURIComponent(bindId)}`;
}

/** True for errors that mean "the user stopped it", which are reported quietly. */
export function isCancel(error: unknown): boolean {
  return error instanceof StudioError ? error.exitCode === 130 : error instanceof Error && error.name === 'AbortError';
}
