import type { Language } from '../goal/language.js';

/**
 * A session the engine works in. Its id changes when the node lost it and a new one replaced it.
 * Its own module so the export code can name it without importing the engine that runs it.
 */
export type Session = {
  id: string;
  bindId?: string;
  /** The local files uploaded to it, uploaded again when the node lost it. */
  uploads: string[];
  /** The folder each uploaded media came from on this machine (by media id), so an output can land beside its source. */
  folders: Record<string, string>;
  jobId?: string;
  /** The language of the last instruction sent in it: what comes back later (a render's notes) is worded in it. English until one is sent. */
  language?: Language;
};
