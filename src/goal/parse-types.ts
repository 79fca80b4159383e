import type { Remark } from './remarks.js';
import type { Goal, Intent } from './types.js';

/** What parseInstruction understood of one piece of user text. */
export type ParsedInstruction = {
  intent: Intent;
  goal: Goal;
  /** Words it did not understand, reported rather than dropped. */
  unknown: string[];
  /** Conflicts and guesses, each a question or remark for the user (worded at the edge: remark-words.ts). */
  ambiguities: Remark[];
  /** Changes to the project besides the output settings (a title, background music), when asked. */
  edits?: Edits;
};

/**
 * Titles and background music the user asked to add, change or remove. A field left out is not
 * touched; `null` removes it. Times are seconds on the output's timeline.
 */
export type Edits = {
  /** The title to show (one per project: a new one replaces the old), or null to remove it. */
  title?: { text: string; startSec?: number; durationSec?: number } | null;
  /** Background music (from an uploaded audio file), optionally its volume 0..1, or null to remove it. */
  music?: { volume?: number } | null;
};
