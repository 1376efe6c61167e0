/**
 * The realistic deployment suite (issue #10): each folder under `cases/` is a small repository, written
 * in this project's own words after the facts of real public KubeEdge deployments, and its
 * `expected.txt` lists every finding edgelint must report there — and, by being the whole list, that
 * nothing else may be reported.
 *
 * `expected.txt`, one finding a line (`#` starts a comment):
 *
 *     <file>:<line>:<column> <severity> <rule-id> [~ <text the message must contain>]
 *
 * The file is relative to the case's `repo/` folder, which is copied to a fresh temporary folder with a
 * `.git` marker (so the case is a repository root of its own) and linted from there with default options,
 * as `cd repo && edgelint .` would. Shared by the vitest suite (source engine) and
 * `node test/deployments/suite.mjs` (built engine; prints expected / found / extra per case).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const casesDir = fileURLToPath(new URL('./cases/', import.meta.url));

/** The case folders, sorted. */
export function caseNames() {
  return readdirSync(casesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Parses `expected.txt` into `{ key, contains, lineNo }` entries (`key` = `file:line:col severity rule`). */
export function readExpected(name) {
  const path = join(casesDir, name, 'expected.txt');
  if (!existsSync(path)) throw new Error(`${name}: expected.txt is missing (write an empty one for a clean case)`);
  const entries = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const match = /^(\S+:\d+:\d+) (error|warning|note) (\S+)(?:\s+~\s+(.+))?$/.exec(line);
      if (!match) throw new Error(`${name}/expected.txt:${index + 1}: cannot read "${line}"`);
      entries.push({ key: `${match[1]} ${match[2]} ${match[3]}`, contains: match[4], lineNo: index + 1 });
    });
  return entries;
}

/** The key a finding is compared by. */
export function keyOf(finding) {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`;
}

/** Copies the case's repository to a temporary repository root, lints it with `lint`, removes the copy. */
export async function runCase(name, lint) {
  const dir = mkdtempSync(join(tmpdir(), `edgelint-deployment-${name}-`));
  try {
    cpSync(join(casesDir, name, 'repo'), dir, { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    return await lint({ cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Compares what was found with what was expected: `missing` (expected, not found), `extra` (found, not
 * expected) and `wrongMessage` (found where expected, but without the expected text).
 */
export function compare(expected, findings) {
  const found = new Map();
  for (const finding of findings) {
    const list = found.get(keyOf(finding)) ?? [];
    list.push(finding);
    found.set(keyOf(finding), list);
  }
  const missing = [];
  const wrongMessage = [];
  for (const entry of expected) {
    const list = found.get(entry.key);
    if (!list || list.length === 0) {
      missing.push(entry.key);
      continue;
    }
    const at = entry.contains === undefined ? 0 : list.findIndex((f) => f.message.includes(entry.contains));
    if (at < 0) {
      wrongMessage.push(`${entry.key}: message does not contain "${entry.contains}": ${list.map((f) => f.message).join(' | ')}`);
      list.shift();
    } else list.splice(at, 1);
  }
  const extra = [];
  for (const list of found.values()) for (const finding of list) extra.push(`${keyOf(finding)} ~ ${finding.message}`);
  return { missing, extra, wrongMessage };
}

async function main() {
  const { lint } = await import(new URL('../../dist/index.js', import.meta.url).href);
  let expectedTotal = 0;
  let foundTotal = 0;
  let extraTotal = 0;
  let matchedTotal = 0;
  console.log('case'.padEnd(44) + 'expected  found  extra  missing');
  for (const name of caseNames()) {
    const expected = readExpected(name);
    const result = await runCase(name, lint);
    const { missing, extra } = compare(expected, result.findings);
    const matched = expected.length - missing.length;
    expectedTotal += expected.length;
    foundTotal += result.findings.length;
    extraTotal += extra.length;
    matchedTotal += matched;
    console.log(`${name.padEnd(44)}${String(expected.length).padStart(8)}${String(matched).padStart(7)}${String(extra.length).padStart(7)}${String(missing.length).padStart(9)}`);
    for (const line of missing) console.log(`    missing: ${line}`);
    for (const line of extra) console.log(`    extra:   ${line}`);
  }
  const cases = caseNames().length;
  console.log(`\n${cases} deployments: ${expectedTotal} findings expected, ${matchedTotal} found, ${extraTotal} extra (${foundTotal} reported)`);
  console.log(`recall ${((100 * matchedTotal) / Math.max(1, expectedTotal)).toFixed(1)}%, precision ${((100 * matchedTotal) / Math.max(1, foundTotal)).toFixed(1)}%`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
