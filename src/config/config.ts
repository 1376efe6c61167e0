/**
 * `.edgelint.yaml`: found per file (src/config/find-config.ts) or named with `--config`, validated with Ajv
 * against `schemas/config.schema.json`. Errors name the key and its line; they are usage errors
 * (exit 2), never findings.
 */
import { dirname, relative, resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { printablePath, readRegularFile, toPosixPath } from '../core/fs-safe.js';
import { SourceFile, resolveSpan, span } from '../core/source.js';
import type { Span } from '../core/source.js';
import type { Severity } from '../core/finding.js';
import { nodeSpan } from '../parse/yaml-nodes.js';
import { findDuplicateKeys } from '../parse/yaml-duplicate-keys.js';
import { oversizedDocuments } from '../parse/yaml-budget.js';
import type { ParseProblem } from '../core/problem.js';
import { isSupportedKubeEdge, supportedKubeEdgeRange } from '../knowledge/versions.js';
import type { NodeClass } from '../model/types.js';
import { singleLine } from '../core/printable.js';

export type SeveritySetting = Severity | 'off';
export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> };

export interface EdgelintConfig {
  kubeedgeVersion?: string;
  rules?: Record<string, RuleSetting>;
  nodeClasses?: Record<string, Partial<Omit<NodeClass, 'name'>>>;
  hosts?: Array<{ files: string[]; class: string }>;
  offlineImages?: Array<string | { file: string }>;
  baselineImages?: string[];
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  /** Deployments below this config's directory: directory globs, or named groups of file globs. */
  deployments?: Array<string | { name?: string; files: string[] }>;
}

/** A config file is a few KB; a cap far above that keeps a hostile one (a symlink to /dev/zero) from filling memory. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

export const CONFIG_FILE_NAMES = ['.edgelint.yaml', '.edgelint.yml'];

/** A configuration problem: the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface LoadedConfig {
  config: EdgelintConfig;
  /** The config file, when the config came from one (its spans locate offlineImages and baseline entries). */
  source?: SourceFile;
  /** Directory that relative paths in the config (hosts globs, image list files) are relative to. */
  baseDir?: string;
  /** The span of a value in the config file by path (e.g. ['offlineImages', 0]). */
  locate(path: ReadonlyArray<string | number>): Span | undefined;
}

/**
 * Reads and validates a config file. Only a regular file is read, and at most MAX_CONFIG_SIZE bytes
 * of it: a FIFO, a device or a huge file is a config error, never a hang or an out-of-memory abort.
 * Symlinks are checked by the caller (find-config.ts), which knows the tree they must stay in.
 */
export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  const shown = printablePath(toPosixPath(relative(cwd, file)) || file);
  const read = readRegularFile(file, MAX_CONFIG_SIZE);
  if (!read.ok) throw new ConfigError(`cannot read config file ${shown}: ${read.reason}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new ConfigError(`cannot read config file ${shown}: not UTF-8 text`);
  }
  return { ...(await parseConfigText(text, shown)), baseDir: dirname(resolve(file)) };
}

export async function parseConfigText(text: string, path: string): Promise<LoadedConfig> {
  const source = new SourceFile(path, text, 'yaml');
  // A repository's config is input like any file: what the YAML parser cannot afford is refused before
  // it is parsed (1 MB of nested `[` ran a 256 MB heap out), at the place.
  const tooLarge: ParseProblem[] = [];
  oversizedDocuments(source, text, 0, tooLarge);
  if (tooLarge.length) {
    const at = resolveSpan(tooLarge[0].span);
    throw new ConfigError(`${path}:${at.line}:${at.column}: ${tooLarge[0].message.replace(/; (?:the document holding it is|it is) skipped$/, '')}`);
  }
  // yaml's own uniqueKeys compares each key with every earlier key of its mapping: 75,000 keys in an
  // 870 KB config took 74 s. Duplicates are found by findDuplicateKeys instead, one Map per mapping.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const at = resolveSpan(span(source, error.pos[0], error.pos[1]));
    // yaml's composer recurses per nesting level and reports running out of stack as an error.
    const message = error.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(error.message) ? 'YAML nesting is too deep to read' : error.message.split('\n')[0];
    throw new ConfigError(`${path}:${at.line}:${at.column}: ${message}`);
  }
  const duplicate = findDuplicateKeys(source, doc)[0];
  if (duplicate) {
    const at = resolveSpan(duplicate.second);
    throw new ConfigError(`${path}:${at.line}:${at.column}: Map keys must be unique`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ConfigError(`${path}: cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  const locate = (p: ReadonlyArray<string | number>) => locateIn(source, doc, p);
  await validateConfig(value, path, locate);
  return { config: value as EdgelintConfig, source, locate };
}

/** Loaded once per process (editors call lint() on every keystroke), and only when there is a config. */
let validator: Promise<import('ajv').ValidateFunction> | undefined;

/** Validates a config object (from a file or passed to `lint()`); throws ConfigError naming key and line. */
export async function validateConfig(value: unknown, where = 'config', locate?: (p: ReadonlyArray<string | number>) => Span | undefined): Promise<void> {
  validator ??= import('./config-validator.js').then(({ configValidator }) => configValidator());
  const validate = await validator;
  if (validate(value)) {
    checkKubeEdgeVersion(value as EdgelintConfig, where, locate);
    return;
  }
  const errors = (validate.errors ?? [])
    // oneOf reports every branch; the branch errors say more than the summary.
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if')
    .slice(0, 10);
  // `rules.X: loud` fails both branches of its oneOf (not one of the severities, not a mapping):
  // one line naming both forms, not "must be one of …" followed by a bare "must be object".
  const enumAt = new Map(errors.filter((e) => e.keyword === 'enum').map((e) => [e.instancePath, e]));
  // `rules.X: {severity: loud}` fails the severity-name branch at rules.X too, which is beside the
  // point for a mapping: an error inside the value says what is wrong with it.
  const inside = (e: (typeof errors)[number]) => errors.some((o) => o.instancePath.startsWith(`${e.instancePath}/`));
  const messages = errors
    .filter((e) => !(e.keyword === 'type' && enumAt.has(e.instancePath)))
    .filter((e) => !(e.keyword === 'enum' && inside(e)))
    .map((e) => {
      const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const key = e.keyword === 'additionalProperties' ? [...path, String(e.params.additionalProperty)] : path;
      const keyText = key.length ? singleLine(key.join('.')) : '(root)';
      const at = locate?.(key.map((k) => (/^\d+$/.test(k) ? Number(k) : k))) ?? locate?.(path);
      const span = at ? resolveSpan(at) : undefined;
      const position = span ? `:${span.line}:${span.column}` : '';
      const orType = errors.find((o) => o.keyword === 'type' && o.instancePath === e.instancePath);
      const detail = keyText === 'kubeedgeVersion' && e.keyword === 'pattern' ? unsupportedVersion((value as EdgelintConfig).kubeedgeVersion) : e.keyword === 'additionalProperties' ? 'unknown key' : e.keyword === 'enum' ? `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}${orType ? `, or a ${orType.params.type === 'object' ? 'mapping' : String(orType.params.type)}` : ''}` : e.message ?? 'is invalid';
      return { text: `${where}${position}: ${keyText}: ${detail}`, line: span?.line ?? 0, column: span?.column ?? 0 };
    })
    // In the order of the file, as a compiler lists its errors (Ajv's order is the schema's).
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((m) => m.text);
  throw new ConfigError([...new Set(messages)].join('\n'));
}

/**
 * A version edgelint has no data for is an error, not a guess: checking a 1.10 node against the 1.16
 * schema, or a 1.99 node against 1.23, reports keys and sysctls that node does not have.
 */
function checkKubeEdgeVersion(config: EdgelintConfig, where: string, locate?: (p: ReadonlyArray<string | number>) => Span | undefined): void {
  const version = config.kubeedgeVersion;
  if (version === undefined || isSupportedKubeEdge(version)) return;
  const at = locate?.(['kubeedgeVersion']);
  const position = at ? `:${resolveSpan(at).line}:${resolveSpan(at).column}` : '';
  throw new ConfigError(`${where}${position}: kubeedgeVersion: ${unsupportedVersion(version)}`);
}

function unsupportedVersion(version: unknown): string {
  return `${JSON.stringify(version)} is not a KubeEdge version edgelint supports (${supportedKubeEdgeRange()})`;
}

function locateIn(source: SourceFile, doc: Document.Parsed, path: ReadonlyArray<string | number>): Span | undefined {
  let node: unknown = doc.contents;
  let at: Span | undefined = nodeSpan(source, doc.contents as never);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) return at;
      at = nodeSpan(source, pair.key as never, at);
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (!node) return at;
      at = nodeSpan(source, node as never, at);
    } else {
      return at;
    }
  }
  return at;
}
