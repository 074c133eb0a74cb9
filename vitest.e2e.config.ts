import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension in Debian's Chromium; one at a time (2 cores).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
