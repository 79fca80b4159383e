import type { Credits, RenderOutput, SessionState, UploadedFile } from './api/types.js';
import type { Job } from './jobs.js';

/**
 * Every event the engine raises, one payload each. The studio (Ink) and the watch folder fold
 * them into view state (src/studio/view-state.ts); `run` prints them. `jobId` ties an event to a job.
 */
export type EngineEvents = {
  /** "Setting up…" then ready; never carries the token itself. */
  auth: [{ status: 'setting-up' | 'ready'; apiBase: string; source?: 'environment' | 'stored' | 'anonymous' }];
  session: [{ sessionId: string; renewed: boolean; jobId?: string }];
  'upload:progress': [{ jobId?: string; files: string[]; fraction: number }];
  'upload:done': [{ jobId?: string; files: UploadedFile[] }];
  /** The reply so far (whole visible text, not the chunk), so a view just replaces it. */
  'message:delta': [{ turnId: number; jobId?: string; text: string }];
  /** The reply as it finally reads; `note` is what the engine adds (a change summary, a lost stream). */
  'message:done': [{ turnId: number; jobId?: string; text: string; note?: string }];
  /** A long silence in a turn: "⏳ Still working…" with the time since the message was sent. */
  working: [{ turnId: number; jobId?: string; elapsedMs: number; text: string }];
  state: [{ sessionId: string; state: SessionState }];
  'render:queued': [{ jobId: string; renderId: string }];
  'render:progress': [{ jobId: string; renderId: string; fraction: number }];
  'render:done': [{ jobId: string; renderId: string; outputs: RenderOutput[] }];
  'download:progress': [{ jobId: string; fraction: number; receivedBytes: number; totalBytes?: number }];
  'download:done': [{ jobId: string; path: string; bytes: number; recompressed: boolean }];
  credits: [Credits];
  'job:update': [Job];
  /** The studio's watch folder started (`dir` set) or stopped (no `dir`). */
  watch: [{ dir?: string; outDir?: string }];
  /** Something the user should hear that is not an error (a corrupt store moved aside, a local re-encode). */
  notice: [{ text: string; jobId?: string }];
  /** One sentence (with its hint) per failure; `error` keeps the typed error for logs. */
  error: [{ message: string; error: unknown; jobId?: string }];
};

/** Any one event, as a tagged value (what `subscribe` listeners and the view reducer take). */
export type EngineEvent = { [K in keyof EngineEvents]: { name: K; payload: EngineEvents[K][0] } }[keyof EngineEvents];
