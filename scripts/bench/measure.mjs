// Measuring whole child processes for `npm run bench`: wall time from here, CPU time (user + system,
// every thread) and peak RSS from the kernel's accounting of the finished child (/usr/bin/time), or,
// without /usr/bin/time, from a preload that reports process.resourceUsage() on exit.
//
// /usr/bin/time prints CPU seconds with two decimals: whole 10 ms steps, a quarter of `node -e 0`'s
// 40-50 ms on a fast machine, so one step moved a start-up ratio by ~25%. bash's `time` keyword reads
// the same kernel accounting (getrusage of the children it waited for) and prints milliseconds
// (TIMEFORMAT %3U %3S, bash(1)); it times `timeout` and node, as /usr/bin/time did, and /usr/bin/time
// around bash still gives the peak RSS (the largest descendant's) and the exit code.
//
// Every child runs in the same small environment (benchEnv), edgelint and its baseline alike: Node
// reads variables while it starts, and whatever it does for them is paid by both sides of a ratio.
// NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt, set on the machine the tables come from,
// made Node parse 144 certificates at every start (416 M of `node -e 0`'s 502 M instructions): a
// fixed cost on both sides that pulled every start-up ratio towards 1. NODE_OPTIONS can add flags
// or preloads, NODE_V8_COVERAGE writes coverage at exit, UV_THREADPOOL_SIZE,
// OPENSSL_CONF, NODE_ICU_DATA change what starts. An allowlist rather than a list of those:
// Node grows new ones. The children are started through `env -i NAME=value … command`: Node's
// spawn adds the parent's NODE_V8_COVERAGE to any `env` it is given ("always propagates", so that
// c8 sees children; lib/child_process.js normalizeSpawnArguments), and a bench run under coverage
// would otherwise measure coverage collection on both sides.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const rssPreload = fileURLToPath(new URL('./rss.mjs', import.meta.url));
const haveTime = existsSync('/usr/bin/time');
const haveTimeout = haveTime && spawnSync('timeout', ['--version'], { stdio: 'ignore' }).status === 0;
const haveEnv = existsSync('/usr/bin/env');
const haveBash = haveTime && spawnSync('bash', ['-c', 'time true'], { stdio: 'ignore' }).status === 0;
// `time` reports on bash's stderr after the command; "$@" is the command, as given.
// LC_NUMERIC=C: bash writes the locale's decimal separator.
const bashTime = ['bash', '-c', 'LC_NUMERIC=C; TIMEFORMAT="EDGELINT_BENCH_CPU %3U %3S"; time "$@"', 'bash'];

/** The only variables a measured child sees: what finds `bash`, `timeout` and temporary files. */
export const BENCH_ENV_KEEP = ['PATH', 'HOME', 'TMPDIR'];

/** The environment of every measured child: `from`'s variables named in BENCH_ENV_KEEP, nothing else. */
export function benchEnv(from = process.env) {
  const env = {};
  for (const name of BENCH_ENV_KEEP) if (from[name] !== undefined) env[name] = from[name];
  return env;
}

/**
 * Runs `node ...argv` once, in benchEnv(). `ok` is false when it died (a signal, out of memory, a timeout, an exit
 * other than 0 or 1: a lint that finds problems exits 1).
 */
export function measure(argv, { cwd, timeoutMs = 10 * 60_000, keepStdout = false } = {}) {
  // coreutils' timeout kills the measured process itself; killing /usr/bin/time would orphan it.
  const guard = haveTimeout ? ['timeout', '-s', 'KILL', String(Math.ceil(timeoutMs / 1000))] : [];
  const [command, args] = haveTime
    ? ['/usr/bin/time', ['-f', 'EDGELINT_BENCH %e %U %S %M %x', ...(haveBash ? bashTime : []), ...guard, process.execPath, ...argv]]
    : [process.execPath, ['--import', rssPreload, ...argv]];
  const env = benchEnv();
  const clean = haveEnv ? ['/usr/bin/env', ['-i', ...Object.entries(env).map(([name, value]) => `${name}=${value}`), command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const child = spawnSync(clean[0], clean[1], { cwd, env, encoding: 'utf8', timeout: timeoutMs + 30_000, maxBuffer: 64 * 2 ** 20, stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = child.stderr ?? '';
  let cpuMs = NaN;
  let rssBytes = NaN;
  let exit = child.status;
  if (haveTime) {
    const m = /EDGELINT_BENCH (\S+) (\S+) (\S+) (\d+) (-?\d+)/.exec(stderr);
    if (m) {
      const precise = /EDGELINT_BENCH_CPU (\S+) (\S+)/.exec(stderr);
      cpuMs = precise ? (Number(precise[1]) + Number(precise[2])) * 1000 : (Number(m[2]) + Number(m[3])) * 1000;
      rssBytes = Number(m[4]) * 1024;
      exit = Number(m[5]);
    }
  } else {
    const m = /EDGELINT_BENCH_USAGE=(\{.*\})/.exec(stderr);
    if (m) {
      const usage = JSON.parse(m[1]);
      cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
      rssBytes = usage.maxRSS * 1024;
    }
  }
  const outOfMemory = /heap out of memory|Reached heap limit|allocation failed/i.test(stderr);
  const timedOut = child.error?.code === 'ETIMEDOUT' || (guard.length > 0 && (exit === 137 || /Command terminated by signal 9/.test(stderr)) && wallMs >= timeoutMs);
  const ok = (exit === 0 || exit === 1) && !child.signal && !outOfMemory && !timedOut && !/Command terminated by signal/.test(stderr);
  return { wallMs, cpuMs, rssBytes, exit, ok, timedOut, outOfMemory, stderr, stdout: child.stdout ?? '' };
}

export const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * `runs` alternating runs of two commands (A B A B …), so a drift of the machine's speed hits both
 * alike; the medians of wall and CPU time, and the largest peak RSS of each.
 */
export function alternate(runs, a, b) {
  const results = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    const ra = a();
    results.a.push(ra);
    const rb = b();
    results.b.push(rb);
    if (!ra.ok || !rb.ok) break;
  }
  const summary = (list) => {
    const good = list.filter((r) => r.ok);
    return {
      ok: good.length === list.length && good.length > 0,
      runs: good.length,
      wallMs: median(good.map((r) => r.wallMs)),
      cpuMs: median(good.map((r) => r.cpuMs)),
      rssBytes: good.reduce((max, r) => (Number.isFinite(r.rssBytes) && !(r.rssBytes <= max) ? r.rssBytes : max), NaN),
      failure: list.find((r) => !r.ok),
    };
  };
  return { a: summary(results.a), b: summary(results.b) };
}

/** Why a run failed, in a few words and the last lines it printed. */
export function failure(r) {
  if (!r) return '';
  const tail = r.stderr
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('EDGELINT_BENCH'))
    .slice(-3)
    .join(' | ');
  return `${r.timedOut ? 'timed out' : r.outOfMemory ? 'out of memory' : `exit ${r.exit}`}${tail ? `: ${tail}` : ''}`;
}
