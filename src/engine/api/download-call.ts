import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { causeChain, NemoError } from '../../errors.js';
import { ACCESS_KEY_HEADER } from '../../paths.js';
import { unreachable } from './call-json.js';
import { DEFAULT_TIMEOUT_MS, skillHeaders, type Connection } from './connection.js';
import { MAX_RETRY_WAIT_MS, parseRetryAfter } from './envelope.js';

/** Bytes written so far; `totalBytes` when the node said how many (Content-Length). */
export type DownloadProgress = { receivedBytes: number; totalBytes?: number };

/** How many times one download is picked up again (a cut connection, a short answer, a 429/503) before it fails. */
export const MAX_RESUMES = 3;

/** What a connection failure looks like, anywhere in an error's causes: worth resuming, unlike a local disk error. */
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/**
 * A GET of a render's output URL into `destination` (which the caller later moves into place). No
 * bearer token: output URLs are unguessable; the access key goes only to the node's own origin.
 * A connection cut mid-way is resumed with `Range` from the bytes already written (at most
 * MAX_RESUMES times), a 429/503 waits out a short Retry-After, and the result must have the size
 * the node announced (`expectedBytes` when it announced none). A failed download removes the file.
 */
export async function downloadFile(
  connection: Connection,
  url: string,
  destination: string,
  options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void; expectedBytes?: number } = {},
): Promise<number> {
  const { signal } = options;
  const headers: Record<string, string> = { ...skillHeaders() };
  if (connection.accessKey && new URL(url).origin === new URL(connection.base).origin) headers[ACCESS_KEY_HEADER] = connection.accessKey;
  const timeout = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let written = 0;
  let totalBytes = options.expectedBytes;
  let resumes = 0;
  const again = async (cause: unknown, waitMs = 250 * 2 ** resumes): Promise<void> => {
    if (signal?.aborted) throw signal.reason ?? cause;
    if (resumes >= MAX_RESUMES) throw cutOff(cause);
    resumes++;
    await sleep(waitMs, undefined, { signal });
  };
  try {
    for (;;) {
      let answer;
      try {
        answer = await request(url, {
          method: 'GET',
          headers: written > 0 ? { ...headers, range: `bytes=${written}-` } : headers,
          signal,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        });
      } catch (error) {
        // A node that refuses connections before any byte came is not there; a connection cut may be resumed.
        if (!isCut(error) || (written === 0 && isRefused(error))) throw unreachable(connection, error, signal);
        await again(error);
        continue;
      }
      const status = answer.statusCode;
      if (status === 429 || status === 503) {
        await answer.body.dump();
        const wait = parseRetryAfter(answer.headers['retry-after']);
        const refusal = new NemoError(status, `The node is too busy to send the rendered file (HTTP ${status}).`, { httpStatus: status, hint: 'Try again in a little while.' });
        if (wait === undefined || wait > MAX_RETRY_WAIT_MS) throw refusal;
        await again(refusal, wait);
        continue;
      }
      if (status === 416 && written > 0 && written === totalBytes) {
        await answer.body.dump();
        return written;
      }
      const resumed = status === 206 && written > 0 ? contentRange(answer.headers['content-range']) : undefined;
      if (status !== 200 && resumed?.start !== written) {
        await answer.body.dump();
        throw new NemoError(status, `The download of the rendered file failed (HTTP ${status}).`, { httpStatus: status });
      }
      if (status === 200) {
        // The whole file again (a node without Range support): what was written is replaced.
        written = 0;
        const length = Number(answer.headers['content-length']);
        if (Number.isFinite(length) && length >= 0 && answer.headers['content-length'] !== undefined) totalBytes = length;
      } else if (resumed?.size !== undefined) {
        totalBytes = resumed.size;
      }
      const from = written;
      let received = 0;
      // Counts bytes on their way to the file, without a second copy of the data.
      const counting = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
        for await (const chunk of source) {
          received += chunk.byteLength;
          options.onProgress?.({ receivedBytes: from + received, totalBytes });
          yield chunk;
        }
      };
      try {
        await pipeline(answer.body, counting, createWriteStream(destination, { flags: from > 0 ? 'a' : 'w' }), { signal });
      } catch (error) {
        if (signal?.aborted || !isCut(error)) throw signal?.aborted ? (signal.reason ?? error) : error;
        written = await sizeOf(destination);
        await again(error);
        continue;
      }
      written = await sizeOf(destination);
      if (totalBytes === undefined || written === totalBytes) return written;
      if (written > totalBytes) throw new NemoError(-1, 'The rendered file arrived larger than the node announced.', { hint: 'Export it again.' });
      await again(new Error(`short answer: ${written} of ${totalBytes} bytes`));
    }
  } catch (error) {
    await rm(destination, { force: true });
    throw error;
  }
}

/** `Content-Range: bytes 100-199/200` → where the part starts and the whole size (when known). */
export function contentRange(header: string | string[] | undefined): { start: number; size?: number } | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(String(header ?? '').trim());
  if (!match) return undefined;
  return { start: Number(match[1]), size: match[2] === '*' ? undefined : Number(match[2]) };
}

function isCut(error: unknown): boolean {
  return [...causeChain(error)].some((e) => CUT_CODES.has(String((e as NodeJS.ErrnoException).code)) || e.message === 'terminated');
}

function isRefused(error: unknown): boolean {
  return [...causeChain(error)].some((e) => (e as NodeJS.ErrnoException).code === 'ECONNREFUSED');
}

function cutOff(cause: unknown): NemoError {
  return new NemoError(-1, 'The download of the rendered file kept breaking off.', { hint: 'Check the connection to the node, then export again.', cause });
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => ({ size: 0 }))).size;
}
