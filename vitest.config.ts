import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // `npm test` needs nothing but `npm ci`: tests that need system tools, the external corpus or whole
    // fresh clones are the system suite (vitest.system.config.ts, `npm run test:system`).
    exclude: ['test/system/**', '**/node_modules/**'],
    // CLI and Action tests spawn the built bundle: build once before the suite.
    globalSetup: ['test/global-setup.ts'],
    // Removes the temporary folders test/temp.ts made, after each file.
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
