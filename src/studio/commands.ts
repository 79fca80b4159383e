import type { Goal } from '../goal/types.js';
import { mediaSources } from '../engine/engine.js';
import type { Engine } from '../engine/engine.js';
import { timelineLine } from '../wire/timeline.js';
import { creditsSentence } from './credits-words.js';

/**
 * What the studio's keys do, called directly (a key is a command, not words to route), and what
 * the text router calls once it has read a line. Results arrive as engine events.
 */

/**
 * Exports the session's draft into `outDir` now (with `besideSources`, each output of a local file
 * beside that file instead). `goal` is what the words asked of the output,
 * for items the draft leaves open; a key asks nothing, which is the empty goal a typed "export"
 * carries too, so the engine sees one plan and makes no second copy of it.
 */
export async function exportNow(engine: Engine, outDir: string, options: { goal?: Goal; besideSources?: boolean; signal?: AbortSignal } = {}): Promise<void> {
  await engine.exportDraft({ outDir, besideSources: options.besideSources, fallbackGoal: options.goal ?? {}, signal: options.signal });
}

/** Fetches the session's state and says its timeline as one line. */
export async function showTimeline(engine: Engine, signal?: AbortSignal): Promise<void> {
  const state = await engine.state({ signal });
  engine.notify(`Timeline: ${timelineLine(state.draft, mediaSources(state))}`);
}

/** Fetches the credit balance and says it, in Chinese when the question was. */
export async function showCredits(engine: Engine, options: { chinese?: boolean; signal?: AbortSignal } = {}): Promise<void> {
  engine.notify(creditsSentence(await engine.credits(options.signal), options.chinese ?? false));
}
