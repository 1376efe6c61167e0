/**
 * Text helpers of script/yaml-line-edit: YAML read as lines the way a line edit sees it (top-level
 * keys, a mapping's child keys), the value an inserted `key: value` line writes, the `yq -i`
 * command a finding suggests instead, and whether a text parses as YAML at all.
 */
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { affordableYaml } from '../parse/yaml-budget.js';
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
 *
 * A text over the parser's budget (yaml-budget.ts) is not parsed and does not count as YAML: the
 * rule asks this of any text a script writes or edits, and 400,000 `- 1` lines a script wrote ran a
 * 256 MB heap out here (hostile14); where that text is a file edgelint lints, its reading already
 * reported it too large to lint. Repeated keys are found one Set per mapping, not by yaml's own
 * `uniqueKeys`, which compares each key with every earlier key of its mapping (yaml 2.9
 * compose/util-map-includes.js): a script's 20,000 `cat >>` appends of one key each to an
 * edgecore.yaml it wrote took 5 s in that comparison, 50,000 took 26 s (hostile14).
 */
export function parsesAsYaml(text: string, options: { uniqueKeys?: boolean } = {}): boolean {
  if (!affordableYaml(text)) return false;
  try {
    const docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' });
    return Array.isArray(docs) && docs.every((d) => d.errors.length === 0 && !(options.uniqueKeys === true && repeatsKey(d.contents)));
  } catch {
    return false;
  }
}

/**
 * Some mapping under `root` holds one key twice, as yaml's `uniqueKeys: true` decides it: two scalar
 * keys of equal value (`===`: 1 and "1" differ, NaN never repeats). Walked iteratively, without
 * following aliases (yaml does not compare through them either).
 */
function repeatsKey(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value))) {
          if (seen.has(key.value)) return true;
          seen.add(key.value);
        }
        if (isMap(key) || isSeq(key)) stack.push(key);
        stack.push(pair.value);
      }
    }
  }
  return false;
}
