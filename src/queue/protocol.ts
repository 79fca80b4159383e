import { createHash } from 'node:crypto';
import type { RenderItem } from '../server/render-items.js';
import type { RenderRecord } from '../server/render-record.js';
import { itemsProgressSchema, type ItemProgress } from '../wire/item-progress.js';
import { readWire } from '../wire/read.js';
import type { PlanItem } from '../wire/plan.js';
import type { PlanNote } from '../wire/plan-notes.js';

/** The BullMQ queue of one node (one node per Redis database; see the README). */
export const QUEUE_NAME = 'compressor-renders';

/** The custom queue event the node publishes to stop a running job wherever it runs. */
export const CANCEL_EVENT = 'compressor-cancel';

/** What a job carries to a worker: the items only, never a user's token or id. */
export type RenderJobData = { items: RenderItem[] };

/** One file a worker uploaded: checked by the node against `size` and `sha256` as it arrives; `plan`: the encode as it ran; `planNotes`: its notes as data. */
export type UploadedFile = { name: string; size: number; sha256: string; notes: string[]; planNotes?: PlanNote[]; plan?: PlanItem };

/** A finished job: which attempt's uploads are the output (a stalled attempt's late uploads are not). */
export type RenderJobResult = { attempt: string; files: UploadedFile[] };

/** A worker's progress report: 0..100 over the job and each item's own (older workers sent the number alone). */
export type WorkerProgress = { percent: number; items: ItemProgress[] };

/**
 * A progress report from Redis, read rather than trusted: a number (an older worker's), or a
 * WorkerProgress whose items are dropped when they do not read as the wire's. Undefined for anything else.
 */
export function readWorkerProgress(data: unknown): { percent: number; items?: ItemProgress[] } | undefined {
  if (typeof data === 'number') return Number.isFinite(data) ? { percent: data } : undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  const { percent, items } = data as Record<string, unknown>;
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return undefined;
  const read = readWire(itemsProgressSchema, items);
  return read.ok ? { percent, items: read.value } : { percent };
}

/**
 * The job's id in the queue: the same for the same render across node restarts (so re-adding it is a
 * no-op while it waits or runs), opaque (no user id in Redis), and new for a render id used again later.
 */
export function jobIdFor(record: Pick<RenderRecord, 'userId' | 'id' | 'createdAt'>): string {
  return `r${createHash('sha256').update(`${record.userId}\u0000${record.id}\u0000${record.createdAt}`).digest('hex').slice(0, 32)}`;
}

/** An uploaded file's name: `item-<index><ext>`, never a path. */
export function outputName(index: number, ext: string): string {
  return `item-${index}${ext}`;
}

/** Whether `name` is one outputName could have made. */
export function isOutputName(name: string): boolean {
  return /^item-\d{1,4}\.[a-z0-9]{1,5}$/.test(name);
}

/** An attempt id a worker chose: letters, digits and dashes only, so it is safe as a folder name. */
export function isAttemptId(value: string): boolean {
  return /^[a-z0-9-]{8,64}$/.test(value);
}

/** The media ids a job's items read (videos and music), each once. */
export function inputsOf(items: RenderItem[]): string[] {
  return [...new Set(items.flatMap((item) => [item.mediaId, ...(item.music ? [item.music.mediaId] : [])]))];
}
