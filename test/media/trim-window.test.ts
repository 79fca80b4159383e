import { describe, expect, it } from 'vitest';
import { trimWindow } from '../../src/media/index.js';

describe('trimWindow', () => {
  it.each([
    [{ startSec: 0, endSec: 10 }, 60, 0, 10],
    [{ startSec: 5 }, 60, 5, 60],
    [{ startSec: -30 }, 60, 30, 60],
    [{ startSec: 0, endSec: -5 }, 60, 0, 55],
    [{ startSec: -90 }, 60, 0, 60],
    [{ startSec: 10, endSec: 200 }, 60, 10, 60],
    [{ startSec: 70 }, 60, 70, 60],
  ])('%j in a %i s clip keeps %i to %i', (trim, duration, startSec, endSec) => expect(trimWindow(trim, duration)).toEqual({ startSec, endSec }));
});
