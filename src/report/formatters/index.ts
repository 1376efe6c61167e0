/**
 * Every output format (SPEC §4), each a pure function of the sorted findings and a context; none
 * writes to stdout or reads files itself, so the CLI, the GitHub Action and the library share them.
 */
import type { Finding } from '../../core/finding.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { FormatContext } from './types.js';

export type { FormatContext, RuleInfo } from './types.js';
export type { Severity } from '../../core/finding.js';
export type { JsonFinding, JsonReport } from './json.js';
export type { SarifLog, SarifReportingDescriptor, SarifResult } from './sarif.js';
export { buildSarif } from './sarif.js';
export { formatJsonChunks } from './json.js';
export { formatSarifChunks } from './sarif.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'markdown';

export const FORMAT_NAMES: readonly FormatName[] = Object.freeze([
  'stylish',
  'json',
  'sarif',
  'github',
  'junit',
  'markdown',
] as const);

const FORMATTERS: Record<FormatName, (findings: readonly Finding[], context: FormatContext) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  markdown: formatMarkdown,
};

/** True for a name `--format` accepts; lets the CLI reject a typo with a usage error (exit 2). */
export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * Renders findings (already sorted by the engine: file, line, column) in one format. The result ends
 * with a newline, except `stylish` and `github` with no findings, which print nothing.
 */
export function formatFindings(format: FormatName, findings: Finding[], context: FormatContext): string {
  const formatter = FORMATTERS[format];
  if (!formatter) throw new TypeError(`Unknown format "${String(format)}"; expected one of ${FORMAT_NAMES.join(', ')}`);
  return formatter(findings, context);
}
