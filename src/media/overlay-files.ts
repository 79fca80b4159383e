import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findFont } from './font.js';
import type { Overlays, PlannedOverlays } from './types.js';

/**
 * Writes each title's text to its own file in `dir` (the caller's temp folder, removed after the
 * encode) and finds a font for it (one with CJK glyphs for CJK text, where there is one), so
 * drawtext reads the text as it is, whatever quotes, colons or scripts it holds.
 */
export async function writeOverlayFiles(overlays: Overlays, dir: string): Promise<PlannedOverlays> {
  const titles = overlays.titles ?? [];
  const planned = await Promise.all(
    titles.map(async (title, index) => {
      const fontFile = await findFont(title.text);
      const textFile = path.join(dir, `title-${index}.txt`);
      await writeFile(textFile, title.text, 'utf8');
      return { textFile, fontFile, startSec: title.startSec, endSec: title.endSec };
    }),
  );
  return { titles: planned, ...(overlays.music ? { music: overlays.music } : {}) };
}
