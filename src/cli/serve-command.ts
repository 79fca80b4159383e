import { rm } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { dataDir, DEFAULT_NODE_PORT, nodeFilePath, type NodeFile } from '../paths.js';
import { startRenderNode } from '../server/node.js';
import { writeJsonAtomic } from '../server/persist.js';
import { parseRedisUrl, redisLabel, type RedisAddress } from '../queue/redis-url.js';
import { parseCommandArgs } from './command-args.js';

/**
 * `compressor-studio serve`: runs the render node until SIGINT/SIGTERM. Prints the base URL when
 * ready and one line per request; writes the node file (address, access key, pid; mode 0600) so
 * this user's clients can attach, and removes it on the way out. Without --access-key the key is
 * random and only the node file holds it: other users of this machine cannot use the node. Running renders go back to the
 * queue and resume on the next start.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const options = parseServeArgs(args);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  // Loaded only with --queue: the default node never touches BullMQ.
  const queue = options.queue && (await (await import('../queue/serve-queue.js')).openServeQueue({ ...options.queue, dataDir: options.dataDir, stallSeconds: 30, log }));
  const node = await startRenderNode({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    credits: options.credits,
    accessKey: options.accessKey,
    log,
    backend: queue?.backend,
  });
  const stopLocalWorkers = queue ? await queue.startLocalWorkers(node.url) : async () => {};
  const nodeFile = nodeFilePath();
  // Folder 0700 and file 0600 (writeJsonAtomic's modes): only this user may read the key.
  await writeJsonAtomic(nodeFile, { url: node.url, accessKey: node.accessKey, pid: process.pid } satisfies NodeFile);
  process.stdout.write(`Render node listening on ${node.url}\n`);
  process.stdout.write(`Data folder: ${options.dataDir}\n`);
  process.stdout.write(`Access key: in ${nodeFile} (send it as X-Access-Key)${options.accessKey === undefined ? '' : ', as given'}\n`);
  if (queue && options.queue) {
    process.stdout.write(`Render queue: ${redisLabel(options.queue.redis)}, ${options.queue.localWorkers} local worker(s)\n`);
    process.stdout.write(`Worker key: ${queue.keyFile ? `in ${queue.keyFile}` : 'as given'} (workers pass it as --access-key)\n`);
  }

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write('Stopping: running renders go back to the queue…\n');
  await stopLocalWorkers();
  await node.close();
  await rm(nodeFile, { force: true });
  return 0;
}

type ServeOptions = {
  host: string;
  port: number;
  dataDir: string;
  credits?: number;
  accessKey?: string;
  /** `--queue`: renders go to workers through Redis; absent, the node renders them itself. */
  queue?: { redis: RedisAddress; localWorkers: number; workerKey?: string };
};

/** Reads serve's flags; a bad value is a usage error (exit 2) that says which flag. */
export function parseServeArgs(args: string[]): ServeOptions {
  const { values } = parseCommandArgs(
    {
      args,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        credits: { type: 'string' },
        'access-key': { type: 'string' },
        queue: { type: 'string' },
        'local-workers': { type: 'string' },
        'worker-key': { type: 'string' },
      },
      strict: true,
    },
  );
  const port = values.port === undefined ? DEFAULT_NODE_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), not "${values.port}".`);
  const credits = values.credits === undefined ? undefined : Number(values.credits);
  if (credits !== undefined && (!Number.isInteger(credits) || credits < 0)) throw new UsageError(`--credits must be a whole number, not "${values.credits}".`);
  const accessKey = values['access-key'];
  if (accessKey !== undefined && accessKey.length < 8) throw new UsageError('--access-key must be at least 8 characters.');
  return { host: values.host ?? '127.0.0.1', port, dataDir: values.data ?? dataDir(), credits, accessKey, ...queueOptions(values) };
}

/** The queue flags: --local-workers and --worker-key mean nothing without --queue. */
function queueOptions(values: Record<string, string | undefined>): Pick<ServeOptions, 'queue'> {
  if (values.queue === undefined) {
    if (values['local-workers'] !== undefined || values['worker-key'] !== undefined) throw new UsageError('--local-workers and --worker-key need --queue redis://HOST:PORT.');
    return {};
  }
  const localWorkers = values['local-workers'] === undefined ? 1 : Number(values['local-workers']);
  if (!Number.isInteger(localWorkers) || localWorkers < 0 || localWorkers > 64) throw new UsageError(`--local-workers must be a whole number from 0 to 64, not "${values['local-workers']}".`);
  const workerKey = values['worker-key'];
  if (workerKey !== undefined && workerKey.length < 16) throw new UsageError('--worker-key must be at least 16 characters.');
  return { queue: { redis: parseRedisUrl(values.queue), localWorkers, workerKey } };
}
