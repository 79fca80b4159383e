import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Capabilities } from '../media/capabilities.js';
import type { TokenBook, TokenRecord } from './auth.js';
import type { RenderQueue } from './renders.js';
import type { SessionBook } from './sessions.js';

/** What the route handlers share: the node's books and settings. */
export type NodeServices = {
  dataDir: string;
  tokens: TokenBook;
  sessions: SessionBook;
  renders: RenderQueue;
  now: () => number;
  /** Largest upload accepted, bytes (500 MB; tests set less). */
  maxUploadBytes: number;
  /** Tests only: URL uploads may reach this machine and its networks. */
  allowInternalUrls: boolean;
  heartbeatMs: number;
  /** What this machine's ffmpeg can do: the agent plans with it, as compress() does. */
  capabilities: () => Promise<Capabilities>;
  /** The node's own base URL, for answers to requests that name no Host. */
  baseUrl: () => string;
};

/** The user behind a request's bearer token (1001 when there is none). */
export function userOf(req: IncomingMessage, services: NodeServices): TokenRecord {
  return services.tokens.authenticate(req.headers.authorization);
}

/**
 * The base URL the client used to reach the node (its Host header), so download URLs work through
 * an SSH tunnel or a proxy on another port; the node's own address when the header is missing or odd.
 */
export function publicBase(req: IncomingMessage, services: NodeServices): string {
  const host = req.headers.host;
  return host && /^[\w.-]+(:\d+)?$|^\[[\d:a-f.]+\](:\d+)?$/i.test(host) ? `http://${host}` : services.baseUrl();
}

/** A signal that fires when the client goes away before the answer is complete. */
export function abortOnClose(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('The client went away.'));
  });
  return controller.signal;
}
