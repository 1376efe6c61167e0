/**
 * The edgecore.yaml schema engine behind `edgecore/unknown-key` and `edgecore/invalid-value`.
 *
 * edgecore reads its config with sigs.k8s.io/yaml `Unmarshal` into the v1alpha2 Go structs
 * (v1alpha2/helper.go `Parse`): field names match case-insensitively, unknown fields are dropped
 * without a word, and a value of the wrong type stops edgecore at startup. So this module does two
 * things the plain JSON Schema cannot: it matches keys the way edgecore does before validating, and
 * it explains every key edgecore would ignore (removed in this version, misplaced, misspelt).
 *
 * Decision on case variants (`mqttmode` for `mqttMode`): edgecore does read them (encoding/json
 * falls back to a case-insensitive field match), so they are neither unknown nor invalid and produce
 * no issue; the value is validated under the canonical key. Only when two spellings of one field
 * sit in the same mapping is the non-canonical one reported, because which one edgecore keeps is
 * undefined (sigs.k8s.io/yaml v1.4.0 `Unmarshal` doc comment).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { suggestKey, type SchemaNode } from './did-you-mean.js';
import { FORMATS } from './formats.js';
import { edgecoreSchemaOf, edgecoreValidator } from './validators.js';

export const EDGECORE_VERSIONS: readonly string[] = ['1.16', '1.17', '1.18', '1.19', '1.20', '1.21', '1.22', '1.23'];


const NEWEST = EDGECORE_VERSIONS[EDGECORE_VERSIONS.length - 1];
const OLDEST = EDGECORE_VERSIONS[0];

export interface SchemaIssue {
  kind: 'unknown-key' | 'removed-key' | 'invalid-value';
  /** JSON path segments to the offending key/value, as written in the document, e.g. ['modules','edged','allowedUnsafeSysctls'] */
  path: (string | number)[];
  /** For unknown and removed keys: the key as written; report at the key. Absent for values: report at the value. */
  key?: string;
  /** Human text, e.g. 'must be <= 2, got 3' or 'removed in KubeEdge 1.18'. */
  message: string;
  /** Set when the issue is only likely (the release it depends on is assumed, not stated). */
  severity?: 'warning';
  /** Did-you-mean: the full dotted path where edgecore reads this key, e.g. 'modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls' */
  suggestion?: string;
  /** An unknown key no release edgelint knows reads at that place, nor by another name. */
  readByNone?: true;
}

/** `1.22`, `v1.22`, `v1.22.2`, `1.22.0-rc.1` → `1.22`; anything else → undefined. */
function minorOf(version: string): string | undefined {
  const match = /^\s*v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.-]*)?\s*$/.exec(version);
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

function minorNumber(minor: string): number {
  const [major, rest] = minor.split('.').map(Number);
  return major * 1000 + rest;
}

/**
 * Picks the schema version: explicit `kubeedgeVersion` ('1.22', 'v1.22.2', '1.22.0' all → '1.22'),
 * else the document's `edgecoreVersion`, else the newest. A version outside 1.16-1.23 maps to the
 * nearest one edgelint knows (older → 1.16, newer or unreadable → newest) with a reason in `note`.
 */
export function pickEdgecoreVersion(
  kubeedgeVersion: string | undefined,
  edgecoreVersion: string | undefined,
): { version: string; note?: string } {
  const pick = (raw: string, from: string): { version: string; note?: string } => {
    const minor = minorOf(raw);
    if (minor === undefined) {
      return { version: NEWEST, note: `${from} "${raw}" is not a KubeEdge version; checking against KubeEdge ${NEWEST}` };
    }
    if (EDGECORE_VERSIONS.includes(minor)) return { version: minor };
    const nearest = minorNumber(minor) < minorNumber(OLDEST) ? OLDEST : NEWEST;
    return {
      version: nearest,
      note: `${from} ${raw} is outside the KubeEdge versions edgelint knows (${OLDEST}-${NEWEST}); checking against KubeEdge ${nearest}`,
    };
  };
  if (kubeedgeVersion !== undefined && kubeedgeVersion.trim() !== '') return pick(kubeedgeVersion, 'kubeedgeVersion');
  if (edgecoreVersion !== undefined && edgecoreVersion.trim() !== '') return pick(edgecoreVersion, 'edgecoreVersion');
  return { version: NEWEST };
}

/** The generated JSON Schema of a version ('1.22' or 'v1.22.2'); the newest for an unknown version. */
export function edgecoreSchema(version: string): Readonly<Record<string, unknown>> {
  return edgecoreSchemaOf(resolveVersion(version)) as Readonly<Record<string, unknown>>;
}

/**
 * The value edgecore uses for a key the document leaves out, from the schema's `default` (the
 * NewDefaultEdgeCoreConfig value), e.g. ['modules','eventBus','mqttMode'] → 2. Undefined when the
 * default depends on the host (hostnameOverride, edgeHub server addresses) or the key is unknown.
 */
export function edgecoreDefault(path: readonly string[], version: string): unknown {
  let node: SchemaNode | undefined = edgecoreSchemaOf(resolveVersion(version));
  for (const segment of path) {
    node = node?.properties?.[segment];
    if (!node) return undefined;
  }
  return node?.default;
}

function resolveVersion(version: string): string {
  const minor = minorOf(version);
  return minor !== undefined && EDGECORE_VERSIONS.includes(minor) ? minor : NEWEST;
}


// ------------------------------------------------------------------------------------------------
// Key matching: a copy of the document with edgecore's view of the keys.
// ------------------------------------------------------------------------------------------------

type DocPath = (string | number)[];

interface WalkContext {
  root: SchemaNode;
  version: string;
  issues: SchemaIssue[];
  /** Canonical JSON pointer → path as written. */
  paths: Map<string, DocPath>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeIncludes(node: SchemaNode, type: string): boolean {
  return Array.isArray(node.type) ? node.type.includes(type) : node.type === type;
}

/** Sets an own property, also for keys like `__proto__` that plain assignment would treat specially. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unknownKeyIssue(ctx: WalkContext, node: SchemaNode, canonicalParent: string[], docPath: DocPath, key: string): SchemaIssue {
  const path = [...docPath, key];
  const where = canonicalParent.length > 0 ? canonicalParent.join('.') : 'the top level';
  const suggestion = suggestKey(ctx.root, node, canonicalParent, key);
  const ignored = `KubeEdge ${ctx.version} ignores it`;
  switch (suggestion?.kind) {
    case 'removed':
      return {
        kind: 'removed-key',
        path,
        key,
        message: suggestion.replacedBy
          ? `"${key}" was removed from ${where} in KubeEdge ${suggestion.removedIn}; ${ignored}: set ${suggestion.replacedBy} instead`
          : `"${key}" was removed from ${where} in KubeEdge ${suggestion.removedIn}; ${ignored}`,
        ...(suggestion.replacedBy ? { suggestion: suggestion.replacedBy } : {}),
      };
    case 'not-yet':
      return {
        kind: 'unknown-key',
        path,
        key,
        message: `"${key}" is read from KubeEdge ${suggestion.since} on; ${ignored}`,
      };
    case 'elsewhere': {
      const dotted = suggestion.path.join('.');
      return {
        kind: 'unknown-key',
        path,
        key,
        message: `edgecore does not read "${key}" under ${where} (${ignored}); it belongs at ${dotted}`,
        suggestion: dotted,
      };
    }
    case 'typo': {
      const dotted = [...canonicalParent, suggestion.key].join('.');
      return {
        kind: 'unknown-key',
        path,
        key,
        message: `unknown key "${key}" under ${where} (${ignored}); did you mean "${suggestion.key}"?`,
        suggestion: dotted,
      };
    }
    default:
      // No schema of any release has it there or anywhere near (no removal, no later addition, no
      // other place, no near spelling): the verdict holds whichever release the node runs.
      return { kind: 'unknown-key', path, key, message: `unknown key "${key}" under ${where}; no KubeEdge release from ${OLDEST} to ${NEWEST} reads it`, readByNone: true };
  }
}

/** Returns the value with keys renamed to their canonical spelling and unread keys dropped. */
function normalize(value: unknown, node: SchemaNode, canonical: string[], pointer: string, docPath: DocPath, ctx: WalkContext): unknown {
  ctx.paths.set(pointer, docPath);
  if (Array.isArray(value)) {
    if (!node.items || !typeIncludes(node, 'array')) return value;
    return value.map((item, i) => normalize(item, node.items!, [...canonical, '[]'], `${pointer}/${i}`, [...docPath, i], ctx));
  }
  if (!isPlainObject(value) || !typeIncludes(node, 'object')) return value;

  const out: Record<string, unknown> = {};
  const properties = node.properties;
  if (!properties) {
    // A map (featureGates, nodeLabels, ...): any key, typed values.
    const values = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
      setOwn(out, key, values ? normalize(child, values, [...canonical, key], `${pointer}/${pointerSegment(key)}`, [...docPath, key], ctx) : child);
    }
    return out;
  }

  const closed = node.additionalProperties === false;
  const byLower = new Map<string, string>();
  for (const name of Object.keys(properties)) byLower.set(name.toLowerCase(), name);
  // encoding/json prefers an exact field-name match, so an exact key claims its field before any case variant.
  const claimedBy = new Map<string, string>();
  for (const key of Object.keys(value)) if (Object.hasOwn(properties, key)) claimedBy.set(key, key);

  for (const [key, child] of Object.entries(value)) {
    const name = Object.hasOwn(properties, key) ? key : byLower.get(key.toLowerCase());
    if (name === undefined) {
      if (closed) ctx.issues.push(unknownKeyIssue(ctx, node, canonical, docPath, key));
      else setOwn(out, key, child);
      continue;
    }
    const owner = claimedBy.get(name);
    if (owner !== undefined && owner !== key) {
      ctx.issues.push({
        kind: 'unknown-key',
        path: [...docPath, key],
        key,
        message: `"${key}" and "${owner}" both set ${[...canonical, name].join('.')} (edgecore matches keys case-insensitively, and which of the two it keeps is undefined); remove "${key}"`,
        suggestion: [...canonical, name].join('.'),
      });
      continue;
    }
    claimedBy.set(name, key);
    setOwn(out, name, normalize(child, properties[name], [...canonical, name], `${pointer}/${pointerSegment(name)}`, [...docPath, key], ctx));
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Ajv errors → messages.
// ------------------------------------------------------------------------------------------------

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return String(value);
}

function expectedTypes(schema: SchemaNode): string {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is string => !!t && t !== 'null');
  const words = types.map((t) => {
    switch (t) {
      case 'integer':
        return 'an integer';
      case 'number':
        return 'a number';
      case 'boolean':
        return 'true or false';
      case 'string':
        return 'a string';
      case 'array':
        return 'a list';
      case 'object':
        return 'a mapping';
      default:
        return t;
    }
  });
  return words.join(' or ');
}

function typeHint(schema: SchemaNode & { pattern?: string }, data: unknown): string {
  if (typeof data === 'string') {
    if (typeIncludes(schema, 'integer') || typeIncludes(schema, 'number')) {
      if (data.trim() !== '' && !Number.isNaN(Number(data))) return ' (remove the quotes)';
    }
    if (typeIncludes(schema, 'boolean') && /^(true|false)$/i.test(data)) return ' (remove the quotes)';
  }
  if (typeof data === 'number' && typeIncludes(schema, 'string')) {
    if (schema.pattern?.includes('ns|us')) return ' (a duration needs a unit, e.g. "10s")';
    return ' (quote it: edgecore will not start when a number is given for a string)';
  }
  if (typeof data === 'boolean' && typeIncludes(schema, 'string')) return ' (quote it: edgecore will not start when a boolean is given for a string)';
  if (data === null && typeIncludes(schema, 'object') && schema.additionalProperties === false) {
    return ': an empty section becomes nil, and edgecore dereferences it at startup';
  }
  return '';
}

function errorMessage(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as SchemaNode & { pattern?: string; format?: string };
  const data = error.data;
  switch (error.keyword) {
    case 'type':
      return `must be ${expectedTypes(schema)}, got ${describe(data)}${typeHint(schema, data)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const params = error.params as { comparison: string; limit: number };
      return `must be ${params.comparison} ${params.limit}, got ${describe(data)}`;
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).filter((v) => v !== null);
      const caseMatch = typeof data === 'string' ? allowed.find((v) => typeof v === 'string' && v.toLowerCase() === data.toLowerCase()) : undefined;
      const hint = caseMatch !== undefined ? ` (values are case-sensitive: "${String(caseMatch)}")` : '';
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(data)}${hint}`;
    }
    case 'pattern':
      if (schema.pattern?.includes('ns|us')) {
        return `must be a Go duration such as "10s", "1m30s" or "2h", got ${describe(data)}`;
      }
      return `must be a quantity such as "10Mi" or "500m", got ${describe(data)}`;
    case 'format': {
      const format = FORMATS[(error.params as { format: string }).format];
      if (format && typeof data === 'string') {
        const problem = format.check(data);
        return `must be ${format.expected}, got ${describe(data)}${problem ? `: ${problem}` : ''}`;
      }
      return `must match format ${(error.params as { format: string }).format}`;
    }
    default:
      return error.message ?? `is invalid (${error.keyword})`;
  }
}

// ------------------------------------------------------------------------------------------------
// Cross-field checks of validation.go that a JSON Schema does not express.
// ------------------------------------------------------------------------------------------------

function child(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** A boolean as edgecore ends up with it: absent or null keeps the default. */
function effectiveBool(value: unknown, fallback: boolean): boolean | undefined {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * edgecore asks httpServer for certificates only when its certificate files are missing at start, or
 * to rotate them (edge/pkg/edgehub/certificate/certmanager.go Start: getCurrent, then rotate when
 * RotateCertificates): an empty httpServer with rotation off belongs to a node whose certificates are
 * placed by other means (Ascend MEF writes its own), not to a wrong address.
 */
function unusedHttpServer(doc: unknown, error: ErrorObject): boolean {
  if (error.keyword !== 'format' || error.instancePath !== '/modules/edgeHub/httpServer' || error.data !== '') return false;
  return effectiveBool(child(child(child(doc, 'modules'), 'edgeHub'), 'rotateCertificates'), true) === false;
}

function checkEdgeHubTransport(doc: unknown, ctx: WalkContext, issues: SchemaIssue[]): void {
  const edgeHub = child(child(doc, 'modules'), 'edgeHub');
  // ValidateModuleEdgeHub returns early when edgeHub is disabled.
  if (effectiveBool(child(edgeHub, 'enable'), true) !== true) return;
  const websocket = effectiveBool(child(child(edgeHub, 'websocket'), 'enable'), true);
  const quic = effectiveBool(child(child(edgeHub, 'quic'), 'enable'), false);
  if (websocket === undefined || quic === undefined || websocket !== quic) return;
  const at =
    [
      '/modules/edgeHub/quic/enable',
      '/modules/edgeHub/websocket/enable',
      '/modules/edgeHub/quic',
      '/modules/edgeHub/websocket',
      '/modules/edgeHub',
    ]
      .map((pointer) => ctx.paths.get(pointer))
      .find((path) => path !== undefined) ?? ['modules'];
  issues.push({
    kind: 'invalid-value',
    path: at,
    message: websocket
      ? 'edgeHub.websocket.enable and edgeHub.quic.enable are both true: edgecore needs exactly one transport to cloudcore and refuses to start (validation.go)'
      : 'edgeHub.websocket.enable and edgeHub.quic.enable are both false: edgecore needs exactly one transport to cloudcore and refuses to start (validation.go)',
  });
}

// ------------------------------------------------------------------------------------------------

/** Validates a plain JS value (the parsed edgecore.yaml) against the schema of `version`. */
export function checkEdgecore(value: unknown, version: string): SchemaIssue[] {
  const resolved = resolveVersion(version);
  const root = edgecoreSchemaOf(resolved);
  if (!isPlainObject(value)) {
    return [{ kind: 'invalid-value', path: [], message: `an edgecore config must be a mapping, got ${describe(value)}` }];
  }
  const ctx: WalkContext = { root, version: resolved, issues: [], paths: new Map() };
  const normalized = normalize(value, root, [], '', [], ctx);

  const validate = edgecoreValidator(resolved);
  const issues = ctx.issues;
  if (!validate(normalized)) {
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      // Unknown keys were reported (and dropped) while normalizing.
      if (error.keyword === 'additionalProperties') continue;
      if (unusedHttpServer(normalized, error)) continue;
      // With a nullable union type Ajv may report a second error for the same place; keep one per place.
      const key = `${error.instancePath}|${error.keyword}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({
        kind: 'invalid-value',
        path: ctx.paths.get(error.instancePath) ?? error.instancePath.split('/').slice(1),
        message: errorMessage(error),
      });
    }
  }
  checkEdgeHubTransport(normalized, ctx, issues);
  return issues;
}

/** A place a key name occurs in a version's config: its path and whether it holds a scalar there. */
export interface EdgecoreKeyPlace {
  path: readonly string[];
  scalar: boolean;
}

const layouts = new Map<string, ReadonlyMap<string, readonly EdgecoreKeyPlace[]>>();

/**
 * Every key name of a version's EdgeCore config with the places it occurs (`enable` in 13 modules,
 * `mqttServerExternal` once, under modules.eventBus), from the generated schema; keys of list items
 * count under `[]`. For line edits of an edgecore.yaml whose text is unknown: whether a `KEY:` line
 * can be only one line of the file.
 */
export function edgecoreKeyLayout(version: string): ReadonlyMap<string, readonly EdgecoreKeyPlace[]> {
  const resolved = resolveVersion(version);
  let layout = layouts.get(resolved);
  if (!layout) {
    const places = new Map<string, EdgecoreKeyPlace[]>();
    const visit = (node: SchemaNode | undefined, path: string[], depth: number): void => {
      if (!node || depth > 32) return;
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const list = places.get(key) ?? [];
        list.push({ path: [...path, key], scalar: !typeIncludes(child, 'object') && !typeIncludes(child, 'array') && child.properties === undefined });
        places.set(key, list);
        visit(child, [...path, key], depth + 1);
      }
      if (node.items) visit(node.items, [...path, '[]'], depth + 1);
      if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, [...path, '*'], depth + 1);
    };
    visit(edgecoreSchemaOf(resolved), [], 0);
    layout = places;
    layouts.set(resolved, layout);
  }
  return layout;
}
