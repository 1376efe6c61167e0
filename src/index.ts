/**
 * The library API (SPEC §6): `lint()` with typed options and findings, the formatters, the rule list,
 * and `defineRule` for custom rules. No console output and no process exit anywhere below.
 */
export { lint } from './engine/lint.js';
export type { LintFile, LintOptions, LintResult } from './engine/lint.js';
export type { Finding, Fix, RelatedLocation, Severity, TextEdit } from './core/finding.js';
export { ConfigError } from './config/config.js';
export type { EdgelintConfig, RuleSetting } from './config/config.js';
export { UsageError } from './engine/discover.js';
export { defineRule } from './rule-api.js';
export type { Anchor, Report, RuleContext, RuleDefinition, RuleModule, RuleCategory } from './rule-api.js';
export { FORMAT_NAMES, formatFindings } from './report/formatters/index.js';
export { formatResult } from './engine/format-result.js';
export type { FormatResultOptions } from './engine/format-result.js';
export type { FormatContext, FormatName, RuleInfo } from './report/formatters/index.js';
export { builtinRules as rules } from '../rules/index.js';
export { applyEdits } from './engine/fix.js';

import packageJson from '../package.json' with { type: 'json' };

/** edgelint's version, as in its package.json (`edgelint --version`). */
export const version: string = packageJson.version;
