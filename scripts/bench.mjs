#!/usr/bin/env node
// npm run bench: every figure of issue 13 in one run, each as edgelint ÷ the baseline it is compared
// to, with the goal and ✓/✗. Every measurement is a separate child process; whole-process figures are
// medians of alternating runs (edgelint, baseline, edgelint, …). The inputs are generated here from a
// seed (scripts/bench/generate.mjs) or taken from the repository's examples.
//
//   node scripts/bench.mjs           the full run; writes the table to docs/performance.md and .bench/results.md
//   node scripts/bench.mjs --quick   fewer runs, no 100,000-object rows: for iterating (writes .bench/results.md only)
//   node scripts/bench.mjs --scaling only the scaling rows, every size (writes .bench/results.md only)
//   node scripts/bench.mjs --start   only the start-up rows (single files, the fleet, the installer), full runs (writes .bench/results.md only)
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOSQUITTO_CONF, writeHelmStream } from './bench/generate.mjs';
import { mismatch, SCALING } from './bench/scaling.mjs';
import { alternate, failure, measure } from './bench/measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, '.bench');
// What `edgelint` runs: package.json's bin (dist/cli.cjs).
const cli = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.edgelint);
const index = join(root, 'dist/index.js');
const baselineScript = join(root, 'scripts/bench/baseline.mjs');
const lintOnce = join(root, 'scripts/bench/lint-once.mjs');

const quick = process.argv.includes('--quick');
const scalingOnly = process.argv.includes('--scaling');
const startOnly = process.argv.includes('--start');
const partial = quick || scalingOnly || startOnly;
const plan = quick
  ? { startRuns: 7, streams: [[1000, 3], [10000, 1]], scaling: [1000, 10000], scalingTimeoutMs: 60_000 }
  : { startRuns: 9, streams: [[1000, 5], [10000, 3], [100000, 1]], scaling: [1000, 10000, 100000], scalingTimeoutMs: 2 * 60_000 };
const log = (text) => process.stderr.write(`${text}\n`);

// -------------------------------------------------------------------------------------------------
// Inputs
// -------------------------------------------------------------------------------------------------

function ensureBuilt() {
  if (existsSync(cli) && existsSync(index)) return;
  log('dist/ missing: building');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--no-types'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
}

// A stream is regenerated when the generator changes: the file name carries a hash of it.
const generatorHash = createHash('sha256').update(readFileSync(join(root, 'scripts/bench/generate.mjs'))).digest('hex').slice(0, 8);

function helmStream(n) {
  const file = join(benchDir, `helm-${n}-${generatorHash}.yaml`);
  if (!existsSync(file)) {
    log(`generating ${n.toLocaleString('en')} objects → ${file}`);
    writeHelmStream(`${file}.tmp`, n);
    renameSync(`${file}.tmp`, file);
  }
  return { file, bytes: statSync(file).size };
}

/** The generated 1,000-line installer of issue 13 (scripts/bench/gen-installer.mjs, seeded). */
async function installer(dir) {
  const generator = join(root, 'scripts/bench/gen-installer.mjs');
  if (!existsSync(generator)) return undefined;
  const { generateInstaller } = await import(generator);
  const file = join(dir, 'install.sh');
  writeFileSync(file, generateInstaller({ lines: 1000, seed: 13 }));
  return file;
}

// -------------------------------------------------------------------------------------------------
// The run
// -------------------------------------------------------------------------------------------------

mkdirSync(benchDir, { recursive: true });
ensureBuilt();
// No config file may leak in from the repository: edgelint runs with every rule at its default.
const work = mkdtempSync(join(tmpdir(), 'edgelint-bench-'));
const rows = { start: [], streams: [], scaling: [] };
const notes = [];
const nodeBare = () => measure(['-e', '0'], { cwd: work });

try {
  if (!scalingOnly) await wholeProcesses();
  if (!startOnly) await scalingRows();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function wholeProcesses() {
  // Single files, the example fleet, the installer: whole processes against `node -e 0`.
  const singles = [
    ['one edgecore.yaml', 'edgecore.yaml', join(root, 'examples/fleet/edge/etc/kubeedge/config/edgecore.yaml'), 1.5],
    ['one systemd unit', 'mosquitto.service', join(root, 'examples/fleet/edge/etc/systemd/system/mosquitto.service'), 1.5],
    ['one mosquitto.conf', 'mosquitto.conf', MOSQUITTO_CONF, 1.5],
    ['one Deployment', 'deployment.yaml', join(root, 'examples/fleet/cloud/sensor-agent.yaml'), 1.5],
    [`one install script (${readFileSync(join(root, 'examples/scripted/edge/install.sh'), 'utf8').split('\n').length - 1} lines)`, 'install.sh', join(root, 'examples/scripted/edge/install.sh'), 1.5],
  ];
  for (const [label, name, from, goal] of singles) {
    const dir = mkdtempSync(join(work, 'single-'));
    if (from.startsWith('/')) copyFileSync(from, join(dir, name));
    else writeFileSync(join(dir, name), from);
    log(`start: ${label} ×${plan.startRuns}`);
    const { a, b } = alternate(plan.startRuns, () => measure([cli, name], { cwd: dir }), nodeBare);
    rows.start.push({ label, base: '`node -e 0`', a, b, goal });
  }
  log(`start: the example fleet ×${plan.startRuns}`);
  const fleet = alternate(plan.startRuns, () => measure([cli, '--exit-zero', '--config', 'examples/fleet/.edgelint.yaml', 'examples/fleet'], { cwd: root }), nodeBare);
  rows.start.push({ label: 'the example fleet (`npm start`)', base: '`node -e 0`', ...fleet, goal: 2 });
  const installerDir = mkdtempSync(join(work, 'installer-'));
  const installerFile = await installer(installerDir);
  if (installerFile) {
    log(`start: the generated 1,000-line installer ×${plan.startRuns}`);
    const run = alternate(plan.startRuns, () => measure([cli, 'install.sh'], { cwd: installerDir }), nodeBare);
    rows.start.push({ label: 'a generated 1,000-line installer', base: '`node -e 0`', ...run, goal: 2 });
  } else {
    notes.push('The generated 1,000-line installer: no generator under scripts/bench/ yet.');
  }
  if (startOnly) return;

  // Big streams against yaml's streamed parse with positions.
  for (const [n, runs] of plan.streams) {
    const input = helmStream(n);
    log(`stream: ${n.toLocaleString('en')} objects (${(input.bytes / 2 ** 20).toFixed(1)} MB) ×${runs}`);
    const { a, b } = alternate(
      runs,
      () => measure([cli, '--format', 'json', '-o', '/dev/null', input.file], { cwd: work }),
      () => measure([baselineScript, input.file], { cwd: work }),
    );
    rows.streams.push({ n, bytes: input.bytes, a, b, goal: n >= 10000 ? 0.6 : 1.0 });
  }
}

async function scalingRows() {
  // Scaling rows: the engine's own time (lint() inside one process) at growing sizes.
  for (const [label, { make, expect }] of Object.entries(SCALING)) {
    const points = [];
    for (const n of plan.scaling) {
      const dir = mkdtempSync(join(work, 'scaling-'));
      const files = make(n);
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
      }
      log(`scaling: ${label}, ${n.toLocaleString('en')} items`);
      const r = measure([lintOnce, index, dir, ...Object.keys(files)], { cwd: dir, timeoutMs: plan.scalingTimeoutMs, keepStdout: true });
      rmSync(dir, { recursive: true, force: true });
      const result = r.ok ? JSON.parse(r.stdout.trim().split('\n').pop()) : undefined;
      // A point that did not lint what it names (a parse error, a rule that did not run) measured nothing.
      const wrong = result && mismatch(expect(n), result.byRule);
      points.push({ n, ms: result?.ms, findings: result?.findings, failed: r.ok ? (wrong ? `failed: ${wrong}` : undefined) : failure(r) });
      // A size that failed says enough: the next, ten times larger, would only take longer.
      if (!r.ok || wrong) break;
    }
    rows.scaling.push({ label, points });
  }
}

// -------------------------------------------------------------------------------------------------
// The table
// -------------------------------------------------------------------------------------------------

const ms = (v) => (Number.isFinite(v) ? (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`) : '?');
const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MB` : '?');
const mark = (pass) => (pass ? '✓' : '✗');
const ratioCell = (a, b, goal) => {
  const r = a / b;
  return Number.isFinite(r) ? `${r.toFixed(2)}× ${mark(r <= goal)}` : '?';
};
const lines = [];
const out = (line = '') => lines.push(line);

out(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; ${quick ? '**--quick run**' : scalingOnly ? '**scaling rows only**' : startOnly ? '**start-up rows only**' : 'full run'}, ${new Date().toISOString().slice(0, 10)}.`);
out();
if (!scalingOnly) {
  out(`**Start-up** (whole processes, medians of ${plan.startRuns} alternating runs; CPU = user + system):`);
  out();
  out('| run | edgelint wall | baseline wall | wall ratio | edgelint CPU | baseline CPU | CPU ratio | goal |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows.start) {
    if (!row.a.ok) notes.push(`${row.label}: edgelint failed (${failure(row.a.failure)})`);
    out(`| ${row.label} vs ${row.base} | ${ms(row.a.wallMs)} | ${ms(row.b.wallMs)} | ${ratioCell(row.a.wallMs, row.b.wallMs, row.goal)} | ${ms(row.a.cpuMs)} | ${ms(row.b.cpuMs)} | ${ratioCell(row.a.cpuMs, row.b.cpuMs, row.goal)} | ≤ ${row.goal}× |`);
  }
  out();
}
if (!scalingOnly && !startOnly) {
  out('**Big streams** against yaml\'s streamed parse with positions (`scripts/bench/baseline.mjs`), Helm-shaped, generated with seed 13 (medians of alternating runs):');
  out();
  out('| objects | input | runs | edgelint wall | parse wall | wall ratio | edgelint CPU | parse CPU | CPU ratio | goal | edgelint peak RSS | memory goal |');
  out('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows.streams) {
    if (!row.a.ok) notes.push(`${row.n} objects: edgelint failed (${failure(row.a.failure)})`);
    if (!row.b.ok) notes.push(`${row.n} objects: the parse failed (${failure(row.b.failure)})`);
    const limit = 4 * row.bytes + 100 * 2 ** 20;
    const memory = row.n >= 100000 ? `${mb(row.a.rssBytes)} ${mark(row.a.rssBytes <= limit)}` : mb(row.a.rssBytes);
    out(
      `| ${row.n.toLocaleString('en')} | ${mb(row.bytes)} | ${row.a.runs} | ${ms(row.a.wallMs)} | ${ms(row.b.wallMs)} | ${ratioCell(row.a.wallMs, row.b.wallMs, row.goal)} | ${ms(row.a.cpuMs)} | ${ms(row.b.cpuMs)} | ${ratioCell(row.a.cpuMs, row.b.cpuMs, row.goal)} | ≤ ${row.goal}× | ${memory} | ${row.n >= 100000 ? `≤ ${mb(limit)} (4 × input + 100 MB)` : '—'} |`,
    );
  }
  out();
}
if (!startOnly) {
  out('**Scaling** (time of `lint()` inside one process, `scripts/bench/lint-once.mjs`; goal: time per item at the largest size ≤ 2 × at the smallest):');
  out();
  out(`| items | ${plan.scaling.map((n) => n.toLocaleString('en')).join(' | ')} | per item, largest ÷ smallest | goal |`);
  out(`|---|${plan.scaling.map(() => '---:').join('|')}|---:|---:|`);
  for (const row of rows.scaling) {
    const cells = plan.scaling.map((n) => {
      const p = row.points.find((q) => q.n === n);
      if (!p) return 'not run';
      if (p.failed) return p.failed.startsWith('timed out') ? `> ${ms(plan.scalingTimeoutMs)}` : p.failed.startsWith('failed: ') ? `${p.failed} (${ms(p.ms)})` : 'failed';
      return `${ms(p.ms)} (${((p.ms * 1000) / n).toFixed(0)} µs/item)`;
    });
    const done = row.points.filter((p) => !p.failed);
    const first = done[0];
    const last = done[done.length - 1];
    const complete = done.length === plan.scaling.length;
    const growth = first && last && last !== first ? last.ms / last.n / (first.ms / first.n) : NaN;
    const verdict = complete && Number.isFinite(growth) ? `${growth.toFixed(2)} ${mark(growth <= 2)}` : `${Number.isFinite(growth) ? growth.toFixed(2) : '—'} ✗`;
    for (const p of row.points) if (p.failed && !p.failed.startsWith('timed out') && !p.failed.startsWith('failed: ')) notes.push(`${row.label}, ${p.n} items: ${p.failed}`);
    out(`| ${row.label} | ${cells.join(' | ')} | ${verdict} | ≤ 2 |`);
  }
}
if (notes.length) {
  out();
  for (const note of notes) out(`- ${note}`);
}
const table = `${lines.join('\n')}\n`;
writeFileSync(join(benchDir, 'results.md'), table);
process.stdout.write(table);

if (!partial) {
  // docs/performance.md keeps the last full run between these markers.
  const docs = join(root, 'docs/performance.md');
  const text = readFileSync(docs, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  const block = `${begin}\n${table}${end}`;
  writeFileSync(docs, i !== -1 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n## Last full run\n\n${block}\n`);
  log('wrote docs/performance.md');
}
