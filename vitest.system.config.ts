import { defineConfig } from 'vitest/config';

/**
 * `npm run test:system`: the tests that need more than `npm ci` — system tools (systemd's
 * `systemd-analyze` for the unit-file oracle, Debian's `mosquitto` broker for the listener oracle,
 * `pre-commit`, `git`), Microsoft's SARIF validator binary, the external
 * real-file corpus (../shared/corpus or EDGELINT_CORPUS), and whole fresh clones and installs of this
 * repository. .ci/run installs the Debian packages before running it.
 */
export default defineConfig({
  test: {
    include: ['test/system/**/*.test.ts'],
    // Tests that spawn the CLI run the built bundle: build once before the suite.
    globalSetup: ['test/global-setup.ts'],
    // Removes the temporary folders test/temp.ts made, after each file.
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
