import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../errors.js';

/** The data folder belongs to another running node. */
export class DataFolderInUseError extends StudioError {}

/**
 * One render node per data folder: two would re-queue each other's running renders and overwrite
 * each other's records. The lock is a file holding the owner's pid; one whose process is gone (a
 * node killed with -9) is taken over. Returns the release function.
 */
export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'node.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new DataFolderInUseError(`Another render node (process ${owner}) is already using ${dataDir}.`, {
          hint: 'Use that node (compressor-studio attaches to a serve node on 127.0.0.1:8787), stop it, or give this one another --data folder.',
        });
      }
      await rm(file, { force: true }); // stale: its node is gone
    }
  }
  throw new StudioError(`Could not lock ${dataDir}.`, { hint: 'Another render node is starting with the same --data folder.' });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
