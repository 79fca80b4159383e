import type { Goal } from '../../goal/types.js';
import type { MediaInfo, QualityScore } from '../../media/types.js';
import type { Draft } from '../../wire/draft.js';
import type { ItemProgress } from '../../wire/item-progress.js';
import type { PlanNote } from '../../wire/plan-notes.js';

/** An anonymous token and what came with it. */
export type TokenGrant = { token: string; userId?: string; expiresAt?: string; credits?: number };

/** A session: the task it belongs to and the id every later call names. */
export type SessionInfo = { sessionId: string; taskId?: string; userId?: string; bindId?: string };

/** One uploaded file, as the node knows it. */
export type UploadedFile = { mediaId: string; name: string; size: number; videoInfo?: Omit<MediaInfo, 'path'> };

/** The credit balance; `unlimited` for a local node. */
export type Credits = { available: number; frozen: number; total: number; unlimited: boolean };

/** A file a render produced, in the order of the draft's items. */
/**
 * `notes` and `quality`: what the encode decided beyond the plan, as prose shown as it is, and the
 * output measured against its source. `planNotes`: those notes as data, to word in the user's
 * language (the local node's only; read whole or not at all, the prose standing in).
 */
export type RenderOutput = { url: string; size?: number; name?: string; mediaId?: string; notes?: string[]; planNotes?: PlanNote[]; quality?: QualityScore };

/** A render as the poll call reports it. */
export type RenderStatus = {
  id: string;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  /** 0..100. */
  progress: number;
  outputs: RenderOutput[];
  error?: string;
  /** While pending: its place in the node's line (1 is next), when the node says it. */
  queuePosition?: number;
  /** Once it runs: each item's own progress, in item order, when the node says it (the cloud does not). */
  items?: ItemProgress[];
};

/** A file the session already rendered. */
export type GeneratedMedia = { renderId?: string; mediaId?: string; name?: string; url?: string; size?: number; goal?: Goal };

/** The session's state: the draft (timeline), what is known of each media item, and past renders. */
export type SessionState = {
  draft?: Draft;
  videoInfos: Record<string, Omit<MediaInfo, 'path'>>;
  generatedMedia: GeneratedMedia[];
};

/** What `hello` says about a node. */
export type NodeHello = { name: string; version?: string; requiresKey: boolean };
