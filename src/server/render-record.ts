import type { OutputQuality } from '../media/types.js';
import type { ItemProgress } from '../wire/item-progress.js';
import type { PlanItem } from '../wire/plan.js';
import type { PlanNote } from '../wire/plan-notes.js';
import type { RenderItem } from './render-items.js';

// The render records on their own, so the render backend's Producer can name them without
// importing the queue that keeps them (renders.ts imports the backend's types).

/** The cloud's render states. */
export type RenderStatus = 'pending' | 'processing' | 'completed' | 'failed';

/**
 * A finished file: served at /files/<fileId>/<name>. `notes`: what the encode decided beyond the
 * plan the agent showed, in English, and `planNotes` the same as data; `plan`: the encode as it
 * ran, to hold against that plan (all absent in renders.json from before).
 */
export type RenderOutput = { mediaId: string; fileId: string; name: string; size: number; ext: string; notes?: string[]; planNotes?: PlanNote[]; plan?: PlanItem; quality?: OutputQuality };

/** One export job, as persisted in renders.json. */
export type RenderRecord = {
  /** The client's id (e.g. render_<ts>): a key only, never part of a path. */
  id: string;
  sessionId: string;
  userId: string;
  createdAt: number;
  status: RenderStatus;
  progress: number;
  /** While it runs (and once it completed): each item's own progress, in item order; absent before it starts. */
  itemProgress?: ItemProgress[];
  items: RenderItem[];
  outputs: RenderOutput[];
  error?: string;
};

/** A job that has not started: its place in line (1 is next) when known. */
export type WaitingLine = { place?: number };
