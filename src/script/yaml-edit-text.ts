/**
 * Text helpers of script/yaml-line-edit: YAML read as lines the way a line edit sees it (top-level
 * keys, a mapping's child keys), the value an inserted `key: value` line writes, the `yq -i`
 * command a finding suggests instead, and whether a text parses as YAML at all.
 */
import { parseAllDocuments } from 'yaml';
import type { YamlLineEdit } from './reading.js';

/** A scalar or flow list of an inserted `key: value` line, as a YAML reader would see it (enough for a suggestion). */
export function yamlScalarOf(text: string): unknown {
  const t = text.replace(/\s+#.*$/, '').trim();
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = t.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((part) => yamlScalarOf(part));
  }
  if ((t.startsWith('"') && t.endsWith('"') && t.length >= 2) || (t.startsWith("'") && t.endsWith("'") && t.length >= 2)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === '' || t === 'null' || t === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

/** The value written after `key:` on the first inserted line; undefined when the line opens a block. */
export function insertedValue(edit: YamlLineEdit): unknown {
  const first = edit.sed?.text?.split('\n')[0] ?? '';
  const m = /^\s*[^:#]+:\s*(.*)$/.exec(first);
  if (!m || m[1].trim() === '') return undefined;
  return yamlScalarOf(m[1]);
}

export function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

export function shellQuote(text: string): string {
  if (/^[\w./:@%+=-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function yqPath(path: readonly string[]): string {
  return path.map((k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `.${JSON.stringify(k)}`)).join('');
}

/** `yq -i 'PATH = VALUE' FILE`, quoted for the shell: a value holding an expansion (`${DNS}`) only expands inside double quotes. */
export function yqCommand(path: readonly string[], value: unknown, quotedFile: string): string {
  const expression = `${yqPath(path)} = ${value === undefined ? '…' : JSON.stringify(value)}`;
  const quoted = expression.includes('$') ? `"${expression.replace(/["\\`]/g, '\\$&')}"` : shellQuote(expression);
  return `yq -i ${quoted} ${quotedFile}`;
}

/** Top-level keys of a YAML text, read from lines that start at column 0 (the only place a top-level key can start). */
export function topLevelKeys(text: string): string[] {
  return [...topLevelKeyOffsets(text).keys()];
}

/** Each top-level key of a YAML text with the offset of its first line, in order. */
export function topLevelKeyOffsets(text: string): Map<string, number> {
  const keys = new Map<string, number>();
  let offset = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('---')) {
      const m = /^([A-Za-z_][\w.-]*|"[^"]*"|'[^']*')\s*:(\s|$)/.exec(line);
      const key = m?.[1].replace(/^["']|["']$/g, '');
      if (key !== undefined && !keys.has(key)) keys.set(key, offset);
    }
    offset += line.length + 1;
  }
  return keys;
}

/** Child keys under a top-level key in a block mapping: lines indented one level below it. */
export function childKeys(text: string, key: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let inside = false;
  let indent: number | undefined;
  for (const line of lines) {
    if (/^\S/.test(line) && !line.startsWith('#')) {
      inside = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:\\s*$`).test(line);
      indent = undefined;
      continue;
    }
    if (!inside) continue;
    const m = /^( +)([A-Za-z_][\w.-]*)\s*:(\s|$)/.exec(line);
    if (!m) continue;
    indent ??= m[1].length;
    if (m[1].length === indent && !out.includes(m[2])) out.push(m[2]);
  }
  return out;
}

/**
 * Does `text` parse as YAML (every document of the stream, no errors)? A file of no kind edgelint
 * lints is still YAML to the tool that reads it; only then can a line edit be judged on its text.
 * With `uniqueKeys`, a mapping that holds a key twice is an error too.
 */
export function parsesAsYaml(text: string, options: { uniqueKeys?: boolean } = {}): boolean {
  try {
    const docs = parseAllDocuments(text, { uniqueKeys: options.uniqueKeys === true, logLevel: 'error' });
    return Array.isArray(docs) && docs.every((d) => d.errors.length === 0);
  } catch {
    return false;
  }
}
