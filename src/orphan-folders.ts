import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, processStartTime } from './process-identity.js';

/**
 * This process as the name of a folder it owns records it: pid and start time (a pid alone gets
 * reused). A process killed with -9, a crash or a power cut cannot remove its folders; the next
 * process that sweeps (sweepOrphans) can tell them from a live one's by this.
 */
export const PROCESS_TAG = `${process.pid}-${processStartTime(process.pid) ?? '0'}`;

/**
 * Removes the folders in `dir` named `<prefix><pid>-<start>` or `<prefix><pid>-<start>-<rest>`
 * (PROCESS_TAG) whose process is no longer running. A name of any other shape was not made by us:
 * it stays. A missing `dir` is nothing to sweep; nothing here throws.
 */
export async function sweepOrphans(dir: string, prefix = ''): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      if (!name.startsWith(prefix)) return;
      const match = /^(\d+)-(\d+)(?:-[A-Za-z0-9-]+)?$/.exec(name.slice(prefix.length));
      if (!match) return;
      const [, pid, start] = match;
      // One that cannot be removed (another user's, in a shared temp folder) stays: not ours to fail on.
      if (!isProcessAlive(Number(pid), start === '0' ? undefined : start)) await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}
