import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { compress } from '../media/compress.js';
import type { OutputQuality, Overlays } from '../media/types.js';
import { planNoteText } from '../wire/plan-note-words.js';
import type { RenderItem } from './render-items.js';
import { mediaPath } from './uploads.js';
import { planItem } from './plan-item.js';
import { itemsNotStarted, overallPercent, type ItemProgress } from '../wire/item-progress.js';
import type { PlanItem } from '../wire/plan.js';
import type { PlanNote } from '../wire/plan-notes.js';

/**
 * A file one item produced, still in the job's work folder. `plan`: the encode that made it, as it
 * ran (absent from workers that predate it); `planned`: the plan before the encode changed it (only
 * where it was made: it does not travel). `notes`: what the encode decided beyond the plan, in
 * English, as the render's wire gives them to any client; `planNotes`: the same as data, for a
 * client to word in its user's language (absent from workers that predate it).
 */
export type ProducedFile = { path: string; ext: string; size: number; notes: string[]; planNotes?: PlanNote[]; plan?: PlanItem; planned?: PlanItem; quality?: OutputQuality };

/**
 * Compresses each item in turn into `workDir` (the job's own folder, emptied before and after by
 * the queue), reporting 0-100 over all items and each item's own progress (a fresh array each
 * time: the receiver may keep it). Abort `signal` and the running ffmpeg is killed.
 */
export async function produceFiles(
  items: RenderItem[],
  options: { mediaDir: string; workDir: string; signal: AbortSignal; onProgress: (percent: number, items: ItemProgress[]) => void },
): Promise<ProducedFile[]> {
  const produced: ProducedFile[] = [];
  const progress = itemsNotStarted(items.length);
  const report = (index: number, item: ItemProgress) => {
    progress[index] = item;
    options.onProgress(overallPercent(progress), progress.map((entry) => ({ ...entry })));
  };
  for (const [index, item] of items.entries()) {
    // Started before its first ffmpeg tick: probing and trial encodes are this item's work too.
    report(index, { status: 'processing', progress: 0 });
    const result = await compress(mediaPath(options.mediaDir, item.mediaId), item.goal, {
      outDir: options.workDir,
      outName: `item-${index}${extname(item.outputName)}`,
      signal: options.signal,
      // Samples and pass logs in the job's folder, which a restarted node empties: a kill -9 leaks nothing.
      scratchDir: options.workDir,
      ...overlaysFor(item, options.mediaDir),
      onProgress: (tick) => report(index, { status: 'processing', progress: Math.min(100, Math.max(0, tick.fraction * 100)) }),
    });
    const { size } = await stat(result.output);
    report(index, { status: 'completed', progress: 100 });
    produced.push({ path: result.output, ext: extname(result.output), size, notes: result.changes.map((note) => planNoteText(note, 'en')), planNotes: result.changes, plan: planItem(result.plan), planned: planItem(result.planned), ...(result.quality ? { quality: result.quality } : {}) });
  }
  return produced;
}

/** The item's titles and music as the media core takes them (nothing when there are none, so a copy stays possible; renders queued before titles existed have neither). */
function overlaysFor(item: RenderItem, mediaDir: string): { overlays?: Overlays } {
  if (!item.titles && !item.music) return {};
  const music = item.music && { path: mediaPath(mediaDir, item.music.mediaId), volume: item.music.volume };
  return { overlays: { titles: item.titles ?? [], ...(music ? { music } : {}) } };
}
