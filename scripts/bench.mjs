#!/usr/bin/env node
// npm run bench: edgelint on generated Helm streams against yaml's own one-document-at-a-time parse,
// Spectral, and `node -e 0` (issue 7, SPEC §7). Every measurement is a separate child process, so
// memory is isolated and each peak RSS is that process's alone. Writes the table to .bench/results.md.
//
//   node scripts/bench.mjs [--sizes 1000,10000,100000] [--runs 3] [--no-spectral] [--spectral-heap MB]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toList } from './bench/to-list.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
const generator = resolve(root, '../shared/bench/gen-helm-stream.mjs');
const cli = join(root, 'dist/cli.js');
const baseline = join(root, 'scripts/bench/baseline.mjs');
const rssPreload = join(root, 'scripts/bench/rss.mjs');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const sizes = option('--sizes', '1000,10000,100000').split(',').map(Number);
// Small sizes are noisy (other work on the machine), large ones are slow and steady: repeat only the small.
const runs = Number(option('--runs', '3'));
const spectralHeapMb = Number(option('--spectral-heap', String(Math.min(16384, Math.floor((totalmem() / 2 ** 20) * 0.7)))));
const CHILD_TIMEOUT_MS = 12 * 60_000;
// Spectral at 100,000 objects may run for a very long time; the whole bench must stay well inside 30 minutes.
const SPECTRAL_TIMEOUT_MS = 6 * 60_000;
const haveTime = existsSync('/usr/bin/time');
const haveTimeout = haveTime && spawnSync('timeout', ['--version'], { stdio: 'ignore' }).status === 0;

const log = (text) => process.stderr.write(`${text}\n`);

// -------------------------------------------------------------------------------------------------
// Measuring one child
// -------------------------------------------------------------------------------------------------

/** Runs `node ...argv` once: wall time, peak RSS, how it ended. */
function measure(argv, { cwd = root, timeout = CHILD_TIMEOUT_MS } = {}) {
  const nodeArgs = [...(haveTime ? [] : ['--import', rssPreload]), ...argv];
  // Killing /usr/bin/time on a timeout would orphan the node process under it: coreutils' timeout
  // kills the measured process itself, and the spawn timeout only backs it up.
  const guard = haveTimeout ? ['timeout', '-s', 'KILL', String(Math.ceil(timeout / 1000))] : [];
  const [command, commandArgs] = haveTime ? ['/usr/bin/time', ['-v', ...guard, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const start = process.hrtime.bigint();
  const child = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', timeout: timeout + 30_000, maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = child.stderr ?? '';
  const rssKb = Number((haveTime ? /Maximum resident set size \(kbytes\): (\d+)/ : /EDGELINT_BENCH_MAXRSS_KB=(\d+)/).exec(stderr)?.[1] ?? NaN);
  const exit = haveTime ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? child.status) : child.status;
  const signalled = haveTime ? /Command terminated by signal (\d+)/.exec(stderr)?.[1] : child.signal;
  const outOfMemory = /heap out of memory|Reached heap limit|allocation failed/i.test(stderr);
  const timedOut = child.error?.code === 'ETIMEDOUT' || (haveTime && guard.length > 0 && exit === 137 && wallMs >= timeout);
  // A lint that finds problems exits 1; anything else (2, a signal, an out-of-memory abort) is a failed run.
  const ok = (exit === 0 || exit === 1) && !signalled && !outOfMemory && !timedOut;
  return { wallMs, rssBytes: rssKb * 1024, exit, signalled, outOfMemory, timedOut, ok, stdout: child.stdout ?? '', stderr };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The fastest of `n` runs for time (least disturbed by the rest of the machine), the largest peak RSS. */
function repeat(n, run) {
  const results = [];
  for (let i = 0; i < n; i++) {
    const r = run();
    results.push(r);
    if (!r.ok) break;
  }
  const ok = results.filter((r) => r.ok);
  if (!ok.length) return results[results.length - 1];
  const fastest = ok.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  return { ...fastest, rssBytes: Math.max(...ok.map((r) => r.rssBytes)) };
}

function failure(what, r) {
  const tail = r.stderr.split('\n').filter((l) => l.trim() && !/^\s+(Command being timed|User time|System time|Percent|Elapsed|Average|Maximum|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status)/.test(l)).slice(-4).join(' | ');
  return `${what} failed (${r.timedOut ? 'timed out' : r.outOfMemory ? 'out of memory' : r.signalled ? `signal ${r.signalled}` : `exit ${r.exit}`}): ${tail}`;
}

// -------------------------------------------------------------------------------------------------
// Inputs and tools
// -------------------------------------------------------------------------------------------------

function ensureBuilt() {
  if (existsSync(cli)) return;
  log('dist/cli.js missing: building');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--no-types'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
}

async function ensureInputs(n) {
  const stream = join(benchDir, `helm-${n}.yaml`);
  const list = join(benchDir, `helm-${n}.list.yaml`);
  if (!existsSync(stream)) {
    if (!existsSync(generator)) throw new Error(`generator not found at ${generator} (expected beside the repository: ../shared/bench/)`);
    log(`generating ${n} objects → ${stream}`);
    const tmp = `${stream}.tmp`;
    const gen = spawnSync(process.execPath, [generator, String(n), tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (gen.status !== 0) throw new Error(`generator failed for ${n}`);
    renameSync(tmp, stream);
  }
  if (!existsSync(list) || statSync(list).mtimeMs < statSync(stream).mtimeMs) {
    const tmp = `${list}.tmp`;
    await toList(stream, tmp);
    renameSync(tmp, list);
  }
  return { stream, list, bytes: statSync(stream).size };
}

function ensureSpectral() {
  if (flag('--no-spectral')) return { skip: 'skipped (--no-spectral)' };
  const prefix = join(benchDir, 'spectral');
  const bin = join(prefix, 'node_modules/@stoplight/spectral-cli/dist/index.js');
  if (!existsSync(bin)) {
    log('installing @stoplight/spectral-cli into .bench/spectral (a bench tool, not a dependency)');
    const install = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', '@stoplight/spectral-cli'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (install.status !== 0 || !existsSync(bin)) return { skip: `skipped: npm install @stoplight/spectral-cli failed (exit ${install.status})` };
  }
  const ruleset = join(benchDir, 'spectral-ruleset.yaml');
  // One rule, close to k8s/edge-pull-policy's "make the pull policy explicit": the cheapest fair comparison.
  writeFileSync(
    ruleset,
    [
      'rules:',
      '  explicit-pull-policy:',
      '    description: Containers set imagePullPolicy',
      '    severity: warn',
      '    given: "$.items[*].spec.template.spec.containers[*]"',
      '    then:',
      '      field: imagePullPolicy',
      '      function: truthy',
      '',
    ].join('\n'),
  );
  let version = '?';
  try {
    version = JSON.parse(readFileSync(join(prefix, 'node_modules/@stoplight/spectral-cli/package.json'), 'utf8')).version;
  } catch {
    // The version is only printed.
  }
  return { bin, ruleset, version };
}

// -------------------------------------------------------------------------------------------------
// The run
// -------------------------------------------------------------------------------------------------

mkdirSync(benchDir, { recursive: true });
ensureBuilt();
const spectral = ensureSpectral();
// No config file may leak in from the repository: edgelint runs with every rule at its default.
const cwd = mkdtempSync(join(tmpdir(), 'edgelint-bench-'));

const rows = [];
for (const n of sizes) {
  const input = await ensureInputs(n);
  const reps = n >= 100_000 ? 1 : runs;
  log(`${n} objects (${(input.bytes / 2 ** 20).toFixed(1)} MB): baseline ×${reps}`);
  const base = repeat(reps, () => measure([baseline, input.stream]));
  log(`${n} objects: edgelint ×${reps}`);
  const lint = repeat(reps, () => measure([cli, '--format', 'json', '-o', '/dev/null', input.stream], { cwd }));
  log(`${n} objects: edgelint on the kind: List form`);
  const lintList = measure([cli, '--format', 'json', '-o', '/dev/null', input.list], { cwd });
  let spec;
  if (spectral.bin) {
    log(`${n} objects: Spectral on the kind: List form (default heap)`);
    const spectralArgs = ['lint', input.list, '--ruleset', spectral.ruleset, '--format', 'json', '--output', join(cwd, 'spectral.json'), '--fail-severity', 'error'];
    spec = { first: measure([spectral.bin, ...spectralArgs], { cwd, timeout: SPECTRAL_TIMEOUT_MS }) };
    if (!spec.first.ok && !spec.first.timedOut) {
      log(`${n} objects: Spectral failed on the default heap; again with --max-old-space-size=${spectralHeapMb}`);
      spec.big = measure([`--max-old-space-size=${spectralHeapMb}`, spectral.bin, ...spectralArgs], { cwd, timeout: SPECTRAL_TIMEOUT_MS });
    }
  }
  rows.push({ n, input, base, lint, lintList, spec });
}

log(`cold start: ${Math.max(10, runs * 5)} runs each, interleaved`);
const small = join(cwd, 'small.yaml');
writeFileSync(small, readFileSync(rows[0].input.stream, 'utf8').split(/^---$/m).filter((d) => /kind: Deployment/.test(d))[0] ?? 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
const nodeTimes = [];
const cliTimes = [];
for (let i = 0; i < Math.max(10, runs * 5); i++) {
  nodeTimes.push(measure(['-e', '0'], { cwd }).wallMs);
  cliTimes.push(measure([cli, 'small.yaml'], { cwd }).wallMs);
}
rmSync(cwd, { recursive: true, force: true });

// -------------------------------------------------------------------------------------------------
// The table
// -------------------------------------------------------------------------------------------------

const s = (ms) => (ms / 1000).toFixed(2);
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(0) : '?');
const ok = (r) => r.ok;
const mark = (pass) => (pass ? '✓' : '✗');
const lines = [];
const out = (line = '') => lines.push(line);

out(`# edgelint bench — ${new Date().toISOString().slice(0, 10)}`);
out();
out(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; wall times of whole child processes (fastest of ${runs} below 100,000 objects, one run at 100,000); peak RSS ${haveTime ? 'from /usr/bin/time -v' : 'from process.resourceUsage()'}; edgelint with every rule on its defaults, Node's default heap.`);
out();
out('| objects | input MB | baseline s | edgelint s | ratio (goal ≤ 1.0) | edgelint µs/object | peak RSS MB | limit 4×input+100 MB | edgelint on List s | Spectral (List) s | Spectral ÷ edgelint |');
out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const notes = [];
for (const row of rows) {
  const { n, input, base, lint, lintList, spec } = row;
  const limit = 4 * input.bytes + 100 * 2 ** 20;
  const ratio = ok(base) && ok(lint) ? lint.wallMs / base.wallMs : NaN;
  if (!ok(base)) notes.push(`${n}: ${failure('baseline', base)}`);
  if (!ok(lint)) notes.push(`${n}: ${failure('edgelint', lint)}`);
  if (!ok(lintList)) notes.push(`${n}: ${failure('edgelint on the List form', lintList)}`);
  let spectralCell = spectral.skip ? '—' : '?';
  let spectralRatio = '—';
  if (spec) {
    if (ok(spec.first)) {
      spectralCell = s(spec.first.wallMs);
      spectralRatio = ok(lint) ? `${(spec.first.wallMs / lint.wallMs).toFixed(1)}×` : '?';
    } else {
      const why = spec.first.timedOut ? `timed out after ${SPECTRAL_TIMEOUT_MS / 60_000} min` : spec.first.outOfMemory ? 'out of memory on the default heap' : `failed (exit ${spec.first.exit})`;
      spectralCell = why;
      notes.push(`${n}: Spectral ${failure('on the default heap', spec.first)}`);
      if (spec.big) {
        if (ok(spec.big)) {
          spectralCell = `${why}; ${s(spec.big.wallMs)} with ${spectralHeapMb} MB heap (peak ${mb(spec.big.rssBytes)} MB)`;
          spectralRatio = ok(lint) ? `${(spec.big.wallMs / lint.wallMs).toFixed(1)}×` : '?';
        } else {
          spectralCell = `${why}; also with ${spectralHeapMb} MB heap`;
          notes.push(`${n}: Spectral ${failure(`with a ${spectralHeapMb} MB heap`, spec.big)}`);
        }
      }
    }
  }
  out(
    `| ${n.toLocaleString('en')} | ${mb(input.bytes)} | ${ok(base) ? s(base.wallMs) : 'failed'} | ${ok(lint) ? s(lint.wallMs) : 'failed'} | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)} ${mark(ratio <= 1)}` : '?'} | ${ok(lint) ? ((lint.wallMs * 1000) / n).toFixed(0) : '?'} | ${mb(lint.rssBytes)} ${mark(ok(lint) && lint.rssBytes <= limit)} | ${mb(limit)} | ${ok(lintList) ? `${s(lintList.wallMs)} (${mb(lintList.rssBytes)} MB)` : lintList.outOfMemory ? 'out of memory' : 'failed'} | ${spectralCell} | ${spectralRatio} |`,
  );
}
out();
const first = rows[0];
const last = rows[rows.length - 1];
if (rows.length > 1 && ok(first.lint) && ok(last.lint)) {
  const perObject = (r) => r.lint.wallMs / r.n;
  const scaling = perObject(last) / perObject(first);
  const baseScaling = ok(first.base) && ok(last.base) ? last.base.wallMs / last.n / (first.base.wallMs / first.n) : NaN;
  out(`Scaling, time per object at ${last.n.toLocaleString('en')} ÷ at ${first.n.toLocaleString('en')}: edgelint **${scaling.toFixed(2)}** ${mark(scaling <= 1.25)} (goal ≈ 1, linear), baseline ${baseScaling.toFixed(2)}.`);
  out();
}
const nodeMedian = median(nodeTimes);
const cliMedian = median(cliTimes);
out(`Cold start, median of ${cliTimes.length}: \`node dist/cli.js small.yaml\` ${cliMedian.toFixed(0)} ms vs \`node -e 0\` ${nodeMedian.toFixed(0)} ms — ratio **${(cliMedian / nodeMedian).toFixed(2)}** ${mark(cliMedian / nodeMedian <= 1.5)} (goal ≤ 1.5).`);
out();
out(`Spectral: ${spectral.skip ?? `@stoplight/spectral-cli ${spectral.version}, one rule (explicit imagePullPolicy), the same objects as one \`kind: List\` document (it rejects multi-document streams), compared with edgelint on the stream.`}`);
if (notes.length) {
  out();
  out('Notes:');
  for (const note of notes) out(`- ${note}`);
}
const table = `${lines.join('\n')}\n`;
writeFileSync(join(benchDir, 'results.md'), table);
process.stdout.write(table);
