import { readdir } from 'node:fs/promises';
import path from 'node:path';

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.mkv', '.webm', '.avi', '.mpg', '.mpeg', '.ts']);

/**
 * The names among `names` that look like videos and contain one of the `only` substrings (any when
 * `only` is empty), sorted so runs are in a stable order.
 */
export function selectClips(names: readonly string[], only: readonly string[]): string[] {
  return names
    .filter((name) => VIDEO_EXTENSIONS.has(path.extname(name).toLowerCase()))
    .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
    .sort();
}

/** Absolute paths of the selected clips directly inside `dir`. */
export async function listClips(dir: string, only: readonly string[]): Promise<string[]> {
  const names = await readdir(dir);
  return selectClips(names, only).map((name) => path.resolve(dir, name));
}
