import { access } from 'node:fs/promises';
import { MediaError } from '../errors.js';

/** Fonts most systems have, in order: Linux (DejaVu, Liberation, Noto), macOS, Windows. */
export const COMMON_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/System/Library/Fonts/Helvetica.ttc',
  '/Library/Fonts/Arial.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

/**
 * The font file titles are drawn with: `COMPRESSOR_FONT` when set (it must exist), else the first
 * of COMMON_FONTS that does. This ffmpeg has no fontconfig, so drawtext needs a file path.
 */
export async function findFont(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = env.COMPRESSOR_FONT;
  const candidates = chosen ? [chosen] : COMMON_FONTS;
  for (const file of candidates) {
    if (await access(file).then(() => true, () => false)) return file;
  }
  const why = chosen ? `COMPRESSOR_FONT names ${chosen}, which does not exist` : 'none of the usual font files is on this machine';
  throw new MediaError('failed', `No font found to draw the title: ${why}.`, { hint: 'Set COMPRESSOR_FONT to a .ttf file.' });
}
