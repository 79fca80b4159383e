import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A private temp folder, `compressor-<purpose>-…`, in `root` (default: the system's temp folder).
 * The caller removes it, whatever happens.
 */
export function scratchFolder(purpose: string, root?: string): Promise<string> {
  return mkdtemp(path.join(root ?? os.tmpdir(), `compressor-${purpose}-`));
}

/** A failed step removes the temp file it was working on, then fails as it was. */
export function removing(tempFile: string): (error: unknown) => Promise<never> {
  return async (error) => {
    await rm(tempFile, { force: true });
    throw error;
  };
}
