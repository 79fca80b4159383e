import { describe, expect, it } from 'vitest';
import { PLATFORMS, parseInstruction } from '../../src/goal/index.js';
import { invalidReasons } from './valid-parsed.js';

describe('the platform table', () => {
  it('has a unique id, a label, a checked note and a valid goal on every row', () => {
    expect(new Set(PLATFORMS.map((platform) => platform.id)).size).toBe(PLATFORMS.length);
    for (const platform of PLATFORMS) {
      expect(platform.label).not.toBe('');
      expect(platform.checked).toMatch(/^\d{4}-\d{2}: ./);
      expect(invalidReasons({ intent: 'compress', goal: { ...platform.goal, platform: platform.id }, unknown: [], ambiguities: [] })).toEqual([]);
    }
  });

  it('is reached by the label of every row', () => {
    for (const platform of PLATFORMS) {
      expect(parseInstruction(`make it fit ${platform.label}`).goal.platform, platform.label).toBe(platform.id);
    }
  });
});
