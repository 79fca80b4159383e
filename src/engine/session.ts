/**
 * A session the engine works in. Its id changes when the node lost it and a new one replaced it.
 * Its own module so the export code can name it without importing the engine that runs it.
 */
export type Session = { id: string; bindId?: string; uploads: string[]; jobId?: string };
