import { describe, expect, it } from 'vitest';
import { mergeGoals } from '../../src/goal/index.js';
import type { Goal } from '../../src/goal/index.js';

describe('mergeGoals', () => {
  it.each<[string, Goal, Goal, Goal]>([
    ['keeps the base when the override is empty', { targetBytes: 10_000_000, resolution: 720 }, {}, { targetBytes: 10_000_000, resolution: 720 }],
    ['adds new fields', { targetBytes: 10_000_000 }, { audio: 'mute' }, { targetBytes: 10_000_000, audio: 'mute' }],
    ['lets explicit fields win', { resolution: 1080, codec: 'h264' }, { resolution: 720 }, { resolution: 720, codec: 'h264' }],
    ['replaces a size with a fraction', { targetBytes: 10_000_000 }, { relativeSize: 0.5 }, { relativeSize: 0.5 }],
    ['replaces a fraction with a size', { relativeSize: 0.5, fps: 30 }, { targetBytes: 5_000_000 }, { targetBytes: 5_000_000, fps: 30 }],
    ['replaces a trim whole', { trim: { startSec: 5 } }, { trim: { startSec: 0, endSec: 10 } }, { trim: { startSec: 0, endSec: 10 } }],
    ['ignores undefined fields in the override', { codec: 'h265' }, { codec: undefined }, { codec: 'h265' }],
    [
      'keeps the platform when its values still hold',
      { targetBytes: 10_000_000, platform: 'discord' },
      { resolution: 720 },
      { targetBytes: 10_000_000, platform: 'discord', resolution: 720 },
    ],
    ['drops the platform when its size is overridden', { targetBytes: 10_000_000, platform: 'discord' }, { targetBytes: 50_000_000 }, { targetBytes: 50_000_000 }],
    [
      'takes a new platform with its values',
      { targetBytes: 10_000_000, platform: 'discord' },
      { targetBytes: 16_000_000, platform: 'whatsapp' },
      { targetBytes: 16_000_000, platform: 'whatsapp' },
    ],
  ])('%s', (_name, base, override, merged) => {
    expect(mergeGoals(base, override)).toEqual(merged);
  });

  it('changes neither argument', () => {
    const base: Goal = { targetBytes: 10_000_000, platform: 'discord', trim: { startSec: 1 } };
    const override: Goal = { targetBytes: 20_000_000 };
    mergeGoals(base, override);
    expect(base).toEqual({ targetBytes: 10_000_000, platform: 'discord', trim: { startSec: 1 } });
    expect(override).toEqual({ targetBytes: 20_000_000 });
  });
});
