// What a Chinese sentence may hold in Latin letters: units, codec and format names, metrics, and
// the values it was given (a file's or a platform's name, the user's own words).

/** Units and names that read the same in Chinese text. */
const LATIN_NAMES = ['kbps', 'fps', 'MB', 'KB', 'GB', 'H.264', 'H.265', 'AV1', 'AAC', 'Opus', 'VMAF', 'SSIM', 'CRF', 'MP4', 'WebM', 'MOV', 'MKV', 'HDR', 'SDR', '4K', '4k', 'Discord', 'ffmpeg'];

/**
 * The Latin letters left in `sentence` once the allowed names, sizes such as 1920x1080 or 720p
 * and the `values` it was given are taken out: what a Chinese sentence should not have.
 */
export function strayLatin(sentence: string, values: readonly string[]): string {
  let rest = sentence.replace(/\d+x\d+/g, ' ').replace(/\d+p\b/g, ' ');
  for (const value of [...values].sort((a, b) => b.length - a.length)) if (value !== '') rest = rest.replace(new RegExp(escape(value), 'gi'), ' ');
  for (const name of LATIN_NAMES) rest = rest.replaceAll(name, ' ');
  return (rest.match(/[A-Za-z]+/g) ?? []).join(' ');
}

/** Every string a message gives its wording (nested ones too), leaving out the tags that pick it (code, kind). */
export function stringValues(message: object): string[] {
  return Object.entries(message).flatMap(([key, value]) =>
    key === 'code' || key === 'kind' ? [] : typeof value === 'string' ? [value] : value && typeof value === 'object' ? stringValues(value) : [],
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
