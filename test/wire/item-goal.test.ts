import { describe, expect, it } from 'vitest';
import type { Goal } from '../../src/goal/types.js';
import { itemGoal, sizeCap, type Segment } from '../../src/wire/index.js';

// The one per-item rule the client, the node's agent, its renders and the planner share, by table.
const segment = (s: number, d: number, goal?: Goal): Segment => ({ id: 'sg', src: 'm', s, d, m: goal ? { goal } : {} });

describe('itemGoal', () => {
  it.each<[string, Goal, Segment, { sizeBytes?: number; durationSec?: number }, Goal]>([
    ['the output goal when the item has none', { resolution: 720, audio: 'mute' }, segment(0, 10_000), { durationSec: 10 }, { resolution: 720, audio: 'mute' }],
    ['its own size replaces both size fields of the output', { relativeSize: 0.5 }, segment(0, 10_000, { targetBytes: 8e6 }), {}, { targetBytes: 8e6 }],
    ['its own sound wins over the shared mute', { audio: 'mute' }, segment(0, 10_000, { audio: 'keep' }), {}, { audio: 'keep' }],
    ['a relative size becomes bytes once the size is known, the smaller cap winning', { relativeSize: 0.5, targetBytes: 3e6 }, segment(0, 10_000), { sizeBytes: 4e6 }, { relativeSize: 0.5, targetBytes: 2e6 }],
    ['a window inside the source is a trim in seconds', {}, segment(12_000, 10_000), { durationSec: 60 }, { trim: { startSec: 12, endSec: 22 } }],
    ['a window to the end (ms rounded) has no end', {}, segment(7023, 3000), { durationSec: 10.0234 }, { trim: { startSec: 7.023 } }],
    ['the whole source is no trim', {}, segment(0, 10_023), { durationSec: 10.0234 }, {}],
  ])('%s', (_name, output, item, source, expected) => {
    expect(itemGoal(output, item, source)).toEqual(expected);
  });
});

describe('sizeCap', () => {
  it.each<[Goal, number | undefined, number | undefined]>([
    [{}, 1e6, undefined],
    [{ targetBytes: 5e6 }, undefined, 5e6],
    [{ relativeSize: 0.5 }, undefined, undefined],
    [{ relativeSize: 0.5 }, 1_000_001, 500_000],
    [{ relativeSize: 0.5, targetBytes: 100 }, 1e6, 100],
  ])('%j of %s bytes → %s', (goal, sizeBytes, cap) => {
    expect(sizeCap(goal, sizeBytes)).toBe(cap);
  });
});
