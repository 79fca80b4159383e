import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { RenderBackend } from '../server/render-backend.js';
import { readJsonFile, writeJsonAtomic } from '../server/persist.js';
import { openQueueBackend } from './node-backend.js';
import type { RedisAddress } from './redis-url.js';
import { startWorker, type RenderWorker } from './worker.js';

/** What `serve --queue` adds to a node. */
export type ServeQueue = {
  backend: RenderBackend;
  workerKey: string;
  /** Where a generated worker key is kept (undefined when one was given). */
  keyFile?: string;
  /** Starts the node's own workers once its URL is known; resolves with a function that stops them. */
  startLocalWorkers(nodeUrl: string): Promise<() => Promise<void>>;
};

/**
 * The queue side of `serve --queue`: the backend, the key workers use (given, or made once and kept
 * in the data folder so workers keep working across node restarts), and the node's own workers,
 * which reach it over loopback like any other.
 */
export async function openServeQueue(options: {
  redis: RedisAddress;
  dataDir: string;
  localWorkers: number;
  workerKey?: string;
  stallSeconds: number;
  log: (line: string) => void;
}): Promise<ServeQueue> {
  const keyFile = join(options.dataDir, 'worker-key.json');
  let workerKey = options.workerKey;
  if (!workerKey) {
    workerKey = (await readJsonFile<{ key: string }>(keyFile))?.key ?? randomBytes(24).toString('base64url');
    await writeJsonAtomic(keyFile, { key: workerKey });
  }
  const key = workerKey;
  const backend = await openQueueBackend({ redis: options.redis, dataDir: options.dataDir, workerKey: key, log: options.log });
  return {
    backend,
    workerKey: key,
    keyFile: options.workerKey ? undefined : keyFile,
    startLocalWorkers: async (nodeUrl) => {
      if (options.localWorkers === 0) return async () => {};
      const worker: RenderWorker = await startWorker({
        redis: options.redis,
        node: { base: nodeUrl, key },
        concurrency: options.localWorkers,
        stallSeconds: options.stallSeconds,
        log: (line) => options.log(`local worker: ${line}`),
      });
      return () => worker.close();
    },
  };
}
