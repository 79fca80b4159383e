import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { callJson } from './call-json.js';
import type { Connection } from './connection.js';
import { asRecord, pick, pickNumber, pickString } from './lenient.js';
import type { UploadedFile } from './types.js';

/** Bytes handed to the socket so far, of the files' total. */
export type UploadProgress = { sentBytes: number; totalBytes: number };

/**
 * `POST /api/upload-video/nemo_agent/me/<sid>` with multipart field `files`, one part per path.
 * Files are streamed from disk (never read into memory), and progress is counted as they go.
 */
export async function uploadFiles(
  connection: Connection,
  sessionId: string,
  paths: string[],
  options: { signal?: AbortSignal; onProgress?: (progress: UploadProgress) => void } = {},
): Promise<UploadedFile[]> {
  const form = await multipartFiles(paths);
  const answer = await callJson(connection, {
    method: 'POST',
    path: uploadPath(sessionId),
    // A declared length lets a node that refuses the upload (disk full, over the limit) read the
    // rest and answer, instead of closing on a client that is still sending (which then sees EPIPE).
    headers: { 'content-type': form.contentType, 'content-length': String(form.length) },
    body: counted(form.body, form.fileBytes, options.onProgress),
    signal: options.signal,
  });
  return readUploaded(answer);
}

/** A multipart/form-data body with one `files` part per path, streamed from disk, and its exact length. */
async function multipartFiles(paths: string[]): Promise<{ body: AsyncIterable<Uint8Array>; length: number; fileBytes: number; contentType: string }> {
  const boundary = `----compressor-studio-${randomBytes(12).toString('hex')}`;
  // The name's UTF-8 bytes as they are, with the three characters WHATWG's encoder escapes.
  const heads = paths.map((path) => {
    const name = basename(path).replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
    return Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8');
  });
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  const end = Buffer.from(`--${boundary}--\r\n`, 'utf8');
  const fileBytes = sizes.reduce((sum, size) => sum + size, 0);
  const length = heads.reduce((sum, head) => sum + head.byteLength + 2, 0) + fileBytes + end.byteLength;
  async function* body(): AsyncGenerator<Uint8Array> {
    for (const [index, path] of paths.entries()) {
      yield heads[index];
      yield* createReadStream(path) as AsyncIterable<Buffer>;
      yield Buffer.from('\r\n');
    }
    yield end;
  }
  return { body: body(), length, fileBytes, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The same call with `{"urls":[...],"source_type":"url"}`: the node fetches the files itself. */
export async function uploadUrls(connection: Connection, sessionId: string, urls: string[], signal?: AbortSignal): Promise<UploadedFile[]> {
  const answer = await callJson(connection, { method: 'POST', path: uploadPath(sessionId), json: { urls, source_type: 'url' }, signal });
  return readUploaded(answer);
}

function uploadPath(sessionId: string): string {
  return `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`;
}

async function* counted(
  body: AsyncIterable<Uint8Array>,
  totalBytes: number,
  onProgress?: (progress: UploadProgress) => void,
): AsyncGenerator<Uint8Array> {
  let sentBytes = 0;
  for await (const chunk of body) {
    yield chunk;
    // The multipart framing adds a few hundred bytes to the files' total: clamp rather than overshoot.
    sentBytes = Math.min(totalBytes, sentBytes + chunk.byteLength);
    onProgress?.({ sentBytes, totalBytes });
  }
}

function readUploaded(answer: unknown): UploadedFile[] {
  const files = pick(answer, 'files');
  const list = Array.isArray(files) ? files : [];
  return list.map((item) => {
    const record = asRecord(item);
    return {
      mediaId: pickString(record, 'media_id', 'mediaId', 'id') ?? '',
      name: pickString(record, 'name') ?? '',
      size: pickNumber(record, 'size') ?? 0,
      videoInfo: (record.video_info ?? record.videoInfo) as UploadedFile['videoInfo'],
    };
  });
}
