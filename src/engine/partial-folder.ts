import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, processStartTime } from '../process-identity.js';

/**
 * The one hidden folder in an output folder where deliveries keep their temp files (the download's
 * `.part`, a local re-encode): on the output's disk, so placing the result is a link, not a copy;
 * hidden, so the user and a watch folder pass it by.
 */
export const PARTIAL_FOLDER = '.compressor-partial';

/** This process, as a partial folder's name records it: pid and start time (a pid alone gets reused). */
const owner = `${process.pid}-${processStartTime(process.pid) ?? '0'}`;

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
  const dir = join(shared, `${owner}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    // Another delivery may be using it, or just made it: only an empty folder goes.
    await rmdir(shared).catch(() => undefined);
  }
}

/** Removes the folders in `shared` whose owner process is no longer running. */
export async function sweepOrphans(shared: string): Promise<void> {
  const names = await readdir(shared).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const match = /^(\d+)-(\d+)-[0-9a-f]+$/.exec(name);
      // A name that is not ours was put there by someone else: not ours to remove.
      if (!match) return;
      const [, pid, start] = match;
      if (!isProcessAlive(Number(pid), start === '0' ? undefined : start)) await rm(join(shared, name), { recursive: true, force: true });
    }),
  );
}
