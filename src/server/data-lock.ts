import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../errors.js';
import { isProcessAlive, processStartTime } from '../process-identity.js';

/** The data folder belongs to another running node. */
export class DataFolderInUseError extends StudioError {}

/** What node.lock holds: the owner's pid and when that process started (null when unknown). */
type LockOwner = { pid: number; start: string | null };

// Locks this process holds, so that a lock naming this pid that it did not take (a container
// restart gives the new node the old one's pid) is known to be stale.
const held = new Set<string>();

/**
 * One render node per data folder: two would re-queue each other's running renders and overwrite
 * each other's records. The lock names the owner by pid and process start time, since a pid alone
 * may belong to an unrelated program by now (a node killed with -9, a container restarted); a
 * lock whose process is gone or started at another time is taken over. Returns the release function.
 */
export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'node.lock');
  const self: LockOwner = { pid: process.pid, start: processStartTime(process.pid) ?? null };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, JSON.stringify(self), { flag: 'wx', mode: 0o600 });
      held.add(file);
      return async () => {
        held.delete(file);
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = parseLock(await readFile(file, 'utf8').catch(() => ''));
      if (owner && isLiveOwner(owner, held.has(file))) {
        throw new DataFolderInUseError(`Another render node (process ${owner.pid}) is already using ${dataDir}.`, {
          hint: 'Use that node (compressor-studio attaches to a serve node on 127.0.0.1:8787), stop it, or give this one another --data folder.',
        });
      }
      await rm(file, { force: true }); // stale: its node is gone
    }
  }
  throw new StudioError(`Could not lock ${dataDir}.`, { hint: 'Another render node is starting with the same --data folder.' });
}

/** The owner a lock names: `{pid, start}`, or a bare pid (what older versions wrote). Pure. */
export function parseLock(text: string): LockOwner | undefined {
  const bare = Number(text);
  if (Number.isInteger(bare) && bare > 0) return { pid: bare, start: null };
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(value.pid) && (value.pid as number) > 0) return { pid: value.pid as number, start: typeof value.start === 'string' ? value.start : null };
  } catch {
    // not a lock we can read: nobody can be shown to own it
  }
  return undefined;
}

function isLiveOwner(owner: LockOwner, heldHere: boolean): boolean {
  if (owner.pid === process.pid) return heldHere;
  // An older lock has no start time: a live pid is all it can show. A start time that cannot be
  // read now counts as the same process: rather refuse than share the folder.
  return isProcessAlive(owner.pid, owner.start ?? undefined);
}
