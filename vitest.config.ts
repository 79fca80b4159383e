import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    // Timeouts catch hangs, not slowness: a busy 2-core CI machine runs the real encodes several times slower.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // A worker that ends its files on a loaded machine can take longer than the default 10 s to exit.
    teardownTimeout: 60_000,
    // Real ffmpeg on 2 cores: more workers than cores only makes every encode slower.
    maxWorkers: 2,
  },
});
