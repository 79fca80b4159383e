import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { FormData, Response } from 'undici';
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
  const form = new FormData();
  let totalBytes = 0;
  for (const path of paths) {
    totalBytes += (await stat(path)).size;
    form.append('files', await openAsBlob(path), basename(path));
  }
  // Serialising through a Response yields the multipart stream and its boundary without buffering.
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
  const body = encoded.body;
  if (!body) throw new Error('multipart body missing');
  const answer = await callJson(connection, {
    method: 'POST',
    path: uploadPath(sessionId),
    headers: { 'content-type': contentType },
    body: counted(body, totalBytes, options.onProgress),
    signal: options.signal,
  });
  return readUploaded(answer);
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
