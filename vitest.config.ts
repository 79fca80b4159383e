import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Real ffmpeg on 2 cores: more workers than cores only makes every encode slower.
    maxWorkers: 2,
  },
});
