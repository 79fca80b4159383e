import { describe, expect, it } from 'vitest';
import { CHECK_FRAMES, checkSubsample, REPORT_FRAMES } from '../../src/media/frame-scores.js';

describe('the frames an output check scores (table)', () => {
  it.each([
    ['a 2 s clip at 25 fps: every frame', 50, 1, 50],
    ['exactly the budget: every frame', 80, 1, 80],
    ['just under two budgets: every frame still, under twice the budget', 159, 1, 159],
    ['30 s at 24 fps: every 9th', 720, 9, 80],
    ['70 s at 24 fps: every 21st', 1691, 21, 81],
    ['an hour at 30 fps: still 80', 108_000, 1350, 80],
  ])('%s', (_, frameCount, every, scored) => {
    expect(checkSubsample(frameCount)).toBe(every);
    expect(Math.ceil(frameCount / every)).toBe(scored);
    expect(scored).toBeLessThan(2 * CHECK_FRAMES);
    expect(scored).toBeGreaterThanOrEqual(Math.min(frameCount, CHECK_FRAMES));
  });
});

describe('the frames a check that only reports scores (table)', () => {
  it.each([
    ['a 1 s clip at 24 fps: every frame', 24, 1],
    ['a 2 s clip at 30 fps: every other frame', 60, 2],
    ['70 s at 24 fps: every 70th', 1691, 70],
  ])('%s', (_, frameCount, every) => {
    expect(checkSubsample(frameCount, REPORT_FRAMES)).toBe(every);
    expect(Math.ceil(frameCount / every)).toBeGreaterThanOrEqual(Math.min(frameCount, REPORT_FRAMES));
    expect(Math.ceil(frameCount / every)).toBeLessThan(2 * REPORT_FRAMES);
  });
});
