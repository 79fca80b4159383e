import type { RgbImage } from '../media/index.js';

/**
 * Pictures drawn in a terminal. Pure: every function maps pixels (and the environment's words) to
 * text, so each is a table test on a tiny synthetic image.
 */

/** How a terminal can show a picture: kitty's graphics protocol, Unicode half-blocks in 24-bit colour, or not at all. */
export type PictureMode = 'kitty' | 'half-blocks' | 'none';

/**
 * The best mode this environment promises. Kitty's protocol where the terminal says it speaks it
 * (kitty, WezTerm, Ghostty) and no tmux sits between, since tmux drops the protocol's escapes;
 * half-blocks elsewhere, which only need truecolour and survive SSH and tmux; none under NO_COLOR,
 * since a picture is nothing but colour.
 */
export function pictureMode(env: NodeJS.ProcessEnv): PictureMode {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 'none';
  const kitty = env.TERM === 'xterm-kitty' || env.KITTY_WINDOW_ID !== undefined || env.TERM_PROGRAM === 'WezTerm' || env.TERM_PROGRAM === 'ghostty';
  return kitty && env.TMUX === undefined ? 'kitty' : 'half-blocks';
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

/** A typical cell's width in pixels (its height is about twice that): enough detail for kitty to scale down rather than up. */
const KITTY_PIXELS_PER_CELL = 8;

/**
 * How big a source/output pair may be drawn in a terminal of `columns` x `rows` cells: the full width
 * less a two-cell gap, and at most a third of the screen's height (at least four rows), in pixels of
 * the mode (a half-block cell is 1x2 pixels; kitty is given a typical cell's pixels and scales them).
 */
export function previewLayout(mode: Exclude<PictureMode, 'none'>, columns: number, rows: number): { maxPairWidth: number; maxHeight: number; gap: number } {
  const perColumn = mode === 'kitty' ? KITTY_PIXELS_PER_CELL : 1;
  const gap = 2 * perColumn;
  return { maxPairWidth: columns * perColumn - gap, maxHeight: Math.max(4, Math.floor(rows / 3)) * 2 * perColumn, gap };
}
