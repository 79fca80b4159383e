import { ACCESS_KEY_HEADER } from '../../paths.js';
import { skillHeaders } from './skill-headers.js';

/** Where and as whom the engine talks: the node's base URL and the credentials for it. */
export type Connection = {
  /** The node's base URL, e.g. `http://127.0.0.1:8787` or the Nemo cloud. */
  base: string;
  /** The bearer token; absent only before the first token is obtained. */
  token?: string;
  /** The node's access key, for a node started with one. */
  accessKey?: string;
  /** How long to wait for an answer's headers (and between body bytes), in ms. */
  timeoutMs?: number;
};

/** The default wait for an answer. Long enough for a slow upload's reply, short enough to notice a dead node. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The headers every request carries: bearer token, the X-Skill-* trio and the access key. */
export function commonHeaders(connection: Connection): Record<string, string> {
  const headers: Record<string, string> = { ...skillHeaders() };
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  if (connection.accessKey) headers[ACCESS_KEY_HEADER] = connection.accessKey;
  return headers;
}

/** An absolute URL for a path on the node. */
export function urlFor(connection: Connection, path: string): string {
  return new URL(path, connection.base.endsWith('/') ? connection.base : `${connection.base}/`).toString();
}
