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

/** Fonts with Chinese, Japanese and Korean glyphs (DejaVu and Helvetica draw them as empty boxes). */
export const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/Hiragino Sans GB.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The font files to try for `text`, best first: `COMPRESSOR_FONT` alone when set; otherwise, for
 * text in Chinese, Japanese or Korean, the CJK fonts before the common ones. Pure.
 */
export function fontCandidates(text: string, env: NodeJS.ProcessEnv): string[] {
  if (env.COMPRESSOR_FONT) return [env.COMPRESSOR_FONT];
  return CJK.test(text) ? [...CJK_FONTS, ...COMMON_FONTS] : COMMON_FONTS;
}

/**
 * The font file a title is drawn with: the first of fontCandidates that exists. This ffmpeg has
 * no fontconfig, so drawtext needs a file path.
 */
export async function findFont(text = '', env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = env.COMPRESSOR_FONT;
  for (const file of fontCandidates(text, env)) {
    if (await access(file).then(() => true, () => false)) return file;
  }
  const why = chosen ? `COMPRESSOR_FONT names ${chosen}, which does not exist` : 'none of the usual font files is on this machine';
  throw new MediaError('failed', `No font found to draw the title: ${why}.`, { hint: 'Set COMPRESSOR_FONT to a .ttf file.' });
}
