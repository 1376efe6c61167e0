import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, RelatedLocation, Severity } from '../../core/finding.js';
import { nodeCrypto } from '../../core/lazy-builtins.js';
import { jsonPrintable } from '../../core/printable.js';
import type { DeploymentInfo, FormatContext, RuleInfo } from './types.js';

/**
 * SARIF 2.1.0 (OASIS), shaped for GitHub code scanning: one run, one reportingDescriptor per rule
 * that ran, relative artifact URIs under `%SRCROOT%`, and partial fingerprints so alerts survive edits.
 */

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
// Not derived from package.json: the formatter must not read files, and the library may be bundled.
const INFORMATION_URI = 'https://github.com/edgelint/edgelint';
const SRCROOT = '%SRCROOT%';
// GitHub code scanning truncates longer rule descriptions ("SARIF support for code scanning").
const MAX_DESCRIPTION = 1024;
// §3.27.17: partialFingerprints keys carry a version so the algorithm can change without collisions.
const FINGERPRINT_KEY = 'edgelint/v1';

type Level = 'error' | 'warning' | 'note';

interface Message {
  text: string;
  markdown?: string;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface Location {
  id?: number;
  physicalLocation: { artifactLocation: ArtifactLocation; region: Region };
  message?: Message;
  properties?: { helmSource: string };
}

export interface SarifReportingDescriptor {
  id: string;
  shortDescription: Message;
  fullDescription: Message;
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties: { category: string; tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  locations: Location[];
  relatedLocations?: Location[];
  partialFingerprints: Record<string, string>;
  properties?: { helmSource?: string; deployment?: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: 'edgelint';
          informationUri: string;
          version: string;
          semanticVersion?: string;
          rules: SarifReportingDescriptor[];
        };
      };
      originalUriBaseIds: Record<string, { uri: string; description?: Message }>;
      artifacts: { location: ArtifactLocation }[];
      results: SarifResult[];
      // §3.14.27: stated because Finding columns count UTF-16 code units (see src/core/source.ts).
      columnKind: 'utf16CodeUnits';
      // §3.8 property bag: which deployments were linted and the KubeEdge release that judged each.
      properties?: { deployments: DeploymentInfo[] };
    },
  ];
}

export function formatSarif(findings: readonly Finding[], context: FormatContext): string {
  return `${jsonPrintable(JSON.stringify(buildSarif(findings, context), null, 2))}\n`;
}

/**
 * The same text as `formatSarif`, a result at a time, so a report of 100,000 findings is written
 * without ever holding the log or its text whole (the CLI streams it, as it does JSON).
 */
export function* formatSarifChunks(findings: readonly Finding[], context: FormatContext): Generator<string> {
  const run = sarifRun(findings, context);
  // The artifacts come before the results in the log: list every file first, in the order buildSarif meets them.
  for (const f of findings) {
    run.artifactLocation(f.file);
    for (const r of f.related ?? []) run.artifactLocation(r.file);
  }
  const marker = '\u0000edgelint-results\u0000';
  // Paths and messages hold the linted files' text: jsonPrintable escapes what JSON.stringify leaves raw.
  const skeleton = jsonPrintable(JSON.stringify(run.log(marker as unknown as SarifResult[]), null, 2));
  const at = skeleton.indexOf(`"results": ${JSON.stringify(marker)}`);
  yield `${skeleton.slice(0, at)}"results": [`;
  for (let i = 0; i < findings.length; i++) {
    // JSON.stringify(log, null, 2) indents the items of runs[0].results by eight spaces.
    yield `${i ? ',' : ''}\n        ${jsonPrintable(JSON.stringify(run.result(findings[i]), null, 2)).replace(/\n/g, '\n        ')}`;
  }
  yield `${findings.length ? '\n      ' : ''}]${skeleton.slice(at + `"results": ${JSON.stringify(marker)}`.length)}\n`;
}

export function buildSarif(findings: readonly Finding[], context: FormatContext): SarifLog {
  const run = sarifRun(findings, context);
  const results = findings.map(run.result);
  return run.log(results);
}

/** What a log needs besides its results: rule descriptors, artifacts (filled as results are made), fingerprints. */
function sarifRun(findings: readonly Finding[], context: FormatContext) {
  const descriptors: SarifReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const rule of context.rules) {
    if (ruleIndex.has(rule.id)) continue;
    ruleIndex.set(rule.id, descriptors.length);
    descriptors.push(toDescriptor(rule));
  }
  // A result's ruleIndex must point at a descriptor (§3.27.6); findings from rules the engine did not
  // list (e.g. core/parse-error) get a minimal one rather than a dangling ruleId.
  for (const f of findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, descriptors.length);
    descriptors.push(
      toDescriptor({ id: f.ruleId, description: f.ruleId, severity: f.severity, remediation: '', category: 'correctness' }),
    );
  }

  const artifactIndex = new Map<string, number>();
  const artifacts: { location: ArtifactLocation }[] = [];
  const artifactLocation = (file: string): ArtifactLocation => {
    let index = artifactIndex.get(file);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(file, index);
      artifacts.push({ location: toArtifactLocation(file) });
    }
    return { ...toArtifactLocation(file), index };
  };

  const fingerprints = new Fingerprinter(context.readSource);
  const result = (f: Finding): SarifResult => {
    const result: SarifResult = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
      level: toLevel(f.severity),
      message: { text: messageText(f.message) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file), region: toRegion(f) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.of(f) },
    };
    if (f.related && f.related.length > 0) {
      result.relatedLocations = f.related.map((r, i) => toRelated(r, i + 1, artifactLocation));
    }
    if (f.helmSource !== undefined || f.deployment !== undefined) {
      result.properties = { ...(f.helmSource !== undefined ? { helmSource: f.helmSource } : {}), ...(f.deployment !== undefined ? { deployment: f.deployment } : {}) };
    }
    return result;
  };

  const semver = SEMVER.test(context.toolVersion) ? context.toolVersion : undefined;
  const log = (results: SarifResult[]): SarifLog => ({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'edgelint',
            informationUri: INFORMATION_URI,
            version: context.toolVersion,
            ...(semver ? { semanticVersion: semver } : {}),
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
        ...(context.deployments ? { properties: { deployments: context.deployments.map((d) => ({ ...d })) } } : {}),
      },
    ],
  });
  return { artifactLocation, result, log };
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function toLevel(severity: Severity): Level {
  return severity;
}

function toDescriptor(rule: RuleInfo): SarifReportingDescriptor {
  const summary = rule.description.replace(/\.$/, '');
  const full = rule.remediation ? `${summary}. ${rule.remediation}` : `${summary}.`;
  const docsLine = rule.docsUrl ? `\n\nDocumentation: ${rule.docsUrl}` : '';
  const plain = `${full}${docsLine}`;
  const markdown =
    rule.helpText && rule.helpText.trim() !== ''
      ? rule.helpText.trimEnd() + (rule.docsUrl ? `\n\n[Documentation](${rule.docsUrl})` : '')
      : `${summary}.` + (rule.remediation ? `\n\n**How to fix:** ${rule.remediation}` : '') +
        (rule.docsUrl ? `\n\n[Documentation](${rule.docsUrl})` : '');
  return {
    id: rule.id,
    shortDescription: { text: truncate(summary, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(full, MAX_DESCRIPTION) },
    // §3.49.14 / §3.12: help.text is the plain fallback for consumers that cannot render markdown.
    help: { text: plain, markdown },
    ...(rule.docsUrl ? { helpUri: rule.docsUrl } : {}),
    defaultConfiguration: { level: toLevel(rule.severity) },
    properties: { category: rule.category, tags: [rule.category] },
  };
}

function toRegion(at: { line: number; column: number; endLine: number; endColumn: number }): Region {
  // The schema requires positive integers and consumers reject inverted regions; keep the start exact.
  const startLine = positive(at.line);
  const startColumn = positive(at.column);
  const endLine = Math.max(startLine, positive(at.endLine));
  const endColumn = endLine === startLine ? Math.max(startColumn, positive(at.endColumn)) : positive(at.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function toRelated(r: RelatedLocation, id: number, artifactLocation: (file: string) => ArtifactLocation): Location {
  return {
    id,
    physicalLocation: { artifactLocation: artifactLocation(r.file), region: toRegion(r) },
    message: { text: messageText(r.message) },
    ...(r.helmSource !== undefined ? { properties: { helmSource: r.helmSource } } : {}),
  };
}

function positive(n: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * §3.11.6: `[text](n)` in a plain-text message is an embedded link. A message that happens to contain
 * that shape (a YAML path like `ports[0](1)`) gets its brackets backslash-escaped so consumers show it
 * literally; other messages are left alone, which §3.11.6 allows, so naive consumers show no backslashes.
 */
export function messageText(message: string): string {
  if (!/\[[^\]]*\]\(\d+\)/.test(message)) return message;
  return message.replace(/[\\[\]]/g, (ch) => `\\${ch}`);
}

/**
 * A relative path becomes a relative URI reference under `%SRCROOT%` (RFC 3986: each segment
 * percent-encoded, so spaces, `#`, `?`, `%` and non-ASCII survive); an absolute path (a file outside the
 * working directory) becomes a `file:` URI with no base. Backslashes and drive letters are Windows'
 * only: on POSIX a linted repository may name a file `a\b.yaml` or a directory `C:` (hostile15: the
 * URIs were `a/b.yaml`, another file, and `file:///C:/…`, outside the tree).
 */
export function toArtifactLocation(file: string, windows = sep === '\\'): ArtifactLocation {
  const path = windows ? file.replace(/\\/g, '/') : file;
  const drive = windows && /^[A-Za-z]:\//.test(path);
  if (path.startsWith('/') || drive) {
    const segments = (drive ? path : path.slice(1)).split('/');
    const encoded = segments.map((s, i) => (drive && i === 0 ? s : encodeSegment(s))).join('/');
    return { uri: `file:///${encoded}` };
  }
  return { uri: path.split('/').map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

function encodeSegment(segment: string): string {
  // encodeURIComponent leaves !'()* alone; they are sub-delims, legal in a path segment (RFC 3986 §3.3).
  return encodeURIComponent(segment);
}

/** §3.14.14: a uriBaseId's URI must be absolute and end with a slash. */
function directoryUri(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * §3.27.17 partialFingerprints: the identity of a result that survives unrelated edits. It hashes the
 * rule, the file and the whitespace-normalised text of the result's first line, not the message (whose
 * interpolated values may change) nor the line number (which moves when lines are added above).
 * Lines end at LF, CRLF or a lone CR, as the engine counts them, so a CRLF file hashes like its LF twin.
 * Without the file's text the position stands in. Identical triples are told apart by occurrence order,
 * as GitHub's own `primaryLocationLineHash` does.
 */
class Fingerprinter {
  private readonly lines = new Map<string, string[] | undefined>();
  private readonly seen = new Map<string, number>();

  constructor(private readonly readSource: FormatContext['readSource']) {}

  of(f: Finding): string {
    const text = this.lineText(f.file, f.line);
    const anchor = text === undefined ? `@${f.line}:${f.column}` : `=${text.trim().replace(/\s+/g, ' ')}`;
    const key = JSON.stringify([f.ruleId, f.file, anchor]);
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    const hash = nodeCrypto().createHash('sha256').update(key).digest('hex').slice(0, 32);
    return `${hash}:${occurrence + 1}`;
  }

  private lineText(file: string, line: number): string | undefined {
    if (!this.lines.has(file)) this.lines.set(file, this.readSource?.(file)?.split(/\r\n?|\n/));
    const lines = this.lines.get(file);
    return lines && line >= 1 && line <= lines.length ? lines[line - 1] : undefined;
  }
}
