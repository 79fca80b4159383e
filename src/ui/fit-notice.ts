import { columns } from './columns.js';

/**
 * A notice on one row: a path long enough to wrap it (a copied output path, an opened folder) is
 * shortened in the middle, keeping its start and its file name, which is what a person reads it
 * by. Widths are counted in terminal columns (a CJK character takes two).
 */

// A path in a notice: from a "/" or "~/" that starts a word, to the next space.
const PATH = /(?<=^|\s)~?\/\S+/g;

/**
 * `text` fitted to `width` columns by shortening its paths, longest first, each no further than
 * its file name needs; a notice of several lines, or one too long without any path, is returned
 * as it is (it wraps, and loses no words). Pure.
 */
export function fitNotice(text: string, width: number): string {
  let over = columns(text) - width;
  if (over <= 0 || text.includes('\n')) return text;
  const paths = [...text.matchAll(PATH)].map((match) => match[0]).sort((a, b) => columns(b) - columns(a));
  let fitted = text;
  for (const path of paths) {
    if (over <= 0) break;
    const short = shortenPath(path, columns(path) - over);
    over -= columns(path) - columns(short);
    fitted = fitted.replace(path, short);
  }
  return fitted;
}

/**
 * `path` in at most `max` columns, cut in the middle of its folders ("/srv/ou…/clip.mp4"); a file
 * name too long for that loses its own middle instead. Pure.
 */
export function shortenPath(path: string, max: number): string {
  if (columns(path) <= max) return path;
  const slash = path.lastIndexOf('/');
  const name = Array.from(path.slice(slash + 1));
  const dir = Array.from(path.slice(0, slash));
  const keep = max - columns(name.join('')) - 2; // "…/" between what is kept of the folders and the name
  if (keep >= 1) return `${head(dir, keep)}…/${name.join('')}`;
  const room = Math.max(4, max - 2);
  const front = Math.ceil((room - 1) / 2);
  return `…/${head(name, front)}…${tail(name, room - 1 - front)}`;
}

/** The most of `chars` from the start that fits in `width` columns. */
function head(chars: readonly string[], width: number): string {
  let taken = '';
  for (const char of chars) {
    if (columns(taken + char) > width) break;
    taken += char;
  }
  return taken;
}

/** The most of `chars` from the end that fits in `width` columns. */
function tail(chars: readonly string[], width: number): string {
  return Array.from(head([...chars].reverse(), width)).reverse().join('');
}
