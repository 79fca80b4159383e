import { copyFile, constants, link, rm } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from '../errors.js';
import { cleanFileName, fitFileName, splitName } from './file-names.js';

/** How many " (n)" names to try before giving up. */
const MAX_NAME_TRIES = 1000;

/** The default output name: `<stem>.compressed.<ext>` (the stem cleaned like any outside name). */
export function defaultOutputName(input: string, ext: string): string {
  const [stem] = splitName(cleanFileName(input, 'video'));
  return `${stem}.compressed.${ext.replace(/^\./, '')}`;
}

/**
 * Moves the finished temp file to `name` in `dir` without ever replacing an existing file:
 * `clip.compressed.mp4`, then `clip.compressed (2).mp4`, `(3)`… A hard link claims the name
 * atomically (it fails if the name exists); file systems without links, or a temp file on another
 * disk, get an exclusive copy. Each candidate is cut to the file system's 255-byte limit, stem
 * first. Returns the final path; the temp file is gone afterwards.
 */
export async function placeOutput(tempFile: string, dir: string, name: string): Promise<string> {
  const [stem, ext] = splitName(name);
  try {
    for (let n = 1; n <= MAX_NAME_TRIES; n++) {
      const candidate = path.join(dir, fitFileName(stem, n === 1 ? ext : ` (${n})${ext}`));
      if (await claim(tempFile, candidate)) return candidate;
    }
    throw new MediaError('io', `Could not find a free name for ${name} in ${dir}.`, { hint: 'Clear out old outputs or pick another folder.' });
  } finally {
    await rm(tempFile, { force: true });
  }
}

async function claim(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') {
      throw new MediaError('io', `Could not write ${to} (${code}).`, { hint: 'Check that the output folder is writable.', cause: error });
    }
  }
  try {
    await copyFile(from, to, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    await rm(to, { force: true }); // a half-written copy (disk full) must not be left looking like an output
    throw new MediaError('io', `Could not write ${to}.`, { hint: 'Check that the output folder is writable.', cause: error });
  }
}
