import type { Goal } from '../goal/types.js';

/** A token and when it stops working (ISO 8601), as the node granted it. */
export type StoredToken = { token: string; expiresAt?: string };

/** What the user chose once and keeps. */
export type Settings = {
  /** Where outputs land; default: the current folder. */
  outputDir?: string;
  /** The instruction used when none is given. */
  defaultGoal?: string;
  /** Export as soon as a turn leaves a draft ready. */
  autoExport: boolean;
  /** Ring the terminal (a notification where it has them) when a long job ends; unset means on. */
  notify?: boolean;
};

/** One job in the history: a file through the lifecycle, as it last stood. */
export type JobRecord = {
  id: string;
  input: string;
  status: 'queued' | 'uploading' | 'thinking' | 'rendering' | 'downloading' | 'compressing' | 'done' | 'failed' | 'canceled';
  goal?: Goal;
  output?: string;
  bytes?: number;
  targetBytes?: number;
  error?: string;
  renderId?: string;
  startedAt: number;
  updatedAt: number;
};

/**
 * The engine's persistent memory, kept behind this narrow interface so the engine takes it
 * injected (tests pass the real store pointed at a temp folder). Tokens and sessions are kept per
 * API base: a token from one node means nothing to another.
 */
export interface Store {
  /** The random client id for anonymous tokens, created on first use. */
  clientId(): string;
  /** Forgets the client id and makes a new one (the node refused the old one: HTTP 400). */
  renewClientId(): string;
  token(apiBase: string): StoredToken | undefined;
  saveToken(apiBase: string, token: StoredToken): void;
  clearToken(apiBase: string): void;
  session(apiBase: string): string | undefined;
  saveSession(apiBase: string, sessionId: string): void;
  clearSession(apiBase: string): void;
  settings(): Settings;
  updateSettings(change: Partial<Settings>): Settings;
  /** Newest first. */
  jobs(): JobRecord[];
  /** Adds or replaces (by id) a job; the history keeps the newest HISTORY_LIMIT. */
  saveJob(job: JobRecord): void;
  /** Things the user should hear about the store itself (a corrupt file moved aside). */
  readonly warnings: readonly string[];
}

/** How many jobs the history keeps. */
export const HISTORY_LIMIT = 200;
