#!/usr/bin/env node
// Builds schemas/kubernetes.json, the compact schema table behind the `k8s/schema` rule, from
//   - the Kubernetes API types of `kubernetes-models` (its .d.ts declarations give every field, its
//     enum values and which fields are required; its precompiled Ajv validators, probed once here,
//     tell integer and int32 fields from other numbers), and
//   - data/kubeedge-crds.yaml and data/kubeedge-crds-v1alpha2.yaml, the openAPIV3Schema of KubeEdge's
//     own CRDs (see data/SOURCES.md).
// Nothing of kubernetes-models is loaded at run time: the table is all the rule needs.
//
//   node scripts/gen-k8s-schemas.mjs           write the table
//   node scripts/gen-k8s-schemas.mjs --check   exit 1 when the committed table is stale
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'schemas/kubernetes.json';
/** KubeEdge's CRDs: the stored versions, and the devices v1alpha2 versions still served beside them. */
const CRD_FILES = ['data/kubeedge-crds.yaml', 'data/kubeedge-crds-v1alpha2.yaml'];

/**
 * Fields the Kubernetes versions KubeEdge 1.16-1.23 clusters run (1.27-1.32) still read but the
 * kubernetes-models schema (Kubernetes 1.33) no longer declares: tolerated, never reported.
 */
const REMOVED_FIELDS = {
  // PodResourceClaim.source (ClaimSource) was replaced by resourceClaimName/resourceClaimTemplateName in 1.31.
  'core/v1.PodResourceClaim': { source: 'any' },
  // PersistentVolumeClaimStatus.resizeStatus was replaced by allocatedResourceStatuses in 1.28.
  'core/v1.PersistentVolumeClaimStatus': { resizeStatus: 'string' },
};

/**
 * Fields the API server's validation requires non-empty while the OpenAPI schema marks them optional
 * (a container's `image`): data/k8s-required-by-validation.json, with its source.
 */
const REQUIRED_BY_VALIDATION = JSON.parse(readFileSync(path.join(root, 'data/k8s-required-by-validation.json'), 'utf8'));

/** Aliases of kubernetes-models whose meaning is not their TypeScript type. */
const ALIASES = {
  IoK8sApimachineryPkgUtilIntstrIntOrString: 'int-or-string',
  IoK8sApimachineryPkgApiResourceQuantity: 'quantity',
};

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== '_schemas' && name !== 'node_modules') walk(full, out);
    } else if (name.endsWith('.d.ts') && name !== 'index.d.ts') out.push(full);
  }
  return out;
}

/** `kubernetes-models/apps/v1/DaemonSet.d.ts` → `apps/v1.DaemonSet`; `v1/Pod` → `core/v1.Pod`. */
function keyOf(pkgDir, file) {
  const rel = path.relative(pkgDir, file).replace(/\\/g, '/').replace(/\.d\.ts$/, '');
  const parts = rel.split('/');
  const name = parts.pop();
  let gv = parts.join('/');
  if (/^v\d/.test(gv)) gv = `core/${gv}`;
  gv = gv.replace(/^apis\/meta\//, 'meta/').replace(/^api\/resource$/, 'resource').replace(/^util\/intstr$/, 'intstr');
  return `${gv}.${name}`;
}

/** Reads every interface and type alias of a kubernetes-models package. */
function readPackage(pkgDir, decls) {
  for (const file of walk(pkgDir)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const local = new Map();
    let globalId;
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) local.set(st.name.text, st);
      if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          if (el.propertyName && local.has(el.propertyName.text) && el.name.text.startsWith('IIoK8s')) {
            globalId = el.name.text.slice(1);
            decls.set(globalId, { key: keyOf(pkgDir, file), node: local.get(el.propertyName.text), local, pkgDir });
          }
        }
      }
    }
  }
}

function typeOf(node, decl, decls) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return 'any';
    case ts.SyntaxKind.LiteralType:
      if (ts.isStringLiteral(node.literal)) return { enum: [node.literal.text] };
      break;
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((t) => typeOf(t, decl, decls));
      if (parts.every((p) => typeof p === 'object' && p.enum)) return { enum: parts.flatMap((p) => p.enum).sort() };
      if (parts.length === 2 && parts.includes('string') && parts.includes('number')) return 'int-or-string';
      break;
    }
    case ts.SyntaxKind.TypeReference: {
      const name = ts.isIdentifier(node.typeName) ? node.typeName.text : undefined;
      if (name === 'Array' && node.typeArguments?.length === 1) return { items: typeOf(node.typeArguments[0], decl, decls) };
      if (name?.startsWith('IIoK8s')) return refOf(name.slice(1), decls);
      if (name && decl.local.has(name)) {
        for (const [id, d] of decls) if (d.node === decl.local.get(name)) return refOf(id, decls);
      }
      break;
    }
    case ts.SyntaxKind.TypeLiteral: {
      const index = node.members.find((m) => ts.isIndexSignatureDeclaration(m));
      if (index) return { map: typeOf(index.type, decl, decls) };
      return objectOf(node.members, decl, decls);
    }
    default:
      break;
  }
  throw new Error(`unsupported type ${ts.SyntaxKind[node.kind]} in ${decl.key}`);
}

function refOf(id, decls) {
  if (ALIASES[id]) return ALIASES[id];
  const decl = decls.get(id);
  if (!decl) throw new Error(`unknown type ${id}`);
  if (ts.isTypeAliasDeclaration(decl.node)) return typeOf(decl.node.type, decl, decls);
  // An interface without members is a free-form value in the API (RawExtension, JSON, FieldsV1).
  if (decl.node.members.length === 0) return 'any';
  return `#${decl.key}`;
}

function objectOf(members, decl, decls) {
  const properties = {};
  const required = [];
  for (const m of members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : undefined;
    if (name === undefined) continue;
    properties[name] = typeOf(m.type, decl, decls);
    if (!m.questionToken && name !== 'apiVersion' && name !== 'kind') required.push(name);
  }
  const out = { properties: sortKeys(properties) };
  if (required.length) out.required = required.sort();
  return out;
}

function sortKeys(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The .d.ts says `number` for integers and floats alike; the package's Ajv validator knows. A value of
 * 0.5 for every number field of a type, and the validator's `type: integer` / `format: int32` errors
 * name the integer fields (decoding a float or an out-of-range number into a Go int fails).
 */
async function refineNumbers(id, decl, def) {
  const numeric = Object.entries(def.properties).filter(([, t]) => t === 'number' || (typeof t === 'object' && t.items === 'number'));
  if (!numeric.length) return;
  const file = path.join(decl.pkgDir, '_schemas', `${id}.mjs`);
  const { validate } = await import(pathToFileURL(file).href);
  const probe = {};
  for (const [name, t] of numeric) probe[name] = t === 'number' ? 0.5 : [0.5];
  validate(probe);
  for (const [name, t] of numeric) {
    const errors = (validate.errors ?? []).filter((e) => e.instancePath === `/${name}` || e.instancePath === `/${name}/0`);
    const kind = errors.some((e) => e.keyword === 'format' && e.params.format === 'int32') ? 'int32' : errors.some((e) => e.keyword === 'type' && e.params.type === 'integer') ? 'integer' : 'number';
    def.properties[name] = t === 'number' ? kind : { items: kind };
  }
}

/** The compact form of a CRD openAPIV3Schema node (structural schema, as the API server reads it). */
function crdType(node, where) {
  if (node['x-kubernetes-int-or-string']) return 'int-or-string';
  if (node['x-kubernetes-embedded-resource'] || node['x-edgelint-embedded']) return 'embedded';
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  switch (node.type) {
    case 'string':
      return node.enum ? { enum: [...node.enum].map(String).sort() } : 'string';
    case 'integer':
      return node.enum ? { enum: [...node.enum].sort((a, b) => a - b), type: 'integer' } : 'integer';
    case 'number':
    case 'boolean':
      return node.type;
    case 'array':
      return { items: node.items ? crdType(node.items, `${where}[]`) : 'any' };
    case 'object': {
      if (node.properties) {
        const properties = {};
        for (const [k, v] of Object.entries(node.properties)) properties[k] = where === '' && k === 'metadata' ? '#meta/v1.ObjectMeta' : crdType(v, `${where}.${k}`);
        const out = { properties: sortKeys(properties) };
        if (node.required?.length) out.required = [...node.required].sort();
        if (preserve) out.preserve = true;
        return out;
      }
      if (node.additionalProperties && typeof node.additionalProperties === 'object') return { map: crdType(node.additionalProperties, `${where}.*`) };
      // No properties: with preserve-unknown-fields anything is kept; without, the API server prunes
      // every field, which is beyond a schema check (an empty object is what the CRD asks for).
      return 'any';
    }
    default:
      if (preserve || node.anyOf || node.type === undefined) return 'any';
      throw new Error(`unsupported CRD type ${node.type} at ${where}`);
  }
}

export async function generateK8sSchemas() {
  const decls = new Map();
  readPackage(path.join(root, 'node_modules/@kubernetes-models/apimachinery'), decls);
  readPackage(path.join(root, 'node_modules/kubernetes-models'), decls);
  const types = {};
  const kinds = {};
  const ids = [...decls.keys()].sort();
  for (const id of ids) {
    const decl = decls.get(id);
    if (!ts.isInterfaceDeclaration(decl.node) || decl.node.members.length === 0) continue;
    const def = objectOf(decl.node.members, decl, decls);
    await refineNumbers(id, decl, def);
    Object.assign(def.properties, REMOVED_FIELDS[decl.key] ?? {});
    const nonEmpty = REQUIRED_BY_VALIDATION[decl.key];
    if (nonEmpty) {
      for (const name of nonEmpty) if (!(name in def.properties)) throw new Error(`${decl.key}.${name}: no such field (data/k8s-required-by-validation.json)`);
      def.required = [...new Set([...(def.required ?? []), ...nonEmpty])].sort();
      def.nonEmpty = [...nonEmpty].sort();
    }
    def.properties = sortKeys(def.properties);
    types[decl.key] = def;
    const apiVersion = def.properties.apiVersion;
    const kind = def.properties.kind;
    if (apiVersion?.enum?.length === 1 && kind?.enum?.length === 1 && !kind.enum[0].endsWith('List')) {
      kinds[`${apiVersion.enum[0]}/${kind.enum[0]}`] = `#${decl.key}`;
    }
  }
  const crds = CRD_FILES.flatMap((file) => parseAllDocuments(readFileSync(path.join(root, file), 'utf8')).map((d) => d.toJS()));
  // Every version the CRDs of supported KubeEdge releases serve, by `<group>/<kind>`: any other
  // version of a kind of these groups is one kubectl cannot map ("no matches for kind").
  const served = {};
  for (const crd of crds) {
    const key = `${crd.group}/${crd.version}.${crd.kind}`;
    types[key] = crdType(crd.schema, '');
    kinds[`${crd.group}/${crd.version}/${crd.kind}`] = `#${key}`;
    if (!Array.isArray(crd.served) || !crd.served.includes(crd.version)) throw new Error(`${key}: served must list the versions the CRD serves, its schema's version included`);
    const versions = [...crd.served].sort();
    const known = served[`${crd.group}/${crd.kind}`];
    // Two versions of one kind are versions of one CRD: they must agree on what it serves.
    if (known && known.join() !== versions.join()) throw new Error(`${key}: served ${versions.join(', ')} differs from another version's ${known.join(', ')}`);
    served[`${crd.group}/${crd.kind}`] = versions;
  }
  const table = {
    $comment: [
      'Generated by scripts/gen-k8s-schemas.mjs from kubernetes-models (Kubernetes API 1.33.0), data/kubeedge-crds.yaml and data/kubeedge-crds-v1alpha2.yaml; do not edit (a test fails when stale).',
      'served: the versions the CRDs of KubeEdge 1.16-1.23 serve, by "<group>/<kind>".',
      'Types: "string", "boolean", "number", "integer", "int32", "int-or-string", "quantity", "any" (kept as written), "embedded" (a whole object, checked against its own kind), "#<type>" (a named type), { "enum": [...] }, { "items": T }, { "map": T }, { "properties": {...}, "required": [...], "nonEmpty": [...], "preserve": true } (nonEmpty: required fields an empty string leaves unset, as the API server\'s validation reads them).',
    ],
    kubernetes: '1.33.0',
    kinds: sortKeys(kinds),
    served: sortKeys(served),
    types: sortKeys(types),
  };
  return render(table);
}

/** One line per kind and type: small diffs, and a file that is still quick to parse. */
function render(table) {
  const lines = ['{'];
  lines.push(`  "$comment": ${JSON.stringify(table.$comment)},`);
  lines.push(`  "kubernetes": ${JSON.stringify(table.kubernetes)},`);
  for (const section of ['kinds', 'served', 'types']) {
    lines.push(`  "${section}": {`);
    const entries = Object.entries(table[section]);
    entries.forEach(([k, v], i) => lines.push(`    ${JSON.stringify(k)}: ${JSON.stringify(v)}${i + 1 < entries.length ? ',' : ''}`));
    lines.push(section === 'types' ? '  }' : '  },');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = await generateK8sSchemas();
  const target = path.join(root, OUT);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${OUT} is stale: run node scripts/gen-k8s-schemas.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${OUT} (${text.length} bytes)`);
  }
}
