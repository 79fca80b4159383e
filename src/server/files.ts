import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiFailure } from './api-failure.js';

const contentTypes: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
};

/** A byte range to send, inclusive at both ends. */
export type ByteRange = { start: number; end: number };

/**
 * Reads a `Range: bytes=…` header against a file of `size` bytes. undefined: send the whole file;
 * 'unsatisfiable': answer 416. Several ranges are answered with the whole file, which RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * Sends a finished output with HTTP Range support. A client that goes away mid-download destroys
 * the read stream (pipeline), so no file handle outlives the connection.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, downloadName: string): Promise<void> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (cause) {
    throw new ApiFailure(404, 'That file is no longer on this node.', { cause });
  }
  const range = parseRange(req.headers.range, size);
  const headers = {
    'content-type': contentTypes[extname(downloadName).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(downloadName)}`,
  };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': size === 0 ? 0 : end - start + 1,
    ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await pipeline(createReadStream(path, { start, end }), res).catch(() => undefined);
}
