import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default (CPUs − 1) runs the suite in one worker on a 2-core machine, where most test
    // time is spent waiting on spawned CLIs and local servers: two workers there take the whole
    // suite from about 8.5 to 7 minutes (docs/development.md).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/global-setup.ts'],
  },
});
