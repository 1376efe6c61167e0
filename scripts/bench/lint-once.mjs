// One lint() of the built library on the files named, timed inside the process: the scaling rows
// compare the engine's time per item across sizes, without Node's start-up in the figure.
//   node scripts/bench/lint-once.mjs DIST_INDEX CWD FILE...
import { pathToFileURL } from 'node:url';

const [index, cwd, ...paths] = process.argv.slice(2);
const { lint } = await import(pathToFileURL(index).href);
const start = performance.now();
const result = await lint({ cwd, paths, config: {} });
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, findings: result.findings.length, errors: result.errors.length })}\n`);
