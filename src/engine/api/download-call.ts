import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { NemoError } from '../../errors.js';
import { skillHeaders } from './skill-headers.js';
import { ACCESS_KEY_HEADER } from '../../paths.js';
import { DEFAULT_TIMEOUT_MS, type Connection } from './connection.js';
import { unreachable } from './call-json.js';

/** Bytes written so far; `totalBytes` when the node said how many (Content-Length). */
export type DownloadProgress = { receivedBytes: number; totalBytes?: number };

/**
 * A plain GET of a render's output URL into `destination` (which the caller later renames into
 * place). No bearer token: output URLs are unguessable; the access key goes only to the node's
 * own origin. A failed download removes the partial file.
 */
export async function downloadFile(
  connection: Connection,
  url: string,
  destination: string,
  options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void } = {},
): Promise<number> {
  const headers: Record<string, string> = { ...skillHeaders() };
  if (connection.accessKey && new URL(url).origin === new URL(connection.base).origin) headers[ACCESS_KEY_HEADER] = connection.accessKey;
  const timeout = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let answer;
  try {
    answer = await request(url, { method: 'GET', headers, signal: options.signal, headersTimeout: timeout, bodyTimeout: timeout });
  } catch (error) {
    throw unreachable(connection, error, options.signal);
  }
  if (answer.statusCode !== 200) {
    await answer.body.dump();
    throw new NemoError(answer.statusCode, `The download of the rendered file failed (HTTP ${answer.statusCode}).`, { httpStatus: answer.statusCode });
  }
  const length = Number(answer.headers['content-length']);
  const totalBytes = Number.isFinite(length) && length > 0 ? length : undefined;
  let receivedBytes = 0;
  // Counts bytes on their way to the file, without a second copy of the data.
  async function* counting(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      receivedBytes += chunk.byteLength;
      options.onProgress?.({ receivedBytes, totalBytes });
      yield chunk;
    }
  }
  try {
    await pipeline(answer.body, counting, createWriteStream(destination), { signal: options.signal });
  } catch (error) {
    await rm(destination, { force: true });
    throw options.signal?.aborted ? (options.signal.reason ?? error) : error;
  }
  return receivedBytes;
}
