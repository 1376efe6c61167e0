#!/usr/bin/env node
/**
 * The command line: argv → lint() → a formatter → an exit code (SPEC §4, §6).
 * 0: no finding at or above the fail level; 1: findings; 2: usage, config or internal error.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SEVERITY_RANK } from './core/finding.js';
import type { Finding, Severity } from './core/finding.js';
import { ConfigError } from './config/config.js';
import { UsageError } from './engine/discover.js';
import { packageVersion, ruleDoc } from './engine/docs.js';
import { lint, UNKNOWN_KIND_NOTICE } from './engine/lint.js';
import { resultContext } from './engine/format-result.js';
import { lintedFiles, unmatchedPatterns } from './engine/unmatched.js';
import type { LintOptions } from './engine/lint.js';
import { FORMAT_NAMES, formatFindings, formatJsonChunks, formatSarifChunks, isFormatName } from './report/formatters/index.js';
import { builtinRules } from '../rules/index.js';
import { renderRuleList } from './report/rule-list.js';
import { singleLine } from './core/printable.js';
import { parseCommandLine } from './cli-args.js';
import { stderr, stdout } from './cli-output.js';
import { optimizationDelay } from './core/run-shape.js';
import { delayOptimization, delayOptimizationIfV8Loads } from './core/v8-flags.js';

const HELP = `Usage: edgelint [options] [paths...]
       edgelint rules [--format text|markdown|json]
       edgelint explain RULE

Lints KubeEdge deployments: rendered Helm output and manifests, edgecore.yaml, systemd units,
mosquitto.conf and install scripts, read together as one model of each class of node.

Paths are files, directories (walked, honouring .gitignore) or globs; "-" reads standard input.
With no paths: the current directory. Each file is linted with the nearest .edgelint.yaml above
it, and the files under one config form one deployment (one model); see "deployments" there.

Options:
  -f, --format NAME        ${FORMAT_NAMES.join(' | ')} (default: stylish)
  -o, --output-file FILE   write the report to FILE instead of standard output
  -c, --config FILE        use this config for everything given, as one deployment
      --fail-on LEVEL      error | warning: lowest severity that fails the run (default: error)
      --max-warnings N     fail when there are more than N warnings
      --exit-zero          exit 0 even with findings (usage and internal errors still exit 2)
      --stdin-filename N   name (and kind) of the file read from "-"
      --changed            report only on the given paths; load the whole deployment of each
                           so cross-file rules still work
      --fix                apply safe fixes to the files, then report what is left
      --fix-dry-run        print the fixes as a unified diff; change nothing
      --max-file-size N    bytes; larger files are reported, not read (default 268435456)
      --no-error-on-unmatched-pattern
                           exit 0, not 2, when a path or glob leads to no file edgelint lints
      --color / --no-color colour in stylish output (default: when standard output is a terminal;
                           NO_COLOR and FORCE_COLOR are honoured)
      --debug              print stack traces of internal errors
  -h, --help               show this help
  -v, --version            print the version
`;

class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function exitCode(findings: Finding[], failOn: Severity, maxWarnings: number | undefined): number {
  const failing = findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return failing || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    // One line, what is wrong and what to do, as every other usage error (Node's parseArgs capitalises).
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '');
    throw new ExitError(`${message.charAt(0).toLowerCase()}${message.slice(1)}; "edgelint --help" lists the options`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    stdout.write(`${packageVersion()}\n`);
    return 0;
  }

  const format = values.format ?? 'stylish';
  if (positionals[0] === 'rules') {
    const listFormat = format === 'stylish' ? 'text' : format;
    if (!['text', 'markdown', 'json'].includes(listFormat)) throw new ExitError(`rules: unknown --format "${format}" (text | markdown | json)`, 2);
    return output(renderRuleList(builtinRules, listFormat as 'text' | 'markdown' | 'json'), values['output-file']);
  }
  if (positionals[0] === 'explain') {
    const id = positionals[1];
    if (!id) throw new ExitError('explain: name a rule, e.g. "edgelint explain node/image-drift"', 2);
    const rule = builtinRules.find((r) => r.id === id);
    if (!rule) {
      const near = builtinRules.filter((r) => r.id.includes(id.split('/').pop() ?? id)).map((r) => r.id);
      throw new ExitError(`explain: unknown rule "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; "edgelint rules" lists them`, 2);
    }
    const doc = ruleDoc(id) ?? '';
    return output(`${rule.id} (${rule.severity}${rule.recommended ? ', recommended' : ''}${rule.fixable ? ', fixable' : ''})\n${rule.description}.\n\nHow to fix: ${rule.remediation}\n\n${doc.replace(/^# .*\n+/, '')}`, values['output-file']);
  }

  if (!isFormatName(format)) throw new ExitError(`unknown --format "${format}"; expected one of ${FORMAT_NAMES.join(', ')}`, 2);
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') throw new ExitError(`--fail-on must be "error" or "warning", not "${failOn}"`, 2);
  const maxWarnings = parseCount(values['max-warnings'], '--max-warnings');
  const maxFileSize = parseCount(values['max-file-size'], '--max-file-size');
  if (values.fix && values['fix-dry-run']) throw new ExitError('--fix and --fix-dry-run cannot be used together', 2);

  const cwd = process.cwd();
  const options: LintOptions = { cwd, config: values.config, maxFileSize };
  const paths = positionals.filter((p) => p !== '-');
  // Without "-" the name would be dropped and the current directory linted in its place.
  if (values['stdin-filename'] !== undefined && !positionals.includes('-')) throw new ExitError('--stdin-filename names the file read from "-", and no "-" was given; add "-" to read standard input', 2);
  if (positionals.includes('-')) {
    if (values.fix) throw new ExitError('--fix cannot write to standard input; use --fix-dry-run', 2);
    options.files = [{ path: values['stdin-filename'] ?? '<stdin>.yaml', content: await readStdin() }];
    if (paths.length || values.changed) options.paths = values.changed ? [] : paths;
  } else if (values.changed) {
    options.changed = paths;
  } else if (paths.length) {
    options.paths = paths;
  }
  if (values.changed && positionals.includes('-')) options.changed = [options.files![0].path];

  // A directory walk, a script of some size or standard input: a short run of much code, where
  // TurboFan's compiles cost more than they save (src/core/v8-flags.ts). Runs of files without a
  // script, and of scripts under 4 KB, skip loading node:v8 (src/core/run-shape.ts).
  const delay = optimizationDelay(argv);
  if (delay === 'now') await delayOptimization();
  else if (delay === 'if-v8-loads') delayOptimizationIfV8Loads();
  let result = await lint(options);
  // --changed names what a commit touched, not what to lint; pre-commit already skips empty runs.
  const unmatched = values.changed || values['no-error-on-unmatched-pattern'] ? undefined : unmatchedError(paths, result, cwd);
  if (unmatched) {
    const stdinName = options.files?.[0]?.path;
    // Only a kind edgelint does not read is stdinUnread's to explain; a notice that says more (an
    // unrendered Helm template, a name the config excludes) is printed as it is.
    const unknownKindOnly = result.notices.length > 0 && result.notices.every((notice) => notice.endsWith(`: ${UNKNOWN_KIND_NOTICE}`));
    if (stdinName !== undefined && !paths.length && unknownKindOnly) throw new ExitError(stdinUnread(values['stdin-filename']), 2);
    for (const notice of result.notices) stderr.write(`edgelint: ${singleLine(notice)}\n`);
    throw new ExitError(unmatched, 2);
  }
  if (values.fix || values['fix-dry-run']) {
    // Loaded only for --fix/--fix-dry-run (issue #13): with the diff library it is code a lint run never calls.
    const { applyFixes } = await import('./engine/fix.js');
    const fixed = applyFixes(result, { write: Boolean(values.fix), cwd });
    for (const { file, reason } of fixed.skipped) stderr.write(`edgelint: not fixing ${singleLine(file)}: ${singleLine(reason)}\n`);
    if (values['fix-dry-run']) {
      stdout.write(fixed.diff);
      return fixed.applied > 0 ? 1 : 0;
    }
    if (fixed.applied > 0) result = await lint(options);
    stderr.write(`edgelint: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'} in ${fixed.files.length} file${fixed.files.length === 1 ? '' : 's'}\n`);
  }
  for (const notice of result.notices) stderr.write(`edgelint: ${singleLine(notice)}\n`);
  if (result.errors.length) {
    for (const error of result.errors) stderr.write(`edgelint: internal error: ${values.debug ? error : singleLine(error.split('\n')[0])}\n`);
  }
  const context = resultContext(format, result, {
    cwd,
    color: useColor(values['no-color'] ? false : values.color, Boolean(values['output-file'])),
    // A terminal's real width; a pipe, a file or a CI log gets the formatter's 100.
    width: values['output-file'] ? undefined : stdout.columns,
  });
  // JSON and SARIF are streamed: a report of 100,000 findings is never held as one string.
  if (format === 'json') await outputChunks(formatJsonChunks(result.findings, context), values['output-file']);
  else if (format === 'sarif') await outputChunks(formatSarifChunks(result.findings, context), values['output-file']);
  else output(formatFindings(format, result.findings, context), values['output-file']);
  if (result.errors.length) return 2;
  return values['exit-zero'] ? 0 : exitCode(result.findings, failOn, maxWarnings);
}

/**
 * --color / --no-color win; then FORCE_COLOR and NO_COLOR, in Node's own order (FORCE_COLOR "0" or
 * "false" turns colour off, any other value on, and it overrides NO_COLOR; a non-empty NO_COLOR turns it
 * off, https://no-color.org); then whether standard output is a terminal that has colours. Neither
 * variable colours a report written with -o: a file has no terminal to read escapes.
 */
function useColor(flag: boolean | undefined, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  if (toFile) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (process.env.NO_COLOR) return false;
  return stdout.hasColors();
}

/** ESLint's convention: a pattern that leads to no linted file, or a run that lints none, is exit 2. */
function unmatchedError(paths: string[], result: Awaited<ReturnType<typeof lint>>, cwd: string): string | undefined {
  const hint = '; --no-error-on-unmatched-pattern allows this';
  const linted = lintedFiles(result);
  const unmatched = unmatchedPatterns(paths, linted, cwd);
  if (unmatched.length) return `no files matched ${unmatched.map((p) => JSON.stringify(p)).join(', ')}${hint}`;
  if (linted.length === 0) return `no files matched: no file edgelint can lint was found${hint}`;
  return undefined;
}

/** Standard input that is no file edgelint reads: say so once, and how to name its kind. */
function stdinUnread(name: string | undefined): string {
  const how = '--stdin-filename gives its name and so its kind (edgecore.yaml, mosquitto.service, install.sh)';
  if (name === undefined) return `standard input, read as YAML, is no Kubernetes object or edgecore config; ${how}`;
  return `standard input (${singleLine(name)}) is not a file edgelint knows how to read; ${how}`;
}

function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ExitError(`${flag} takes a whole number, not "${value}"`, 2);
  return Number(value);
}

async function outputChunks(chunks: Iterable<string>, file: string | undefined): Promise<void> {
  let fd: number | undefined;
  try {
    fd = file ? openSync(createParent(file), 'w') : undefined;
    let buffer = '';
    const flush = async () => {
      if (fd !== undefined) writeSync(fd, buffer);
      else if (!stdout.write(buffer)) await stdout.drained();
      buffer = '';
    };
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= 1 << 20) await flush();
    }
    await flush();
  } catch (error) {
    throw new ExitError(`cannot write ${file ?? 'standard output'}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 2);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `-o reports/x/edgelint.sarif` in a fresh CI checkout: the folders are made, as the Action does. */
function createParent(file: string): string {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  return target;
}

function output(text: string, file: string | undefined): number {
  if (file) {
    try {
      writeFileSync(createParent(file), text);
    } catch (error) {
      throw new ExitError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 2);
    }
  } else if (text) {
    stdout.write(text);
  }
  return 0;
}

/**
 * A failed write to standard output (`edgelint . | head -c1` gives EPIPE, `> /dev/full` ENOSPC) is
 * kept in stdout.error (src/cli-output.ts), never a stack trace or exit 1. A reader that closed the
 * pipe has all it wanted: the run ends quietly. Any other failure is exit 2 with one line. Errors of
 * standard error are kept and ignored: nothing is left to tell the user once it is gone.
 */
function writeFailure(): string | undefined {
  const error = stdout.error;
  if (!error || error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return undefined;
  return `cannot write standard output: ${error.code ?? error.message}`;
}

const debug = process.argv.includes('--debug');
main(process.argv.slice(2)).then(
  async (code) => {
    await stdout.settled();
    const failure = writeFailure();
    if (failure) stderr.write(`edgelint: ${failure}\n`);
    process.exitCode = failure ? 2 : code;
  },
  (error: unknown) => {
    if (error instanceof ExitError || error instanceof UsageError || error instanceof ConfigError) {
      // Every line its own `edgelint:` prefix: a config key with a line break cannot start a line.
      stderr.write(`${error.message.split(/\r\n|\r|\n/).map((line) => `edgelint: ${singleLine(line)}`).join('\n')}\n`);
    } else {
      stderr.write(`edgelint: internal error: ${debug ? (error as Error)?.stack ?? String(error) : singleLine((error as Error)?.message ?? String(error))}\n`);
    }
    process.exitCode = 2;
  },
);
