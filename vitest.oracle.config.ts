import { defineConfig } from 'vitest/config';

// The oracle runs the real mosquitto broker (scripts/oracle.sh); it needs no build, so no globalSetup.
export default defineConfig({
  test: {
    include: ['test/oracle/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
