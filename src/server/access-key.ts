import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ACCESS_KEY_HEADER } from '../paths.js';
import { ApiFailure } from './api-failure.js';

/**
 * Who may talk to the node. `required`: every request must carry the key. Not required (a key the
 * node generated itself, on loopback): a missing key is let through, a wrong one never is.
 */
export type AccessPolicy = { key?: string; required: boolean };

/** Refuses (401, code 401) a request the policy does not let through; `strict` demands the key even when optional. */
export function checkAccessKey(req: IncomingMessage, policy: AccessPolicy, strict = false): void {
  if (!policy.key) return;
  const given = req.headers[ACCESS_KEY_HEADER];
  if (given === undefined && !policy.required && !strict) return;
  if (typeof given !== 'string' || !sameSecret(given, policy.key)) {
    throw new ApiFailure(401, 'This render node needs its access key.', {
      hint: `Send it in the ${ACCESS_KEY_HEADER} header (serve prints it, and writes it to the node file).`,
    });
  }
}

function sameSecret(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `host` is a loopback address, where a node may run without a key. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
