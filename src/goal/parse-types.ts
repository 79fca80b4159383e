import type { Goal, Intent } from './types.js';

/** What parseInstruction understood of one piece of user text. */
export type ParsedInstruction = {
  intent: Intent;
  goal: Goal;
  /** Words it did not understand, reported rather than dropped. */
  unknown: string[];
  /** Conflicts and guesses, each a question or remark for the user. */
  ambiguities: string[];
};
