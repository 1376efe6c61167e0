/**
 * A `lint()` result in one output format, with the context every adapter (CLI, Action, library) would
 * otherwise assemble by hand: the rules that ran, edgelint's version, and the linted text for excerpts.
 */
import { resolve } from 'node:path';
import { formatFindings } from '../report/formatters/index.js';
import type { FormatContext, FormatName } from '../report/formatters/index.js';
import { packageVersion, ruleInfos } from './docs.js';
import type { LintResult } from './lint.js';

export interface FormatResultOptions {
  /** The `cwd` given to `lint()`; SARIF's `%SRCROOT%`. Default `process.cwd()`. */
  cwd?: string;
  /** `stylish`: ANSI colour. Default false. */
  color?: boolean;
  /** `stylish`: columns every line fits in. Default 100. */
  width?: number;
}

/**
 * The context the formatters need, built from a result. SARIF's rule help is read from the rule docs.
 * `rules` and `toolVersion` are worked out when a formatter first reads them (JSON, SARIF, JUnit,
 * Markdown): stylish and github read neither, and the rules' docs URLs and edgelint's version come from
 * its package.json, found upward on disk and parsed (~1.5 M instructions of a one-file run, issue #13).
 */
export function resultContext(format: FormatName, result: Pick<LintResult, 'rules' | 'sources'> & Partial<Pick<LintResult, 'deployments'>>, options: FormatResultOptions = {}): FormatContext {
  const context = {
    cwd: resolve(options.cwd ?? process.cwd()),
    rules: undefined as unknown as FormatContext['rules'],
    toolVersion: '',
    readSource: (file: string) => result.sources.get(file),
    color: options.color ?? false,
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(result.deployments ? { deployments: result.deployments } : {}),
  };
  // Rule docs are read from disk only for SARIF, whose reportingDescriptors carry them as help.
  lazyField(context, 'rules', () => ruleInfos(result.rules, { help: format === 'sarif' }));
  lazyField(context, 'toolVersion', packageVersion);
  return context;
}

/** Replaces `key` (keeping its place among the keys) by a value made on first read; a write replaces it. */
function lazyField<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  let value: T[K];
  let made = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!made) {
        value = make();
        made = true;
      }
      return value;
    },
    set: (next: T[K]) => {
      value = next;
      made = true;
    },
  });
}

/**
 * Renders a result as `edgelint -f FORMAT` prints it: `formatResult('sarif', await lint({ paths }))`.
 * Ends with a newline, except `stylish` and `github` with no findings, which are empty.
 */
export function formatResult(format: FormatName, result: Pick<LintResult, 'findings' | 'rules' | 'sources'> & Partial<Pick<LintResult, 'deployments'>>, options: FormatResultOptions = {}): string {
  return formatFindings(format, result.findings, resultContext(format, result, options));
}
