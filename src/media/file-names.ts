import path from 'node:path';

/**
 * The most bytes one file name may take: ext4, XFS, btrfs and APFS all stop at 255 bytes of UTF-8
 * (not characters: `日` is three bytes), and fail with ENAMETOOLONG beyond.
 */
export const NAME_MAX_BYTES = 255;

/** The bytes a user-facing name keeps, leaving room for the product's own suffixes (`.compressed`, ` (12)`). */
const CLEAN_NAME_MAX_BYTES = 200;

/** An extension longer than this is not one (`a.<200 letters>`): it is cut like the rest of the name. */
const MAX_EXTENSION_BYTES = 16;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The UTF-8 size of `text`. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * `text` cut to at most `maxBytes` of UTF-8, between whole characters as a reader sees them
 * (graphemes: an accent or an emoji sequence is never split into something unreadable).
 */
export function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let kept = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = byteLength(segment);
    if (used + size > maxBytes) break;
    kept += segment;
    used += size;
  }
  return kept;
}

/**
 * A name from outside (a multipart filename, a URL's path, a node's answer) made safe as one file
 * name: the last path component, no control or format characters (bidi overrides such as U+202E
 * would make `exe.mp4` read as `4pm.exe`), spaces collapsed, and at most 200 bytes with its
 * extension kept. Empty, `.` and `..` become `fallback`.
 */
export function cleanFileName(raw: string | undefined, fallback = 'upload'): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
  const [stem, extension] = splitName(clean);
  const fitted = fitFileName(stem, extension, CLEAN_NAME_MAX_BYTES).trim();
  return fitted === '' || fitted === '.' || fitted === '..' ? fallback : fitted;
}

/**
 * `stem` + `suffix` in at most `maxBytes`, the stem cut first, so the suffix (an extension, or
 * ` (2).mp4`) survives: what makes a long name fit the file system's limit.
 */
export function fitFileName(stem: string, suffix = '', maxBytes: number = NAME_MAX_BYTES): string {
  const cut = truncateBytes(stem, maxBytes - byteLength(suffix));
  return (cut === stem ? stem : cut.trimEnd()) + suffix;
}

/** A name as stem and extension (`.mp4`); an extension too long to be one stays in the stem. */
export function splitName(name: string): [stem: string, extension: string] {
  const extension = path.extname(name);
  if (extension === '' || byteLength(extension) > MAX_EXTENSION_BYTES) return [name, ''];
  return [name.slice(0, -extension.length), extension];
}
