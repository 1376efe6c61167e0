import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The broker oracle needs the Debian mosquitto package; .ci/run installs it and runs scripts/oracle.sh.
    exclude: ['test/oracle/**', '**/node_modules/**'],
    // CLI and Action tests spawn the built bundle: build once before the suite.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
