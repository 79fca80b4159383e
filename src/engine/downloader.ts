import { randomBytes } from 'node:crypto';
import { link, mkdir, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/**
 * A temp path in `dir` for a file that is still being written (hidden, so a watch folder and the
 * user ignore it). Renamed into place by `placeWithoutOverwrite`.
 */
export async function tempPathIn(dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return join(dir, `.${name}.${randomBytes(4).toString('hex')}.part`);
}

/**
 * Moves a finished temp file to `dir/name`, or `name (2)`, `name (3)`… when taken: a hard link
 * fails on an existing name instead of replacing it, so nothing is ever overwritten, even by a
 * file that appears between the check and the move. Returns the final path.
 */
export async function placeWithoutOverwrite(temp: string, dir: string, name: string): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${extension}`);
    try {
      await link(temp, candidate);
      await rm(temp, { force: true });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A file's name without folder and extension ("clips/a.mov" → "a"), for naming its output. */
export function stemOf(path: string): string {
  const name = basename(path);
  const extension = extname(name);
  return (extension ? name.slice(0, -extension.length) : name) || name;
}
