import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Conf from 'conf';
import { configDir } from '../paths.js';
import { HISTORY_LIMIT, type JobRecord, type Settings, type Store, type StoredToken } from './types.js';

type Shape = {
  /** Per API base, like tokens: a node seen under two addresses meets two clients, never one id with two tokens. */
  clientIds: Record<string, string>;
  tokens: Record<string, StoredToken>;
  sessions: Record<string, string>;
  settings: Settings;
  jobs: JobRecord[];
  history: string[];
};

const defaults: Shape = { clientIds: {}, tokens: {}, sessions: {}, settings: { autoExport: false }, jobs: [], history: [] };

/**
 * The store in `<configDir>/config.json` (conf: atomic writes, file mode 0600 since it holds
 * tokens). `COMPRESSOR_CONFIG_DIR` moves it, which is how tests keep their own. A corrupt file
 * is moved aside with a warning rather than stopping the product.
 */
export function defaultStore(cwd: string = configDir()): Store {
  const warning = quarantineIfCorrupt(join(cwd, 'config.json'));
  const conf = new Conf<Shape>({ cwd, configName: 'config', defaults, accessPropertiesByDotNotation: false, configFileMode: 0o600 });
  const keyed = <K extends 'clientIds' | 'tokens' | 'sessions'>(key: K, base: string, value: Shape[K][string] | undefined): void => {
    const all = { ...conf.get(key) } as Shape[K];
    if (value === undefined) delete all[base];
    else all[base] = value;
    conf.set(key, all);
  };
  const renewClientId = (base: string): string => {
    const id = randomUUID();
    keyed('clientIds', base, id);
    return id;
  };
  return {
    warnings: warning ? [warning] : [],
    clientId: (base) => conf.get('clientIds')[base] ?? renewClientId(base),
    renewClientId,
    token: (base) => conf.get('tokens')[base],
    saveToken: (base, token) => keyed('tokens', base, token),
    clearToken: (base) => keyed('tokens', base, undefined),
    session: (base) => conf.get('sessions')[base],
    saveSession: (base, id) => keyed('sessions', base, id),
    clearSession: (base) => keyed('sessions', base, undefined),
    settings: () => ({ ...defaults.settings, ...conf.get('settings') }),
    updateSettings: (change) => {
      const settings = { ...defaults.settings, ...conf.get('settings'), ...change };
      conf.set('settings', settings);
      return settings;
    },
    jobs: () => conf.get('jobs'),
    history: () => conf.get('history'),
    saveHistory: (lines) => conf.set('history', lines),
    saveJob: (job) => {
      const others = conf.get('jobs').filter((j) => j.id !== job.id);
      conf.set('jobs', [job, ...others].sort((a, b) => b.startedAt - a.startedAt).slice(0, HISTORY_LIMIT));
    },
  };
}

/**
 * Moves a store file that is not a JSON object aside (`<name>.corrupt-<time>`), so the product
 * starts clean instead of failing. Returns the warning to show, or undefined when the file is fine
 * or absent. The file is kept, not deleted: it may hold a hand edit worth recovering.
 */
export function quarantineIfCorrupt(path: string, now: Date = new Date()): string | undefined {
  if (!existsSync(path)) return undefined;
  let problem: string | undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) problem = 'it does not hold a settings object';
  } catch (error) {
    problem = error instanceof SyntaxError ? 'it is not valid JSON' : `it could not be read (${(error as Error).message})`;
  }
  if (!problem) return undefined;
  const aside = join(dirname(path), `${basename(path)}.corrupt-${now.toISOString().replaceAll(':', '-')}`);
  renameSync(path, aside);
  return `The settings file ${path} was unreadable (${problem}); it was moved to ${aside} and a fresh one started.`;
}
