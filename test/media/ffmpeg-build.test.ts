import { describe, expect, it } from 'vitest';
import { isNewer, libavcodecVersion, listHas, versionWord } from '../../src/media/ffmpeg-build.js';

const debian = 'ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\n  libavutil      57. 28.100 / 57. 28.100\n  libavcodec     59. 37.100 / 59. 37.100\n';
const bundled = 'ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/\n  libavcodec     58. 42.100 / 58. 42.100\n';

describe('reading an ffmpeg build', () => {
  it.each([
    [debian, '5.1.9-0+deb12u1', [59, 37, 100]],
    [bundled, 'N-47683-g0e8eb07980-static', [58, 42, 100]],
    ['ffprobe version 6.1 Copyright\n', '6.1', undefined],
    ['not an ffmpeg at all', 'unknown', undefined],
  ])('%#: version word and libavcodec', (text, word, libavcodec) => {
    expect(versionWord(text)).toBe(word);
    expect(libavcodecVersion(text)).toEqual(libavcodec);
  });

  it.each([
    [[59, 37, 100], [58, 42, 100], true],
    [[58, 42, 100], [58, 42, 100], false],
    [[58, 42, 101], [58, 42, 100], true],
    [[58, 9, 0], [58, 42, 100], false],
    [[61, 0, 0], [60, 99, 99], true],
  ])('isNewer(%j, %j) is %s', (a, b, expected) => {
    expect(isNewer(a, b)).toBe(expected);
  });

  it('finds an encoder or filter by its exact name in the list, either spelling of - and _', () => {
    const list = ' V..... libx264              libx264 H.264\n A..... aac                  AAC\n V..... libaom-av1           libaom AV1\n';
    expect(['libx264', 'aac', 'libaom_av1'].map((name) => listHas(list, name))).toEqual([true, true, true]);
    expect(['libx26', 'libsvtav1', 'H.264'].map((name) => listHas(list, name))).toEqual([false, false, false]);
  });
});
