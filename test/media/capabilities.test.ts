import { describe, expect, it } from 'vitest';
import { capabilities } from '../../src/media/capabilities.js';

describe('capabilities', () => {
  it('finds what the bundled ffmpeg has, once', async () => {
    const first = capabilities();
    expect(capabilities()).toBe(first); // cached: probed once per process
    const caps = await first;
    expect(caps.version).not.toBe('unknown');
    expect(caps.encoders).toContain('libx264');
    expect(caps.filters.ssim).toBe(true);
    // A hardware encoder only counts when a real test encode passed; then it is also listed.
    if (caps.hardwareH264) expect(caps.encoders).toContain(caps.hardwareH264);
  });
});
