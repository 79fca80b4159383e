import { readdirSync, statSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** How many names Tab considers: a huge folder must not stall the input line. */
const MAX_ENTRIES = 2_000;

/**
 * The paths that complete a partly typed one (Tab in the studio), written the way it was begun
 * (`~/` kept, relative kept); folders end with "/". Hidden names only when a dot was typed.
 */
export function completePath(partial: string, cwd: string = process.cwd()): string[] {
  const expanded = partial.startsWith('~/') ? `${homedir()}${partial.slice(1)}` : partial;
  const typedDir = partial.slice(0, partial.lastIndexOf('/') + 1);
  const dir = resolve(cwd, expanded.endsWith('/') ? expanded : dirname(expanded));
  const begun = partial.slice(typedDir.length);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).slice(0, MAX_ENTRIES);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.name.startsWith(begun) && (begun.startsWith('.') || !entry.name.startsWith('.')))
    .map((entry) => `${typedDir}${entry.name}${isFolder(dir, entry) ? '/' : ''}`)
    .sort();
}

function isFolder(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, entry.name)).isDirectory();
  } catch {
    return false;
  }
}
