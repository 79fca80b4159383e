import { describe, expect, it } from 'vitest';
import { byteLength, cleanFileName, fitFileName, NAME_MAX_BYTES, truncateBytes } from '../../src/media/file-names.js';

describe('cleanFileName', () => {
  it.each([
    ['trip.mp4', 'trip.mp4'],
    ['../../etc/passwd', 'passwd'],
    ['/abs/path/clip.mov', 'clip.mov'],
    ['C:\\Users\\me\\clip.avi', 'clip.avi'],
    ['..', 'upload'],
    ['', 'upload'],
    [undefined, 'upload'],
    ['vidéo 🎬 日本.mkv', 'vidéo 🎬 日本.mkv'],
    ['evil\u202Egpj.mp4', 'evilgpj.mp4'],
    ['a\u2066b\u2069c\u200Fd.mp4', 'abcd.mp4'],
    ['new\nline\u0000.mp4', 'newline.mp4'],
    ['  spaced \t out .mp4', 'spaced out .mp4'],
    ['cafe\u0301.mp4', 'café.mp4'],
  ])('%o → %o', (raw, shown) => {
    expect(cleanFileName(raw)).toBe(shown);
  });

  it('caps a name by bytes, keeping its extension and whole characters', () => {
    const name = cleanFileName(`${'日'.repeat(120)}.mp4`);
    expect(byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^日+\.mp4$/);
    expect(cleanFileName(`${'a'.repeat(300)}`)).toBe('a'.repeat(200));
  });
});

describe('truncateBytes and fitFileName', () => {
  it.each([
    ['abc', 2, 'ab'],
    ['日本', 5, '日'],
    ['🎬x', 3, ''],
    ['👨‍👩‍👧 family', 4, ''],
    ['e\u0301e', 2, ''],
  ])('truncateBytes(%o, %i) → %o (never half a character)', (text, max, cut) => {
    expect(truncateBytes(text, max)).toBe(cut);
  });

  it('cuts the stem so the suffix survives, within the file system limit', () => {
    const stem = 'é'.repeat(200);
    const fitted = fitFileName(stem, ' (12).compressed.mp4');
    expect(byteLength(fitted)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    expect(fitted.endsWith('é (12).compressed.mp4')).toBe(true);
    expect(fitFileName('short', '.mp4')).toBe('short.mp4');
  });
});
