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

/** The context the formatters need, built from a result. SARIF's rule help is read from the rule docs. */
export function resultContext(format: FormatName, result: Pick<LintResult, 'rules' | 'sources'> & Partial<Pick<LintResult, 'deployments'>>, options: FormatResultOptions = {}): FormatContext {
  return {
    cwd: resolve(options.cwd ?? process.cwd()),
    // Rule docs are read from disk only for SARIF, whose reportingDescriptors carry them as help.
    rules: ruleInfos(result.rules, { help: format === 'sarif' }),
    toolVersion: packageVersion(),
    readSource: (file) => result.sources.get(file),
    color: options.color ?? false,
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(result.deployments ? { deployments: result.deployments } : {}),
  };
}

/**
 * Renders a result as `edgelint -f FORMAT` prints it: `formatResult('sarif', await lint({ paths }))`.
 * Ends with a newline, except `stylish` and `github` with no findings, which are empty.
 */
export function formatResult(format: FormatName, result: Pick<LintResult, 'findings' | 'rules' | 'sources'> & Partial<Pick<LintResult, 'deployments'>>, options: FormatResultOptions = {}): string {
  return formatFindings(format, result.findings, resultContext(format, result, options));
}
