// One lint() of the built library on the files named, timed inside the process: the scaling rows
// compare the engine's time per item across sizes, without Node's start-up in the figure. It prints
// the findings counted by rule id, so the bench can check that each point measured what it names
// (a generated input over a parse budget yields one core/parse-error and a fast, meaningless time).
//   node scripts/bench/lint-once.mjs DIST_INDEX CWD FILE...
import { pathToFileURL } from 'node:url';

const [index, cwd, ...paths] = process.argv.slice(2);
const { lint } = await import(pathToFileURL(index).href);
const start = performance.now();
const result = await lint({ cwd, paths, config: {} });
const ms = performance.now() - start;
const byRule = {};
for (const f of result.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
process.stdout.write(`${JSON.stringify({ ms, findings: result.findings.length, byRule, errors: result.errors.length })}\n`);
