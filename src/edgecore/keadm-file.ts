/**
 * The edgecore.yaml `keadm join` writes, as text, for the releases data/keadm-edgecore.json covers.
 *
 * keadm join (keadm/cmd/keadm/app/cmd/edge/join_others.go, createEdgeConfigFiles) fills the config with
 * `v1alpha2.NewDefaultEdgeCoreConfig()`, sets what its flags name and writes it with
 * `sigs.k8s.io/yaml.Marshal`: `json.Marshal` (so `omitempty` zero values are left out) and then
 * `JSONToYAML`, which decodes the JSON into Go maps and re-encodes them with gopkg.in/yaml.v2, whose
 * encoder sorts each mapping's keys (sorter.go `keyList.Less`) and writes sequences compact (`- x`
 * at the key's own indentation). Which keys are written is data; their values come from the release's
 * schema defaults (schemas/edgecore) or, where keadm or the host decides, a description. An install
 * script's line edit of that file is judged against this text (script/yaml-line-edit).
 */
import data from '../../data/keadm-edgecore.json' with { type: 'json' };
import type { SchemaNode } from './did-you-mean.js';
import { edgecoreSchemaOf } from './validators.js';

const DATA = data as unknown as {
  releases: string[];
  written: Record<string, string[]>;
  values: Record<string, string>;
  unverified: Record<string, string>;
};

export interface KeadmEdgecoreFile {
  /** The KubeEdge minor (`1.22`). */
  version: string;
  /** The file as keadm writes it (values keadm or the host decides are written as their description, quoted). */
  text: string;
  /** What keadm writes at a dotted key path: its value as YAML text, or the description of who decides it. */
  valueOf(path: readonly string[]): string | undefined;
  /** The dotted key path a line (0-based) of `text` writes (a list item: its key's). */
  pathOfLine(line: number): string | undefined;
  /**
   * Lines (0-based) whose text is not what keadm writes: a value keadm join or the host decides
   * (written as its description), a key whose presence was not read from the source, or a struct
   * written as `{}` whose real lines are not known.
   */
  unknownLines: ReadonlySet<number>;
  /**
   * Lines written as `key: []` for a list whose default the schema does not give: one line either
   * way, but Go writes a nil slice as `null` (json.Marshal). Per line, its other spelling.
   */
  otherSpellings: ReadonlyMap<number, string>;
}

/** The KubeEdge minors whose keadm-written edgecore.yaml edgelint knows. */
export const KEADM_EDGECORE_RELEASES: readonly string[] = Object.freeze([...DATA.releases]);

const files = new Map<string, KeadmEdgecoreFile>();

/** keadm's edgecore.yaml for a release (`1.22`, `v1.22.3`); undefined for a release whose file edgelint does not know. */
export function keadmEdgecoreFile(version: string): KeadmEdgecoreFile | undefined {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.-]*)?\s*$/.exec(version);
  const minor = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  if (minor === undefined || !DATA.releases.includes(minor)) return undefined;
  let file = files.get(minor);
  if (!file) {
    file = render(minor);
    files.set(minor, file);
  }
  return file;
}

function render(version: string): KeadmEdgecoreFile {
  const schema = edgecoreSchemaOf(version);
  const lines: string[] = [];
  const values = new Map<string, string>();
  const linePaths: string[] = [];
  const unknown = new Set<number>();
  const otherSpellings = new Map<number, string>();
  const push = (path: string, line: string, known: boolean): void => {
    if (!known) unknown.add(lines.length);
    linePaths.push(path);
    lines.push(line);
  };
  const emit = (mapping: string, node: SchemaNode, indent: string): void => {
    const keys = (DATA.written[mapping] ?? []).filter((k) => node.properties?.[k] !== undefined).sort(goyamlKeyCompare);
    for (const key of keys) {
      const path = mapping === '' ? key : `${mapping}.${key}`;
      const child = node.properties![key];
      const verified = DATA.unverified[path] === undefined;
      if (DATA.written[path] !== undefined) {
        push(path, `${indent}${key}:`, verified);
        emit(path, child, `${indent}  `);
        continue;
      }
      const described = DATA.values[path];
      if (described !== undefined) {
        push(path, `${indent}${key}: ${JSON.stringify(described)}`, false);
        values.set(path, described);
        continue;
      }
      const value = child.default;
      values.set(path, JSON.stringify(value ?? null));
      if (Array.isArray(value) && value.length > 0) {
        // yaml.v2 writes a block sequence compact: `- item` at the key's own indentation.
        push(path, `${indent}${key}:`, verified);
        for (const item of value) push(path, `${indent}- ${scalar(item)}`, verified);
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
        push(path, `${indent}${key}:`, verified);
        for (const k of Object.keys(value).sort(goyamlKeyCompare)) push(`${path}.${k}`, `${indent}  ${k}: ${scalar((value as Record<string, unknown>)[k])}`, verified);
      } else {
        // A struct or map whose written children the schema does not give (logging, memorySwap): an
        // empty flow value keeps the key's place, and nothing is claimed about what is under it.
        const unclaimed = value === undefined || value === null;
        const list = unclaimed && typeIncludes(child, 'array');
        if (list) otherSpellings.set(lines.length, `${indent}${key}: null`);
        push(path, `${indent}${key}: ${unclaimed ? (list ? '[]' : '{}') : scalar(value)}`, verified && (!unclaimed || list));
      }
    }
  };
  emit('', schema, '');
  const text = `${lines.join('\n')}\n`;
  return { version, text, valueOf: (path) => values.get(path.join('.')), pathOfLine: (line) => linePaths[line], unknownLines: unknown, otherSpellings };
}

function typeIncludes(node: SchemaNode, type: string): boolean {
  const t = (node as { type?: string | string[] }).type;
  return Array.isArray(t) ? t.includes(type) : t === type;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return /^[A-Za-z/][\w./:%@-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value ?? null);
}

/**
 * gopkg.in/yaml.v2's key order (sorter.go `keyList.Less`) for string keys: rune by rune, two letters
 * compare by code point (so `Q` sorts before `R` and before `a`), a letter sorts after a non-letter,
 * and runs of digits compare as numbers.
 */
export function goyamlKeyCompare(a: string, b: string): number {
  if (a === b) return 0;
  return goyamlLess(a, b) ? -1 : 1;
}

function goyamlLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = /\p{L}/u.test(ar[i]);
    const bl = /\p{L}/u.test(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && /\d/.test(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && /\d/.test(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && /\d/.test(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}
