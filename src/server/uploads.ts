import busboy from 'busboy';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fetch } from 'undici';
import { causeChain } from '../errors.js';
import { cleanFileName } from '../media/file-names.js';
import { formatBytes } from '../units.js';
import { MAX_UPLOADS_PER_REQUEST } from '../wire/requests.js';
import { ApiFailure, badRequest, fileRefused } from './api-failure.js';
import { opaqueId } from './ids.js';
import { insideFolder } from './inside-folder.js';
import { INTERNAL_ADDRESS, publicOnlyAgent, resolvesInternally } from './url-guard.js';

/** A file received and stored under a fresh id; `name` is only for display. */
export type StoredUpload = { mediaId: string; name: string; size: number; path: string };

/** Where uploads go and how big one may be. */
export type UploadOptions = { mediaDir: string; maxBytes: number; signal: AbortSignal };

/** The node's folder of stored media (uploads, and the music and videos renders read). */
export function mediaFolder(dataDir: string): string {
  return join(dataDir, 'media');
}

/** Path of a stored media file: the id alone names it, so nothing a client sends reaches the disk. */
export function mediaPath(mediaDir: string, mediaId: string): string {
  return insideFolder(mediaDir, mediaId);
}

/** The 4002 answer for a file over the limit. */
export function tooLarge(maxBytes: number): ApiFailure {
  return fileRefused(4002, `The file is larger than ${formatBytes(maxBytes)}, the most this node accepts.`, {
    hint: 'Trim it or compress it on your machine first, then upload it again.',
  });
}


/**
 * Streams every part of the multipart field `files` to disk, never holding a file in memory. The
 * size limit is enforced while the bytes arrive (busboy's fileSize): the first file over it fails
 * the whole request at once, and every file of the request is removed, finished or not.
 */
export function receiveMultipart(req: IncomingMessage, options: UploadOptions): Promise<StoredUpload[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy counts a file that reaches fileSize exactly as truncated: one more byte lets a file of
      // exactly maxBytes through while maxBytes + 1 still trips the limit.
      // Browsers and curl send a filename's UTF-8 bytes as they are; busboy reads them as Latin-1 unless told.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: options.maxBytes + 1, files: MAX_UPLOADS_PER_REQUEST, fields: 20 } });
    } catch (error) {
      reject(badRequest(`The multipart request is malformed: ${(error as Error).message}.`));
      return;
    }
    const writes: Promise<StoredUpload>[] = [];
    const streams: Array<Readable | WriteStream> = [];
    const paths: string[] = [];
    let failed = false;

    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      for (const stream of streams) stream.destroy();
      void Promise.allSettled(writes)
        .then(() => removeAll(paths))
        .then(() => reject(error));
    };

    parser.on('file', (field, stream, info) => {
      if (field !== 'files' || failed) {
        stream.resume();
        return;
      }
      const mediaId = opaqueId('m');
      const path = mediaPath(options.mediaDir, mediaId);
      const partial = `${path}.part`;
      paths.push(partial, path);
      const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
      streams.push(stream, out);
      stream.on('limit', () => fail(tooLarge(options.maxBytes)));
      const write = pipeline(stream, out).then(async () => {
        if (stream.truncated) throw tooLarge(options.maxBytes);
        const { size } = await stat(partial);
        await rename(partial, path);
        return { mediaId, name: cleanFileName(info.filename), size, path };
      });
      write.catch(fail);
      writes.push(write);
    });
    parser.on('filesLimit', () => fail(badRequest(`At most ${MAX_UPLOADS_PER_REQUEST} files can be uploaded at once.`)));
    parser.on('error', (error) => fail(badRequest(`The multipart body could not be read: ${(error as Error).message}.`)));
    parser.on('close', () => {
      void Promise.all(writes).then((stored) => {
        if (failed) return;
        if (stored.length === 0) fail(badRequest('The upload has no files: send them in the multipart field "files".'));
        else resolve(stored);
      }, fail);
    });
    options.signal.addEventListener('abort', () => fail(options.signal.reason), { once: true });
    void mkdir(options.mediaDir, { recursive: true, mode: 0o700 }).then(() => req.pipe(parser), fail);
  });
}

/**
 * Downloads each http(s) URL into the media folder with the same size limit. Never a `file://`
 * URL, nor an address on this machine or its private networks, on any node: a local user's own
 * files come as uploads, and the node must not read for a client what only it can reach.
 * A failure removes every file the request stored.
 */
export async function receiveUrls(urls: string[], options: UploadOptions & { allowInternalUrls: boolean }): Promise<StoredUpload[]> {
  await mkdir(options.mediaDir, { recursive: true, mode: 0o700 });
  const stored: StoredUpload[] = [];
  const paths: string[] = [];
  try {
    for (const url of urls) {
      const mediaId = opaqueId('m');
      const path = mediaPath(options.mediaDir, mediaId);
      paths.push(`${path}.part`, path);
      const { source, name } = await openUrl(url, options);
      await pipeline(source, new ByteLimit(options.maxBytes), createWriteStream(`${path}.part`, { flags: 'wx', mode: 0o600 }), { signal: options.signal });
      const { size } = await stat(`${path}.part`);
      await rename(`${path}.part`, path);
      stored.push({ mediaId, name, size, path });
    }
    return stored;
  } catch (error) {
    await removeAll(paths);
    throw error;
  }
}

async function openUrl(raw: string, options: UploadOptions & { allowInternalUrls: boolean }): Promise<{ source: Readable; name: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest(`"${raw.slice(0, 200)}" is not a URL.`);
  }
  const name = cleanFileName(safeDecode(url.pathname));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest(`URLs must be http(s); got ${url.protocol} (upload a file of your own instead).`);
  const response = await fetchFollowing(url, options);
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw badRequest(`Downloading ${name} failed with HTTP ${response.status}.`);
  }
  if (Number(response.headers.get('content-length') ?? 0) > options.maxBytes) {
    await response.body.cancel();
    throw tooLarge(options.maxBytes);
  }
  return { source: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), name };
}

type UrlResponse = Awaited<ReturnType<typeof fetch>>;

/** Redirects followed at most, each hop checked like the first. */
const MAX_REDIRECTS = 5;

/**
 * GETs a URL, following redirects by hand so that no hop reaches this machine or its private
 * networks: a client must not get the node to fetch what only the node can reach.
 */
async function fetchFollowing(start: URL, options: UploadOptions & { allowInternalUrls: boolean }): Promise<UrlResponse> {
  let url = start;
  const ownNetwork = (host: string) => badRequest(`${host} is on this node's own network; this node only downloads from public addresses.`);
  for (let hop = 0; ; hop++) {
    // Checked here for a clear answer, and again by the agent as it connects (DNS may change its mind).
    if (!options.allowInternalUrls && (await resolvesInternally(url.hostname))) throw ownNetwork(url.host);
    let response: UrlResponse;
    try {
      response = await fetch(url, { signal: options.signal, redirect: 'manual', ...(options.allowInternalUrls ? {} : { dispatcher: publicOnlyAgent() }) });
    } catch (cause) {
      if ([...causeChain(cause)].some((error) => (error as NodeJS.ErrnoException).code === INTERNAL_ADDRESS)) throw ownNetwork(url.host);
      throw new ApiFailure(400, `${url.host} could not be reached.`, { cause });
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw badRequest(`${start.host} redirected more than ${MAX_REDIRECTS} times.`);
    url = new URL(location, url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest(`A redirect led to ${url.protocol}, not http(s).`);
  }
}

/** Passes bytes through and fails with 4002 as soon as more than `maxBytes` went by. */
class ByteLimit extends Transform {
  private seen = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) callback(tooLarge(this.maxBytes));
    else callback(null, chunk);
  }
}

/** A URL path's %-escapes decoded, or left as they are when they are not valid UTF-8. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function removeAll(paths: string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}
