import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { StudioError } from '../errors.js';
import { dataDir, DEFAULT_NODE_PORT, nodeFilePath, type NodeFile } from '../paths.js';
import { startRenderNode } from '../server/index.js';
import { writeJsonAtomic } from '../server/persist.js';

/**
 * `compressor-studio serve`: runs the render node until SIGINT/SIGTERM. Prints the base URL when
 * ready and one line per request; writes the node file (address, access key, pid; mode 0600) so
 * this user's clients can attach, and removes it on the way out. Without --access-key the key is
 * random and only the node file holds it: other users of this machine cannot use the node. Running renders go back to the
 * queue and resume on the next start.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const options = parseServeArgs(args);
  const node = await startRenderNode({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    credits: options.credits,
    accessKey: options.accessKey,
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  const nodeFile = nodeFilePath();
  // Folder 0700 and file 0600 (writeJsonAtomic's modes): only this user may read the key.
  await writeJsonAtomic(nodeFile, { url: node.url, accessKey: node.accessKey, pid: process.pid } satisfies NodeFile);
  process.stdout.write(`Render node listening on ${node.url}\n`);
  process.stdout.write(`Data folder: ${options.dataDir}\n`);
  process.stdout.write(`Access key: in ${nodeFile} (send it as X-Access-Key)${options.accessKey === undefined ? '' : ', as given'}\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write('Stopping: running renders go back to the queue…\n');
  await node.close();
  await rm(nodeFile, { force: true });
  return 0;
}

type ServeOptions = { host: string; port: number; dataDir: string; credits?: number; accessKey?: string };

/** Reads serve's flags; a bad value is a usage error (exit 2) that says which flag. */
export function parseServeArgs(args: string[]): ServeOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: { host: { type: 'string' }, port: { type: 'string' }, data: { type: 'string' }, credits: { type: 'string' }, 'access-key': { type: 'string' } },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (cause) {
    throw usage((cause as Error).message);
  }
  const port = values.port === undefined ? DEFAULT_NODE_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`--port must be a port number (0-65535), not "${values.port}".`);
  const credits = values.credits === undefined ? undefined : Number(values.credits);
  if (credits !== undefined && (!Number.isInteger(credits) || credits < 0)) throw usage(`--credits must be a whole number, not "${values.credits}".`);
  const accessKey = values['access-key'];
  if (accessKey !== undefined && accessKey.length < 8) throw usage('--access-key must be at least 8 characters.');
  return { host: values.host ?? '127.0.0.1', port, dataDir: values.data ?? dataDir(), credits, accessKey };
}

function usage(message: string): StudioError {
  return new StudioError(message, { hint: 'Usage: compressor-studio serve [--host H] [--port P] [--data DIR] [--credits N] [--access-key K]', exitCode: 2 });
}
