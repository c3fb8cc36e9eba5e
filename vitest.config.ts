import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // web/src/**: the web app's component tests; each marks its own environment (happy-dom).
    include: ['test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
