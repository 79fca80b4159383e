import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ACCESS_KEY_HEADER } from '../paths.js';
import { ApiFailure } from './api-failure.js';

/** A random access key, for a node whose operator chose none. */
export function newAccessKey(): string {
  return randomBytes(24).toString('base64url');
}

/** Refuses (401, code 401) a request that does not carry the node's key. */
export function checkAccessKey(req: IncomingMessage, key: string): void {
  const given = req.headers[ACCESS_KEY_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, key)) {
    throw new ApiFailure(401, 'This render node needs its access key.', {
      hint: `Send it in the ${ACCESS_KEY_HEADER} header (serve prints where it is: the node file).`,
    });
  }
}

function sameSecret(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `host` is a loopback address, where a node may make up its own key (beyond it the operator chooses one). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
