import { randomBytes, randomInt } from 'node:crypto';

// Every id the node hands out is random and opaque: it names a record in memory, never a path,
// and ids that name files are checked against these shapes before they are looked up.

/** A random id like `m_3f9a…` (128 bits), for media, segments, users and output files. */
export function opaqueId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

/** Whether `value` has the shape opaqueId(prefix) makes. */
export function isOpaqueId(prefix: string, value: string): boolean {
  return new RegExp(`^${prefix}_[0-9a-f]{32}$`).test(value);
}

/** A session id: a long digit string, as the cloud's (clients must keep it a string). */
export function digitId(): string {
  let id = String(randomInt(1, 10));
  while (id.length < 19) id += String(randomInt(0, 10));
  return id;
}

/** A bearer token: 256 random bits. */
export function newToken(): string {
  return `nst_${randomBytes(32).toString('base64url')}`;
}
