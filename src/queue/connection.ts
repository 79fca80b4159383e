import type { ConnectionOptions } from 'bullmq';
import { backoffMs } from './backoff.js';
import { redisLabel, type RedisAddress } from './redis-url.js';

/**
 * ioredis options for every queue client: commands wait for a reconnect instead of failing (a
 * Redis restart is a pause, not an error), and each reconnect attempt is said in the log once.
 */
export function connectionFor(address: RedisAddress, log: (line: string) => void): ConnectionOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.password ? { password: address.password } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => {
      const ms = backoffMs(times);
      log(`Redis at ${redisLabel(address)} is unreachable; retrying in ${(ms / 1000).toFixed(1)} s.`);
      return ms;
    },
  };
}

/** Logs a queue client's connection errors once per kind (ioredis repeats them on every retry). */
export function logErrorsOnce(log: (line: string) => void): (error: Error) => void {
  let last = '';
  return (error) => {
    const text = (error as NodeJS.ErrnoException).code ?? error.message;
    if (text !== last) log(`queue connection: ${text}`);
    last = text;
  };
}
