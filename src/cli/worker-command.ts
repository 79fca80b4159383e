import { UsageError } from '../errors.js';
import { parseRedisUrl } from '../queue/redis-url.js';
import { startWorker, type WorkerOptions } from '../queue/worker.js';
import { parseCommandArgs } from './command-args.js';

/**
 * `compressor-studio worker`: renders the node's jobs on this machine until SIGINT/SIGTERM, one
 * log line per job and per retry. Stopping hands running jobs straight back to the queue.
 */
export async function workerCommand(args: string[]): Promise<number> {
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const worker = await startWorker({ ...parseWorkerArgs(args), log });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('Stopping: running jobs go back to the queue…');
  await worker.close();
  return 0;
}

/** Reads worker's flags; a bad or missing one is a usage error (exit 2) that says which. */
export function parseWorkerArgs(args: string[]): Omit<WorkerOptions, 'log'> {
  const { values } = parseCommandArgs(
    {
      args,
      options: {
        queue: { type: 'string' },
        node: { type: 'string' },
        'access-key': { type: 'string' },
        concurrency: { type: 'string' },
        'stall-seconds': { type: 'string' },
      },
      strict: true,
    },
  );
  const key = values['access-key'] ?? process.env.COMPRESSOR_WORKER_KEY;
  if (!values.queue || !values.node || !key) throw new UsageError('worker needs --queue, --node and --access-key (or COMPRESSOR_WORKER_KEY).');
  let node: URL;
  try {
    node = new URL(values.node);
  } catch {
    throw new UsageError(`--node must be the node's URL, like http://127.0.0.1:8787, not "${values.node}".`);
  }
  if (node.protocol !== 'http:' && node.protocol !== 'https:') throw new UsageError(`--node must be an http:// or https:// URL, not "${values.node}".`);
  const concurrency = whole(values.concurrency, 1, '--concurrency', 1, 64);
  const stallSeconds = whole(values['stall-seconds'], 30, '--stall-seconds', 2, 3600);
  return { redis: parseRedisUrl(values.queue), node: { base: node.origin, key }, concurrency, stallSeconds };
}

function whole(text: string | undefined, fallback: number, flag: string, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  return value;
}
