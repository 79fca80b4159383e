import type { PlanNote } from '../../src/media/index.js';
import { planNoteText } from '../../src/server/plan-note-words.js';

/** The notes as the render's wire says them (English), for tests that read what a plan decided. */
export const notesText = (notes: readonly PlanNote[]): string[] => notes.map((note) => planNoteText(note, 'en'));
