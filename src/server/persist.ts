import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { insideFolder } from './inside-folder.js';

/**
 * Writes JSON so that a crash (even `kill -9`) leaves either the old file or the new one, never half
 * of one: the bytes go to a temp name in the same folder, then one rename replaces the file.
 */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeTextAtomic(file, JSON.stringify(value, null, 1));
}

/** Writes a text file the same way: the old content or the new, never half of either. */
export async function writeTextAtomic(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o600, flush: true });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Removes every entry of `dir` whose name is not in `listed` (a missing folder has none). */
export async function removeUnlisted(dir: string, listed: ReadonlySet<string>): Promise<void> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const name of names) {
    if (!listed.has(name)) await rm(insideFolder(dir, name), { recursive: true, force: true });
  }
}

/** Reads a JSON file written by writeJsonAtomic; undefined when it does not exist yet. */
export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}

/**
 * One file whose writes happen one at a time, in call order: two overlapping saves of the same
 * file could otherwise rename out of order and leave the older snapshot on disk. A save that is
 * asked for while one is running is folded into the next write (only the latest snapshot matters).
 */
export class JsonFile<T> {
  private running: Promise<void> = Promise.resolve();
  private pending?: { snapshot: () => T; done: Promise<void> };

  constructor(readonly path: string) {}

  /** Loads the file, or undefined when it is not there. */
  load(): Promise<T | undefined> {
    return readJsonFile<T>(this.path);
  }

  /** Saves what `snapshot()` returns when the write actually starts. */
  save(snapshot: () => T): Promise<void> {
    if (this.pending) {
      this.pending.snapshot = snapshot;
      return this.pending.done;
    }
    const entry = { snapshot, done: Promise.resolve() };
    entry.done = this.running.then(() => {
      this.pending = undefined;
      return writeJsonAtomic(this.path, entry.snapshot());
    });
    this.pending = entry;
    this.running = entry.done.catch(() => undefined);
    return entry.done;
  }
}
