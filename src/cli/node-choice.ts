import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hello } from '../engine/api/auth-calls.js';
import { dataDir, DEFAULT_NODE_PORT, nodeFilePath, type NodeFile } from '../paths.js';
import { DataFolderInUseError } from '../server/data-lock.js';
import { PROCESS_TAG, sweepOrphans } from '../orphan-folders.js';
import { startRenderNode } from '../server/node.js';

/** The Nemo cloud, for `--api cloud`. */
export const CLOUD_API = 'https://mega-api-prod.nemovideo.ai';

/** The node the engine will talk to, and how to let go of it when done. */
export type NodeChoice = {
  apiBase: string;
  accessKey?: string;
  /** The store's name for the node when its URL changes between starts (the embedded node's port does). */
  storeKey?: string;
  kind: 'given' | 'attached' | 'embedded';
  close: () => Promise<void>;
};

/**
 * Which node (DESIGN.md): `--api URL|cloud`, else NEMO_API_BASE; else this user's own `serve` node
 * on 127.0.0.1:8787 (its node file exists and it accepts the key in it), so renders outlive a
 * dropped SSH session; else the embedded node, in-process on a random loopback port.
 */
export async function chooseNode(options: { api?: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Promise<NodeChoice> {
  const env = options.env ?? process.env;
  const which = await whichNode(options.api, env);
  if (which.kind === 'embedded') return startEmbedded(which.dataDir);
  if (which.kind === 'attached') options.log?.(`Using the render node at ${which.apiBase}.`);
  return { ...which, close: async () => {} };
}

/** The node chooseNode would use, without starting one (for `doctor`). */
export async function whichNode(
  api: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ kind: 'given' | 'attached'; apiBase: string; accessKey?: string } | { kind: 'embedded'; dataDir: string }> {
  const nodeFile = await readNodeFile(nodeFilePath(env));
  const given = api ?? env.NEMO_API_BASE;
  if (given) {
    const apiBase = given === 'cloud' ? CLOUD_API : given.replace(/\/+$/, '');
    // The key its operator gave (another machine's node, through a tunnel), else, for a `serve` node
    // of this user's at that address, the key in the node file.
    const accessKey = env.NEMO_ACCESS_KEY || (nodeFile && sameOrigin(nodeFile.url, apiBase) ? nodeFile.accessKey : undefined);
    return { kind: 'given', apiBase, accessKey };
  }
  if (nodeFile && (await isOwnNode(nodeFile))) return { kind: 'attached', apiBase: nodeFile.url, accessKey: nodeFile.accessKey };
  return { kind: 'embedded', dataDir: dataDir(env) };
}

/**
 * The embedded node on the user's data folder, with a random access key only this process knows;
 * when another studio or `run` already holds that folder, a private one for this process (removed
 * on close): embedded renders live and die with their process, so two at once need not share anything.
 */
async function startEmbedded(folder: string): Promise<NodeChoice> {
  const instances = join(folder, 'instances');
  // A process killed with -9 could not remove its private folder (its uploads and outputs with it).
  await sweepOrphans(instances);
  try {
    const node = await startRenderNode({ dataDir: folder, resumeRenders: false });
    return { apiBase: node.url, accessKey: node.accessKey, storeKey: `embedded:${folder}`, kind: 'embedded', close: () => node.close() };
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
  }
  const own = join(instances, PROCESS_TAG);
  const node = await startRenderNode({ dataDir: own, resumeRenders: false });
  return {
    apiBase: node.url,
    accessKey: node.accessKey,
    storeKey: `embedded:${own}`,
    kind: 'embedded',
    close: async () => {
      await node.close();
      await rm(own, { recursive: true, force: true });
    },
  };
}

async function readNodeFile(path: string): Promise<NodeFile | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<NodeFile>;
    return typeof value.url === 'string' && typeof value.accessKey === 'string' ? (value as NodeFile) : undefined;
  } catch {
    return undefined;
  }
}

// Only a loopback node on serve's port that proves it holds the key is attached to: on a shared
// machine another user's process on that port gets nothing.
async function isOwnNode(file: NodeFile): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(file.url);
  } catch {
    return false;
  }
  if (url.hostname !== '127.0.0.1' || Number(url.port) !== DEFAULT_NODE_PORT) return false;
  try {
    const answer = await hello({ base: file.url, accessKey: file.accessKey, timeoutMs: 2_000 }, AbortSignal.timeout(3_000));
    return answer.name === 'compressor-studio';
  } catch {
    return false;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
