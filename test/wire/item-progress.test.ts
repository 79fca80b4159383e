import { describe, expect, it } from 'vitest';
import { itemFractions, itemsNotStarted, overallPercent, type ItemProgress } from '../../src/wire/item-progress.js';

const item = (status: ItemProgress['status'], progress: number): ItemProgress => ({ status, progress });

describe('itemFractions', () => {
  it.each<[string, { progress: number; items?: ItemProgress[] }, number, ReturnType<typeof itemFractions>]>([
    ['the cloud (no items): every job the overall fraction', { progress: 40 }, 2, [{ started: true, fraction: 0.4 }, { started: true, fraction: 0.4 }]],
    ['each item its own', { progress: 55, items: [item('completed', 100), item('processing', 10)] }, 2, [{ started: true, fraction: 1 }, { started: true, fraction: 0.1 }]],
    ['an item not started waits', { progress: 20, items: [item('processing', 60), item('pending', 0), item('pending', 0)] }, 3, [{ started: true, fraction: 0.6 }, { started: false }, { started: false }]],
    ['a completed item is whole whatever its number says', { progress: 50, items: [item('completed', 97), item('processing', 3)] }, 2, [{ started: true, fraction: 1 }, { started: true, fraction: 0.03 }]],
    ['items that do not match the jobs: the overall fraction', { progress: 30, items: [item('processing', 90)] }, 2, [{ started: true, fraction: 0.3 }, { started: true, fraction: 0.3 }]],
  ])('%s', (_name, status, count, expected) => {
    expect(itemFractions(status, count)).toEqual(expected);
  });
});

describe('overallPercent', () => {
  it.each<[string, ItemProgress[], number]>([
    ['nothing to make', [], 0],
    ['none started', itemsNotStarted(3), 0],
    ['the first half done of two', [item('processing', 50), item('pending', 0)], 25],
    ['one made, one halfway', [item('completed', 100), item('processing', 50)], 75],
    ['a completed item counts whole', [item('completed', 0), item('pending', 0)], 50],
    ['all made', [item('completed', 100), item('completed', 100)], 100],
  ])('%s', (_name, items, percent) => {
    expect(overallPercent(items)).toBe(percent);
  });
});
