import type { IncomingMessage, Server } from 'node:http';

/** How long a client may take to send a request's headers. */
export const HEADERS_TIMEOUT_MS = 30_000;

/** How long a request body may stall (no byte arriving) before its connection is dropped. */
export const BODY_IDLE_MS = 30_000;

/** How long any other connection may sit with nothing read or written (SSE sends heartbeats well within it). */
export const SOCKET_IDLE_MS = 120_000;

/**
 * Bounds how long a client can hold a connection without sending anything, never how long a
 * request takes: a 500 MB upload on a slow link may take an hour as long as its bytes keep coming,
 * while a body trickled a byte a minute is dropped after `bodyIdleMs` of silence.
 */
export function limitSlowRequests(server: Server, bodyIdleMs = BODY_IDLE_MS): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = 0;
  server.setTimeout(SOCKET_IDLE_MS);
  server.on('request', (req: IncomingMessage) => {
    if (!hasBody(req)) return;
    // No listener on 'timeout' anywhere: Node destroys the socket when it fires.
    req.socket.setTimeout(bodyIdleMs);
    req.once('end', () => req.socket.setTimeout(SOCKET_IDLE_MS));
  });
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
