import { describe, expect, it } from 'vitest';
import { halfBlockLines, kittyPicture, pictureMode, previewLayout, sideBySide, sixelPicture } from '../../src/cli/terminal-picture.js';
import type { RgbImage } from '../../src/media/index.js';

/** A tiny picture from rows of [r, g, b] pixels. */
function image(rows: [number, number, number][][]): RgbImage {
  return { width: rows[0].length, height: rows.length, data: Uint8Array.from(rows.flat(2)) };
}

const R: [number, number, number] = [255, 0, 0];
const G: [number, number, number] = [0, 255, 0];
const B: [number, number, number] = [0, 0, 255];
const K: [number, number, number] = [0, 0, 0];

describe('pictureMode (table)', () => {
  it.each([
    [{ TERM: 'xterm-256color' }, 'half-blocks'],
    [{ TERM: 'xterm-kitty' }, 'kitty'],
    [{ TERM: 'xterm-256color', KITTY_WINDOW_ID: '1' }, 'kitty'],
    [{ TERM_PROGRAM: 'WezTerm' }, 'kitty'],
    [{ TERM: 'xterm-kitty', TMUX: '/tmp/tmux-1000/default,1,0' }, 'half-blocks'],
    [{ TERM: 'foot' }, 'sixel'],
    [{ TERM: 'foot-extra' }, 'sixel'],
    [{ TERM: 'xterm-256color', TERM_PROGRAM: 'iTerm.app' }, 'sixel'],
    [{ TERM: 'foot', TMUX: '/tmp/tmux-1000/default,1,0' }, 'half-blocks'],
    [{ TERM: 'xterm-kitty', NO_COLOR: '1' }, 'none'],
    [{ TERM: 'xterm-256color', NO_COLOR: '' }, 'half-blocks'],
  ] as const)('%j → %s', (env, mode) => {
    expect(pictureMode(env)).toBe(mode);
  });
});

describe('sideBySide', () => {
  it('puts the right picture after a black gap and pads the shorter one black', () => {
    const joined = sideBySide(image([[R], [R]]), image([[G, B]]), 1);
    expect(joined).toEqual(image([[R, K, G, B], [R, K, K, K]]));
  });
});

describe('halfBlockLines (table)', () => {
  const fg = (c: number[]) => `\x1b[38;2;${c.join(';')}m`;
  const bg = (c: number[]) => `\x1b[48;2;${c.join(';')}m`;
  it.each([
    ['one cell: upper pixel as foreground, lower as background', image([[R], [G]]), [`${fg(R)}${bg(G)}▀\x1b[0m`]],
    ['colours are sent only when they change', image([[R, R, B], [G, G, G]]), [`${fg(R)}${bg(G)}▀▀${fg(B)}▀\x1b[0m`]],
    ['an odd last row keeps the terminal background below', image([[R], [G], [B]]), [`${fg(R)}${bg(G)}▀\x1b[0m`, `${fg(B)}\x1b[49m▀\x1b[0m`]],
  ])('%s', (_label, picture, lines) => {
    expect(halfBlockLines(picture)).toEqual(lines);
  });
});

describe('kittyPicture', () => {
  it('sends raw RGB in one escape when it is small, scaled to the columns given', () => {
    const picture = image([[R, G]]);
    expect(kittyPicture(picture, 10)).toBe(`\x1b_Ga=T,f=24,s=2,v=1,c=10,q=2,m=0;${Buffer.from(picture.data).toString('base64')}\x1b\\`);
  });

  it('splits a bigger picture into chunks of 4096 base64 bytes, m=1 on all but the last', () => {
    const picture: RgbImage = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 3).fill(7) };
    const escapes = kittyPicture(picture, 20).split('\x1b\\').filter(Boolean);
    expect(escapes.length).toBe(Math.ceil((64 * 64 * 3 * 4) / 3 / 4096));
    expect(escapes.slice(0, -1).every((e) => /m=1;[A-Za-z0-9+/]{4096}$/.test(e))).toBe(true);
    expect(escapes.at(-1)).toMatch(/^\x1b_Gm=0;/);
    expect(escapes[0]).toMatch(/^\x1b_Ga=T,f=24,s=64,v=64,c=20,q=2,m=1;/);
    expect(Buffer.from(escapes.map((e) => e.slice(e.indexOf(';') + 1)).join(''), 'base64')).toEqual(Buffer.from(picture.data));
  });
});

describe('sixelPicture (table)', () => {
  const red = '#180;2;100;0;0';
  it.each([
    ['one red pixel: its colour from the 6x6x6 cube, one sixel with the top bit', image([[R]]), `\x1bPq"1;1;1;1${red}#180@\x1b\\`],
    ['a run of four or more is compressed', image([[B, B, B, B, B]]), '\x1bPq"1;1;5;1#5;2;0;0;100#5!5@\x1b\\'],
    ['two colours in a band: one pass each, back to the left edge between', image([[R], [G]]), `\x1bPq"1;1;1;2#30;2;0;100;0${red}#180@$#30A\x1b\\`],
    ['seven rows: a full band of six, then the next band', image([[R], [R], [R], [R], [R], [R], [R]]), `\x1bPq"1;1;1;7${red}#180~-#180@\x1b\\`],
    ['near colours snap to the same entry', image([[[250, 3, 2]]]), `\x1bPq"1;1;1;1${red}#180@\x1b\\`],
  ])('%s', (_label, picture, expected) => {
    expect(sixelPicture(picture)).toBe(expected);
  });
});

describe('previewLayout (table)', () => {
  it.each([
    ['half-blocks', 80, 24, { maxPairWidth: 78, maxHeight: 16, gap: 2, perColumn: 1 }],
    ['half-blocks', 120, 9, { maxPairWidth: 118, maxHeight: 8, gap: 2, perColumn: 1 }],
    ['kitty', 80, 24, { maxPairWidth: 624, maxHeight: 128, gap: 16, perColumn: 8 }],
    ['sixel', 80, 24, { maxPairWidth: 624, maxHeight: 128, gap: 16, perColumn: 8 }],
  ] as const)('%s in %d x %d', (mode, columns, rows, expected) => {
    expect(previewLayout(mode, columns, rows)).toEqual(expected);
  });
});
