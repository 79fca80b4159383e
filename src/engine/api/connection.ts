import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ACCESS_KEY_HEADER } from '../../paths.js';
import { packageVersion } from '../../version.js';

/** Where and as whom the engine talks: the node's base URL and the credentials for it. */
export type Connection = {
  /** The node's base URL, e.g. `http://127.0.0.1:8787` or the Nemo cloud. */
  base: string;
  /** The bearer token; absent only before the first token is obtained. */
  token?: string;
  /** The node's access key, for a node started with one. */
  accessKey?: string;
  /** How long to wait for an answer's headers (and between body bytes), in ms. */
  timeoutMs?: number;
};

/** The default wait for an answer. Long enough for a slow upload's reply, short enough to notice a dead node. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The headers every request carries: bearer token, the X-Skill-* trio and the access key. */
export function commonHeaders(connection: Connection): Record<string, string> {
  const headers: Record<string, string> = { ...skillHeaders() };
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  if (connection.accessKey) headers[ACCESS_KEY_HEADER] = connection.accessKey;
  return headers;
}

/** An absolute URL for a path on the node. */
export function urlFor(connection: Connection, path: string): string {
  return new URL(path, connection.base.endsWith('/') ? connection.base : `${connection.base}/`).toString();
}

/** Where the skill was installed from, as the brief's attribution header names it. */
export type SkillPlatform = 'clawhub' | 'cursor' | 'unknown';

/**
 * The platform, judged from the install path: under `~/.clawhub/` → clawhub, under
 * `~/.cursor/skills/` → cursor, anything else → unknown. Pure, so it is tested by table.
 */
export function skillPlatform(installPath: string, home: string): SkillPlatform {
  const path = installPath.replaceAll('\\', '/');
  const root = home.replaceAll('\\', '/').replace(/\/+$/, '');
  if (path.startsWith(`${root}/.clawhub/`)) return 'clawhub';
  if (path.startsWith(`${root}/.cursor/skills/`)) return 'cursor';
  return 'unknown';
}

// Where this file is installed does not change while the process runs: judge it once.
const SKILL_HEADERS: Readonly<Record<string, string>> = {
  'x-skill-source': 'compressor-ai',
  'x-skill-version': packageVersion,
  'x-skill-platform': skillPlatform(fileURLToPath(import.meta.url), homedir()),
};

/** The three attribution headers every request carries (export fails with 402 without them). */
export function skillHeaders(): Record<string, string> {
  return { ...SKILL_HEADERS };
}
