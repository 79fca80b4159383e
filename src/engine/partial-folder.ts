import { randomBytes } from 'node:crypto';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PROCESS_TAG, sweepOrphans } from '../orphan-folders.js';

/**
 * The one hidden folder in an output folder where deliveries keep their temp files (the download's
 * `.part`, a local re-encode): on the output's disk, so placing the result is a link, not a copy;
 * hidden, so the user and a watch folder pass it by.
 */
export const PARTIAL_FOLDER = '.compressor-partial';

/**
 * Runs `work` with a fresh folder of its own in `outDir/.compressor-partial/<pid>-<start>-<id>/`,
 * removed afterwards whatever happens (and the shared folder too once empty). First, folders left
 * by processes that are gone (a client killed with -9) are removed, so nothing outlives the next run.
 */
export async function withPartialFolder<T>(outDir: string, work: (dir: string) => Promise<T>): Promise<T> {
  // Made first on its own, so a failure names the folder the user chose, not ours inside it.
  await mkdir(outDir, { recursive: true });
  const shared = join(outDir, PARTIAL_FOLDER);
  await sweepOrphans(shared);
  const dir = join(shared, `${PROCESS_TAG}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    // Another delivery may be using it, or just made it: only an empty folder goes.
    await rmdir(shared).catch(() => undefined);
  }
}
