import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROCESS_TAG, sweepOrphans } from '../orphan-folders.js';

/**
 * A private temp folder, `compressor-<pid>-<start>-<purpose>-…`, in `root` (default: the system's
 * temp folder). The caller removes it, whatever happens. What a killed process left in the system's
 * temp folder (pass logs, an encode's picked frames: up to hundreds of MB) goes with this process's
 * first scratch folder there; a `root` of the caller's own is the caller's to clear.
 */
export async function scratchFolder(purpose: string, root?: string): Promise<string> {
  const parent = root ?? os.tmpdir();
  if (root === undefined) await sweptTempFolder(parent);
  return mkdtemp(path.join(parent, `compressor-${PROCESS_TAG}-${purpose}-`));
}

let swept: { folder: string; done: Promise<void> } | undefined;

function sweptTempFolder(folder: string): Promise<void> {
  // TMPDIR can change while a process runs (the tests set it): each new one is swept once.
  if (swept?.folder !== folder) swept = { folder, done: sweepOrphans(folder, 'compressor-') };
  return swept.done;
}

/** A failed step removes the temp file it was working on, then fails as it was. */
export function removing(tempFile: string): (error: unknown) => Promise<never> {
  return async (error) => {
    await rm(tempFile, { force: true });
    throw error;
  };
}
