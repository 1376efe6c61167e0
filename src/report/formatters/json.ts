import type { Finding, RelatedLocation } from '../../core/finding.js';
import { countFindings } from './shared.js';
import { jsonPrintable } from '../../core/printable.js';
import type { DeploymentInfo, FormatContext } from './types.js';

/**
 * The `json` format. Its shape is a public contract for scripts and editors; add fields, never rename:
 *
 * ```
 * {
 *   "version": "<edgelint version>",
 *   "deployments"?: [{ "root", "name"?, "config"?, "files",                 // root: relative, '.' for cwd
 *                      "kubeedgeVersion", "kubeedgeVersionAssumed" }],        // the release checks were judged by
 *   "findings": [{
 *     "ruleId", "severity": "error" | "warning" | "note", "message", "file",   // file: relative, '/'-separated
 *     "line", "column", "endLine", "endColumn",                               // 1-based, UTF-16 units, end exclusive
 *     "helmSource"?, "messageId"?,
 *     "deployment"?,                                                          // the deployment's root, relative, '/'-separated
 *     "related"?: [{ "file", "line", "column", "endLine", "endColumn", "message", "helmSource"? }],
 *     "fixable": boolean                                                       // --fix can repair it
 *   }],
 *   "summary": { "errors", "warnings", "notes", "files", "fixable" }           // files: files with findings
 * }
 * ```
 *
 * The fix's text edits are offsets into the file as read; they are an engine detail and not emitted.
 * Keys are written in the order above whatever order the engine built them in, so output diffs cleanly.
 */
export interface JsonReport {
  version: string;
  deployments?: DeploymentInfo[];
  findings: JsonFinding[];
  summary: { errors: number; warnings: number; notes: number; files: number; fixable: number };
}

/** A finding as the engine reports it, with the fix's edits (an engine detail) replaced by `fixable`. */
export type JsonFinding = Omit<Finding, 'fix'> & { fixable: boolean };

export function formatJson(findings: readonly Finding[], context: FormatContext): string {
  return [...formatJsonChunks(findings, context)].join('');
}

/**
 * The same text as `formatJson`, a finding at a time, so a report of 100,000 findings is written
 * without ever holding it as one string (the CLI streams it to the output).
 */
export function* formatJsonChunks(findings: readonly Finding[], context: FormatContext): Generator<string> {
  const counts = countFindings(findings);
  let fixable = 0;
  // Paths and messages hold the linted files' text: jsonPrintable escapes what JSON.stringify leaves raw.
  const deployments = context.deployments ? `\n  "deployments": ${jsonPrintable(JSON.stringify(context.deployments.map(toJsonDeployment), null, 2)).replace(/\n/g, '\n  ')},` : '';
  yield `{\n  "version": ${JSON.stringify(context.toolVersion)},${deployments}\n  "findings": [`;
  for (let i = 0; i < findings.length; i++) {
    const finding = toJsonFinding(findings[i]);
    if (finding.fixable) fixable++;
    // JSON.stringify(report, null, 2) indents array items by four spaces.
    yield `${i ? ',' : ''}\n    ${jsonPrintable(JSON.stringify(finding, null, 2)).replace(/\n/g, '\n    ')}`;
  }
  const summary: JsonReport['summary'] = { errors: counts.errors, warnings: counts.warnings, notes: counts.notes, files: counts.files, fixable };
  yield `${findings.length ? '\n  ' : ''}],\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
}

function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.helmSource !== undefined ? { helmSource: f.helmSource } : {}),
    ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
    ...(f.deployment !== undefined ? { deployment: f.deployment } : {}),
    ...(f.related && f.related.length > 0 ? { related: f.related.map(toJsonRelated) } : {}),
    fixable: f.fix !== undefined && f.fix.edits.length > 0,
  };
}

/** Keys in the documented order, whatever order the caller built them in. */
function toJsonDeployment(d: DeploymentInfo): DeploymentInfo {
  return {
    root: d.root,
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.config !== undefined ? { config: d.config } : {}),
    files: d.files,
    kubeedgeVersion: d.kubeedgeVersion,
    kubeedgeVersionAssumed: d.kubeedgeVersionAssumed,
  };
}

function toJsonRelated(r: RelatedLocation): RelatedLocation {
  const out: RelatedLocation = {
    file: r.file,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    endColumn: r.endColumn,
    message: r.message,
  };
  if (r.helmSource !== undefined) out.helmSource = r.helmSource;
  return out;
}
