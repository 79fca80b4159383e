import { StudioError } from '../errors.js';

/** Where the queue's Redis is: what `--queue redis://[:PASSWORD@]HOST:PORT[/DB]` names. */
export type RedisAddress = { host: string; port: number; db: number; password?: string };

/** Reads a `--queue` value; anything else is a usage error that shows the form. */
export function parseRedisUrl(text: string): RedisAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badQueue(text);
  }
  const db = url.pathname === '' || url.pathname === '/' ? 0 : Number(url.pathname.slice(1));
  const port = url.port === '' ? 6379 : Number(url.port);
  if (url.protocol !== 'redis:' || !url.hostname || !Number.isInteger(db) || db < 0 || url.search || url.hash) throw badQueue(text);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, db, ...(url.password ? { password: decodeURIComponent(url.password) } : {}) };
}

/** The address as a log shows it: never the password. */
export function redisLabel(address: RedisAddress): string {
  return `redis://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}/${address.db}`;
}

function badQueue(text: string): StudioError {
  return new StudioError(`--queue must be a Redis address like redis://127.0.0.1:6379/0, not "${text.slice(0, 200)}".`, { exitCode: 2 });
}
