import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/engine/api/envelope.js';

const now = Date.parse('2026-12-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string | string[] | undefined, number | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['30', 30_000],
    [' 0 ', 0],
    ['604800', 604_800_000],
    [['5', '9'], 5000],
    ['Wed, 02 Dec 2026 10:01:00 GMT', 60_000],
    ['Wed, 02 Dec 2026 09:00:00 GMT', 0],
    ['-5', undefined],
    ['soon', undefined],
  ])('%o → %o ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });
});
