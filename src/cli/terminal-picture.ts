import type { RgbImage } from '../media/preview-frames.js';

/**
 * Pictures drawn in a terminal. Pure: every function maps pixels (and the environment's words) to
 * text, so each is a table test on a tiny synthetic image.
 */

/** How a terminal can show a picture: kitty's graphics protocol, sixels, Unicode half-blocks in 24-bit colour, or not at all. */
export type PictureMode = 'kitty' | 'sixel' | 'half-blocks' | 'none';

/**
 * The best mode this environment promises, from what terminals say of themselves (asking the terminal
 * would mean reading its reply from stdin mid-run). Kitty's protocol in kitty, WezTerm and Ghostty;
 * sixels in foot, mlterm and iTerm2; neither through tmux, which drops their escapes. Half-blocks
 * elsewhere: they need only truecolour and survive SSH and tmux. None under NO_COLOR, since a picture
 * is nothing but colour.
 */
export function pictureMode(env: NodeJS.ProcessEnv): PictureMode {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'none';
  if (env.TMUX !== undefined) return 'half-blocks';
  if (env.TERM === 'xterm-kitty' || env.KITTY_WINDOW_ID !== undefined || env.TERM_PROGRAM === 'WezTerm' || env.TERM_PROGRAM === 'ghostty') return 'kitty';
  if (env.TERM?.startsWith('foot') || env.TERM === 'mlterm' || env.TERM_PROGRAM === 'iTerm.app') return 'sixel';
  return 'half-blocks';
}

/** `left` and `right` on one canvas with `gap` black columns between; the shorter is padded black at the bottom. */
export function sideBySide(left: RgbImage, right: RgbImage, gap: number): RgbImage {
  const width = left.width + gap + right.width;
  const height = Math.max(left.height, right.height);
  const data = new Uint8Array(width * height * 3);
  for (const [image, x0] of [[left, 0], [right, left.width + gap]] as const) {
    for (let y = 0; y < image.height; y++) {
      data.set(image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3), (y * width + x0) * 3);
    }
  }
  return { width, height, data };
}

/**
 * One line of text per two rows of pixels: '▀' with the upper pixel as foreground and the lower as
 * background, so a terminal cell holds two square-ish pixels. Colours are only sent when they change;
 * each line ends with a reset so nothing bleeds into the next. An odd last row has the terminal's own background below.
 */
export function halfBlockLines(image: RgbImage): string[] {
  const lines: string[] = [];
  const rgb = (x: number, y: number) => {
    const i = (y * image.width + x) * 3;
    return `${image.data[i]};${image.data[i + 1]};${image.data[i + 2]}`;
  };
  for (let y = 0; y < image.height; y += 2) {
    let line = '';
    let fg = '';
    let bg = '';
    for (let x = 0; x < image.width; x++) {
      const top = rgb(x, y);
      const bottom = y + 1 < image.height ? rgb(x, y + 1) : 'default';
      if (top !== fg) line += `\x1b[38;2;${top}m`;
      if (bottom !== bg) line += bottom === 'default' ? '\x1b[49m' : `\x1b[48;2;${bottom}m`;
      fg = top;
      bg = bottom;
      line += '▀';
    }
    lines.push(`${line}\x1b[0m`);
  }
  return lines;
}

/** Bytes of base64 per escape: kitty reads a picture in chunks of at most 4096. */
const KITTY_CHUNK = 4096;

/**
 * The picture in kitty's graphics protocol: raw RGB (f=24), transmitted and shown at once (a=T),
 * scaled by the terminal to `columns` cells wide (the rows follow from its shape), quietly (q=2: no
 * replies on stdin), in chunks with m=1 on all but the last. The cursor ends after the picture's last row.
 */
export function kittyPicture(image: RgbImage, columns: number): string {
  const payload = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64');
  const chunks: string[] = [];
  for (let at = 0; at < payload.length; at += KITTY_CHUNK) chunks.push(payload.slice(at, at + KITTY_CHUNK));
  if (chunks.length === 0) chunks.push('');
  const head = `a=T,f=24,s=${image.width},v=${image.height},c=${columns},q=2`;
  return chunks.map((chunk, i) => `\x1b_G${i === 0 ? `${head},` : ''}m=${i < chunks.length - 1 ? 1 : 0};${chunk}\x1b\\`).join('');
}

/** Levels per channel of the sixel palette: a 6x6x6 cube, 216 colours, no per-picture quantizer needed. */
const SIXEL_LEVELS = 6;

/**
 * The picture as sixels, drawn at its own pixel size: each pixel snapped to a 216-colour cube, then
 * bands of six rows, one pass per colour present in the band (runs of the same sixel compressed as
 * '!n').
 */
export function sixelPicture(image: RgbImage): string {
  const level = (v: number) => Math.round((v / 255) * (SIXEL_LEVELS - 1));
  const colourOf = (x: number, y: number) => {
    const i = (y * image.width + x) * 3;
    return (level(image.data[i]) * SIXEL_LEVELS + level(image.data[i + 1])) * SIXEL_LEVELS + level(image.data[i + 2]);
  };
  const percent = (l: number) => Math.round((l / (SIXEL_LEVELS - 1)) * 100);
  const used = new Set<number>();
  const bands: string[] = [];
  for (let y0 = 0; y0 < image.height; y0 += 6) {
    const rows = Math.min(6, image.height - y0);
    const masks = new Map<number, number[]>();
    for (let x = 0; x < image.width; x++) {
      for (let k = 0; k < rows; k++) {
        const colour = colourOf(x, y0 + k);
        if (!masks.has(colour)) masks.set(colour, new Array<number>(image.width).fill(0));
        (masks.get(colour) as number[])[x] |= 1 << k;
      }
    }
    const passes = [...masks].map(([colour, mask]) => {
      used.add(colour);
      return `#${colour}${runs(mask.map((bits) => String.fromCharCode(63 + bits)))}`;
    });
    bands.push(passes.join('$'));
  }
  const palette = [...used].sort((a, b) => a - b).map((c) => {
    const [r, g, b] = [Math.floor(c / SIXEL_LEVELS ** 2), Math.floor(c / SIXEL_LEVELS) % SIXEL_LEVELS, c % SIXEL_LEVELS];
    return `#${c};2;${percent(r)};${percent(g)};${percent(b)}`;
  });
  return `\x1bPq"1;1;${image.width};${image.height}${palette.join('')}${bands.join('-')}\x1b\\`;
}

/** Sixel characters with runs of four or more written as '!n' and the character. */
function runs(chars: string[]): string {
  let out = '';
  for (let i = 0; i < chars.length; ) {
    let n = 1;
    while (chars[i + n] === chars[i]) n++;
    out += n >= 4 ? `!${n}${chars[i]}` : chars[i].repeat(n);
    i += n;
  }
  return out;
}

/**
 * A typical cell's width in pixels (its height is about twice that): kitty scales the picture to the
 * columns it is given; a sixel picture is drawn at its own size, and few terminals have narrower cells.
 */
const PIXELS_PER_CELL = 8;

/**
 * How big a source/output pair may be drawn in a terminal of `columns` x `rows` cells: the full width
 * less a two-cell gap, and at most a third of the screen's height (at least four rows), in pixels of
 * the mode (a half-block cell is 1x2 pixels; kitty and sixels get a typical cell's pixels), and how
 * many pixels make one column.
 */
export function previewLayout(mode: Exclude<PictureMode, 'none'>, columns: number, rows: number): { maxPairWidth: number; maxHeight: number; gap: number; perColumn: number } {
  const perColumn = mode === 'half-blocks' ? 1 : PIXELS_PER_CELL;
  const gap = 2 * perColumn;
  return { maxPairWidth: columns * perColumn - gap, maxHeight: Math.max(4, Math.floor(rows / 3)) * 2 * perColumn, gap, perColumn };
}
