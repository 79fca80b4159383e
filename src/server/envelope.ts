import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { diskProblem, MediaError, StudioError } from '../errors.js';
import { readWire } from '../wire/read.js';
import { ApiFailure, badRequest, fileRefused } from './api-failure.js';

/** The largest refused body the node reads to its end so that the client can read the refusal. */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

/** The most a JSON request body may hold; uploads stream and are limited separately. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Answers `{code: 0, message, data}`. */
export function sendData(res: ServerResponse, data: unknown, message = 'ok'): void {
  sendJson(res, 200, { code: 0, message, data });
}

/**
 * Answers an error in the envelope. ApiFailure carries its own code; a MediaError of kind
 * unsupported/too-large is the user's file (4001/4002); anything else is the node's fault (500).
 */
export function sendFailure(res: ServerResponse, error: unknown): void {
  const failure = toApiFailure(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(failure.headers)) res.setHeader(name, value);
  if (!res.req.complete) leaveUnreadBody(res);
  const message = failure.hint ? `${failure.message} ${failure.hint}` : failure.message;
  sendJson(res, failure.httpStatus ?? 500, { code: failure.code, message, data: failure.data });
}

/**
 * A refused body may still be arriving. Closing the socket on unread bytes makes the kernel reset
 * the connection, and a client still writing (fetch uploading a file) then fails with EPIPE before
 * it reads the answer. So a body of modest size is read to its end and dropped, keeping the answer
 * readable; a larger one is cut off, since reading gigabytes to refuse them costs more than the
 * client's confusion.
 */
function leaveUnreadBody(res: ServerResponse): void {
  const declared = Number(res.req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES) res.req.resume();
  else res.setHeader('connection', 'close');
}

/** Maps any thrown value to the failure the client sees. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof MediaError && error.kind === 'unsupported') {
    const { message, hint } = inUserTerms(error);
    return fileRefused(4001, message, { hint, cause: error });
  }
  if (error instanceof MediaError && error.kind === 'too-large') {
    const { message, hint } = inUserTerms(error);
    return fileRefused(4002, message, { hint, cause: error });
  }
  const disk = diskProblem(error, true);
  if (disk) return new ApiFailure(500, disk.message, { httpStatus: 507, hint: disk.hint, cause: error });
  const { message, hint } = error instanceof StudioError ? inUserTerms(error) : INTERNAL;
  return new ApiFailure(500, message, { hint, cause: error });
}

/** A failure as the one line a client shows (a failed render's `error`). */
export function clientSentence(error: unknown): string {
  const failure = toApiFailure(error);
  return failure.hint ? `${failure.message} ${failure.hint}` : failure.message;
}

const INTERNAL = { message: 'The render node hit an internal error.', hint: "Try again; if it keeps failing, the node's operator can see why in its log." };

/** An absolute path of this machine (POSIX or Windows) inside a sentence. */
const NODE_PATH = /(?:^|[\s(:'"=])(?:\/|[A-Za-z]:\\)[^\s'"]+/;

/**
 * A node-side error in the user's terms: what happened, never where (the node's paths) or how
 * (ffmpeg's last line, a JS error): those stay in the cause, for the node's log. An encoder that
 * failed is said to be the encoder's failure, not a damaged file, since the input was already
 * probed and accepted when it was uploaded.
 */
function inUserTerms(error: StudioError): { message: string; hint?: string } {
  if (error instanceof MediaError && error.kind === 'failed' && error.stderrTail !== undefined) {
    return { message: 'The encoder failed on this video.', hint: "Try again, or another format or size; the node's operator can see why in its log." };
  }
  if (error instanceof MediaError && error.kind === 'io') {
    return { message: 'The render node could not read or write its own files.', hint: "Ask the node's operator to check its data folder." };
  }
  if (NODE_PATH.test(`${error.message} ${error.hint ?? ''}`)) return INTERNAL;
  return { message: error.message, hint: error.hint };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Reads a JSON object body, refusing more than `limit` bytes as soon as they arrive (413, code 400)
 * so a client cannot make the node buffer an endless body. An empty body is `{}`.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

/** Reads a JSON body with the call's wire schema: anything else is a 400 naming the field. */
export async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  return parseWire(schema, await readJsonBody(req));
}

/** A value read by a wire schema, or a 400 naming the field that is wrong. */
export function parseWire<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const read = readWire(schema, value);
  if (!read.ok) throw badRequest(read.problem);
  return read.value;
}

function tooLarge(limit: number): ApiFailure {
  return new ApiFailure(400, `The request body is over ${Math.round(limit / 1024)} KB.`, { httpStatus: 413 });
}
