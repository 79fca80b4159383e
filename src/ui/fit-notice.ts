/**
 * A notice on one row: a path long enough to wrap it (a copied output path, an opened folder) is
 * shortened in the middle, keeping its start and its file name, which is what a person reads it
 * by. Widths are counted in code points, as the line editor counts them.
 */

// A path in a notice: from a "/" or "~/" that starts a word, to the next space.
const PATH = /(?<=^|\s)~?\/\S+/g;

/**
 * `text` fitted to `width` columns by shortening its paths, longest first, each no further than
 * its file name needs; a notice of several lines, or one too long without any path, is returned
 * as it is (it wraps, and loses no words). Pure.
 */
export function fitNotice(text: string, width: number): string {
  let over = length(text) - width;
  if (over <= 0 || text.includes('\n')) return text;
  const paths = [...text.matchAll(PATH)].map((match) => match[0]).sort((a, b) => length(b) - length(a));
  let fitted = text;
  for (const path of paths) {
    if (over <= 0) break;
    const short = shortenPath(path, length(path) - over);
    over -= length(path) - length(short);
    fitted = fitted.replace(path, short);
  }
  return fitted;
}

/**
 * `path` in at most `max` columns, cut in the middle of its folders ("/srv/ou…/clip.mp4"); a file
 * name too long for that loses its own middle instead. Pure.
 */
export function shortenPath(path: string, max: number): string {
  const chars = Array.from(path);
  if (chars.length <= max) return path;
  const slash = path.lastIndexOf('/');
  const name = Array.from(path.slice(slash + 1));
  const dir = Array.from(path.slice(0, slash));
  const keep = max - name.length - 2; // "…/" between what is kept of the folders and the name
  if (keep >= 1) return `${dir.slice(0, keep).join('')}…/${name.join('')}`;
  const room = Math.max(4, max - 2);
  const head = Math.ceil((room - 1) / 2);
  return `…/${name.slice(0, head).join('')}…${name.slice(name.length - (room - 1 - head)).join('')}`;
}

function length(text: string): number {
  return Array.from(text).length;
}
