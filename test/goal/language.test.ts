import { describe, expect, it } from 'vitest';
import { instructionLanguage } from '../../src/goal/index.js';

// The language a client words later answers in: the instruction's, its file names left out.

describe('instructionLanguage', () => {
  it.each([
    ['压缩到1MB以内', 'zh'],
    ['压缩到1.5MB以内', 'zh'],
    ['把 trip.mp4 压缩到10MB', 'zh'],
    ['把旅行.mp4压缩到10MB', 'zh'],
    ['make it 720p', 'en'],
    ['make 旅行.mp4 720p', 'en'],
    ['make "我的 旅行.mov" and 海边.MP4, 720p', 'en'],
    ['compress 视频.webm!', 'en'],
  ] as const)('%s → %s', (text, language) => {
    expect(instructionLanguage(text)).toBe(language);
  });
});
