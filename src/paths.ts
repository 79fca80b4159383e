import { homedir } from 'node:os';
import { join } from 'node:path';

// Where the product keeps things. Every folder can be moved by an environment variable, which is
// also how tests keep each run in its own temp folder.

const APP = 'compressor-studio';

/** Render-node data (sessions, uploads, renders) and the embedded node's state. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMPRESSOR_DATA_DIR) return env.COMPRESSOR_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, APP);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP);
  return join(homedir(), '.local', 'share', APP);
}

/** The client's store (client id, token, sessions, settings, job history). */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMPRESSOR_CONFIG_DIR) return env.COMPRESSOR_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, APP);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', APP);
  return join(homedir(), '.config', APP);
}

/**
 * The file a running `serve` leaves for this user's clients: its address and access key, mode 0600.
 * A client attaches to a node on 127.0.0.1:8787 only when this file exists and the node accepts the key.
 */
export function nodeFilePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMPRESSOR_RUNTIME_DIR) return join(env.COMPRESSOR_RUNTIME_DIR, 'node.json');
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, APP, 'node.json');
  return join(dataDir(env), 'node.json');
}

/** What the node file holds. */
export type NodeFile = { url: string; accessKey: string; pid: number };

/** The default port of `serve`, where clients look for a node to attach to. */
export const DEFAULT_NODE_PORT = 8787;

/** The header that carries a node's access key. */
export const ACCESS_KEY_HEADER = 'x-access-key';
