import { defineConfig } from 'vitest/config';

// Timeouts catch hangs, not slowness: a busy 2-core CI machine runs the real encodes several times
// slower. A worker that ends its files on a loaded machine can take longer than the default 10 s to exit.
const patience = { testTimeout: 180_000, hookTimeout: 180_000, teardownTimeout: 60_000 };

export default defineConfig({
  test: {
    // Real ffmpeg on 2 cores: more workers than cores only makes every encode slower.
    maxWorkers: 2,
    projects: [
      { test: { ...patience, name: 'suite', include: ['test/**/*.test.{ts,tsx}'], globalSetup: ['test/global-setup.ts'] } },
      // The media tests once more on the bundled ffmpeg (the suite runs on the one the product picks:
      // the system's where it is newer). The suite's global setup has already set TMPDIR for both.
      { test: { ...patience, name: 'media on the bundled ffmpeg', include: ['test/media/**/*.test.ts'], setupFiles: ['test/helpers/bundled-ffmpeg.ts'] } },
    ],
  },
});
