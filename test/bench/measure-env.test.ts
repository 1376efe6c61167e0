/**
 * The bench's start-up ratios compare edgelint with `node -e 0`, each a child of scripts/bench.mjs
 * (scripts/bench/measure.mjs). Node does work at start for some variables of its environment: with
 * NODE_EXTRA_CA_CERTS set to the system's bundle it parsed 144 certificates at every start, most of
 * `node -e 0`'s instructions, and every ratio was taken against that inflated baseline. The children
 * must see only what benchEnv() keeps, whatever the bench itself was started with. No timing here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BENCH_ENV_KEEP, benchEnv, measure } from '../../scripts/bench/measure.mjs';

// Variables that change what Node does while it starts (https://nodejs.org/docs/latest-v20.x/api/cli.html#environment-variables).
const startUp: Record<string, string> = {
  NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
  NODE_OPTIONS: '--no-warnings',
  NODE_V8_COVERAGE: '/nonexistent/coverage',
  NODE_ICU_DATA: '/nonexistent/icu',
  UV_THREADPOOL_SIZE: '64',
  OPENSSL_CONF: '/nonexistent/openssl.cnf',
  NODE_DEBUG: 'module',
};

describe('the environment of measured children', () => {
  const saved = new Map<string, string | undefined>();
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    saved.clear();
  });

  it('keeps only PATH, HOME and TMPDIR', () => {
    expect([...BENCH_ENV_KEEP].sort()).toEqual(['HOME', 'PATH', 'TMPDIR']);
    expect(benchEnv({ PATH: '/bin', HOME: '/root', TMPDIR: '/tmp', ...startUp, LANG: 'C.UTF-8' })).toEqual({ PATH: '/bin', HOME: '/root', TMPDIR: '/tmp' });
    expect(benchEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });

  it('a child measured by the bench sees none of the variables that change start-up', () => {
    for (const [name, value] of Object.entries(startUp)) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
    const dir = mkdtempSync(join(tmpdir(), 'edgelint-measure-env-'));
    try {
      const r = measure(['-e', 'process.stdout.write(JSON.stringify(Object.keys(process.env).sort()))'], { cwd: dir, keepStdout: true });
      expect(r.ok).toBe(true);
      const seen: string[] = JSON.parse(r.stdout);
      // Node itself adds nothing; bash adds a few of its own (PWD, SHLVL, _), none of Node's.
      expect(seen.filter((name) => name in startUp)).toEqual([]);
      expect(seen.filter((name) => /^(NODE_|UV_|OPENSSL_)/.test(name))).toEqual([]);
      expect(seen).toContain('PATH');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
