import type { Language } from '../goal/language.js';
import type { Goal } from '../goal/types.js';
import type { QualityScore } from '../media/types.js';
import type { Draft } from '../wire/draft.js';

/** A token and when it stops working (ISO 8601), as the node granted it. */
export type StoredToken = { token: string; expiresAt?: string };

/** What the user chose once and keeps. */
export type Settings = {
  /** Where outputs land; unset: beside each input (the current folder for what has no local file). */
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
  /** The output measured against its source (VMAF, or SSIM where no libvmaf exists). */
  quality?: QualityScore;
  targetBytes?: number;
  error?: string;
  renderId?: string;
  /** Ended by the studio quitting while it ran (saved canceled by the quit): shown as interrupted, to retry. */
  interrupted?: boolean;
  /** Why an interrupted job stopped, in a few words, when it was not the studio's quit (the studio killed, the node restarted). */
  reason?: string;
  /** Where this job's render delivers, so a studio that quit while it ran on a lasting node re-attaches to it. */
  resume?: ResumePoint;
  startedAt: number;
  updatedAt: number;
};

/**
 * Where a job can be taken up again. Re-attaching to its render needs, besides the renderId, the
 * node it runs on (the engine's store key), which of the render's items is this job's, and where
 * and under which name its file goes; a retry renders the same draft again in the same session.
 */
export type ResumePoint = {
  node: string;
  item: number;
  items: number;
  /** The item's name, for the default output name. */
  itemName: string;
  outDir: string;
  fileName?: string;
  replace?: boolean;
  /** The session the render ran in (on `node`), which holds the draft's media. */
  sessionId?: string;
  /** The draft of this job's item alone, as rendered: titles, music, trims and mute included, for a retry. */
  draft?: Draft;
  /** The language its instruction was written in: the render's notes are worded in it when it is followed again or retried. */
  language?: Language;
};

/**
 * The engine's persistent memory, kept behind this narrow interface so the engine takes it
 * injected (tests pass the real store pointed at a temp folder). Client ids, tokens and sessions
 * are kept per API base: a token from one node means nothing to another, and one client id shared
 * by two addresses of the same node would be refused a second token (429 for 7 days).
 */
export interface Store {
  /** The random client id for anonymous tokens from this node, created on first use. */
  clientId(apiBase: string): string;
  /** Forgets this node's client id and makes a new one (the node refused the old one). */
  renewClientId(apiBase: string): string;
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
  /** The lines sent in the studio, oldest first (its input line's Up arrow walks them). */
  history(): string[];
  saveHistory(lines: string[]): void;
  /** Things the user should hear about the store itself (a corrupt file moved aside). */
  readonly warnings: readonly string[];
}

/** How many jobs the history keeps. */
export const HISTORY_LIMIT = 200;
