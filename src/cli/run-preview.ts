import { basename } from 'node:path';
import { previewFrames } from '../media/preview-frames.js';
import { formatSeconds } from '../units.js';
import type { FileResult } from '../studio/file-lifecycle.js';
import type { RunWriter } from './run-output.js';
import { halfBlockLines, kittyPicture, pictureMode, previewLayout, sideBySide, sixelPicture } from './terminal-picture.js';

/** How many moments of each output `--preview` shows. */
const PREVIEW_FRAMES = 3;

/**
 * `--preview`: each output beside its source at a few moments, as pictures the terminal can show,
 * as wide as the terminal (80 columns when it is not one). A preview that fails is one line on
 * stderr: the output is already delivered.
 */
export async function printPreviews(results: FileResult[], out: RunWriter): Promise<void> {
  const mode = pictureMode(process.env);
  if (mode === 'none') {
    out.line('Preview skipped: NO_COLOR is set, and a picture is nothing but colour.');
    return;
  }
  const layout = previewLayout(mode, process.stdout.columns ?? 80, process.stdout.rows ?? 24);
  for (const result of results) {
    try {
      const pairs = await previewFrames(result.input, result.output, { count: PREVIEW_FRAMES, maxPairWidth: layout.maxPairWidth, maxHeight: layout.maxHeight });
      for (const pair of pairs) {
        out.line(`${basename(result.input)} (left) and ${basename(result.output)} (right) at ${formatSeconds(pair.atSec)}:`);
        const picture = sideBySide(pair.source, pair.output, layout.gap);
        if (mode === 'kitty') out.line(kittyPicture(picture, Math.ceil(picture.width / layout.perColumn)));
        else if (mode === 'sixel') out.line(sixelPicture(picture));
        else for (const line of halfBlockLines(picture)) out.line(line);
      }
    } catch (error) {
      out.error(`Preview of ${basename(result.output)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
