#!/usr/bin/env node
// Builds schemas/edgecore/v<minor>.schema.json from data/edgecore-keys.json, so the eight schemas
// cannot drift apart: a key is written once with its `since`/`removedIn` and every version is derived.
//
//   node scripts/gen-edgecore-schemas.mjs           write the schemas
//   node scripts/gen-edgecore-schemas.mjs --check   exit 1 when a committed schema is stale
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Go's time.ParseDuration grammar (metav1.Duration unmarshals a JSON string through it): "0", or
// one or more <decimal><unit> pairs with an optional sign. A bare number is rejected by the decoder.
export const DURATION_PATTERN = '^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$';
// resource.Quantity text: a decimal with an optional binary/decimal SI suffix or exponent.
export const QUANTITY_PATTERN = '^[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };
const UINT8 = { minimum: 0, maximum: 255 };

function minorKey(v) {
  const [major, minor] = v.split('.').map(Number);
  return major * 1000 + minor;
}

/** True when the key exists in `version`. */
function presentIn(node, version) {
  if (node.since && minorKey(version) < minorKey(node.since)) return false;
  if (node.removedIn && minorKey(version) >= minorKey(node.removedIn)) return false;
  return true;
}

function defaultFor(node, version) {
  if (node.defaults) {
    let chosen;
    for (const [from, value] of Object.entries(node.defaults)) {
      if (minorKey(from) <= minorKey(version)) chosen = value;
    }
    return chosen;
  }
  return node.default;
}

function resolve(node, data) {
  if (typeof node === 'string') return { type: node };
  if (node.ref) {
    const def = data.definitions[node.ref];
    if (!def) throw new Error(`unknown definition ${node.ref}`);
    return { ...def, ...node, ref: undefined, type: def.type };
  }
  return node;
}

function scalarSchema(type) {
  // sigs.k8s.io/yaml turns YAML null into JSON null, and encoding/json leaves a non-pointer field
  // unchanged (and sets a pointer, slice or map to nil) for null: null is accepted everywhere
  // except for struct sections, which edgecore dereferences (see struct below).
  switch (type) {
    case 'string':
      return { type: ['string', 'null'] };
    case 'bool':
      return { type: ['boolean', 'null'] };
    case 'int32':
      return { type: ['integer', 'null'], ...INT32 };
    case 'int64':
    case 'int':
      return { type: ['integer', 'null'] };
    case 'uint8':
      return { type: ['integer', 'null'], ...UINT8 };
    case 'float64':
      return { type: ['number', 'null'] };
    case 'duration':
      return { type: ['string', 'null'], pattern: DURATION_PATTERN };
    case 'quantity':
      return { type: ['string', 'null'], pattern: QUANTITY_PATTERN };
    case 'duration-or-nanoseconds':
      // component-base TimeOrMetaDuration: a duration string or an integer of nanoseconds.
      return { type: ['string', 'integer', 'null'], pattern: DURATION_PATTERN };
    case 'unknown':
      return {};
    default:
      throw new Error(`unknown scalar type ${type}`);
  }
}

function build(nodeIn, data, version, dotted) {
  const node = resolve(nodeIn, data);
  let schema;
  switch (node.type) {
    case 'struct':
    case 'object': {
      const properties = {};
      const absent = {};
      for (const [key, childIn] of Object.entries(node.properties)) {
        const child = resolve(childIn, data);
        const childPath = dotted ? `${dotted}.${key}` : key;
        if (presentIn(child, version)) {
          properties[key] = build(childIn, data, version, childPath);
        } else if (child.removedIn && minorKey(version) >= minorKey(child.removedIn)) {
          absent[key] = { removedIn: child.removedIn, ...(child.replacedBy ? { replacedBy: child.replacedBy } : {}) };
        } else {
          absent[key] = { since: child.since };
        }
      }
      if (node.type === 'struct') {
        // A pointer-to-struct section set to null becomes nil, and edgecore dereferences the
        // sections at startup (validation.go ValidateEdgeCoreConfiguration): a mapping is required.
        schema = { type: 'object', additionalProperties: false, properties };
      } else {
        schema = { type: ['object', 'null'], properties };
      }
      if (Object.keys(absent).length > 0) schema['x-edgelint-absent'] = absent;
      break;
    }
    case 'map': {
      const values = scalarSchema(node.values);
      schema = { type: ['object', 'null'], additionalProperties: values };
      break;
    }
    case 'list': {
      const item = resolve(node.items, data);
      const items = item.type === 'struct' || item.type === 'object' ? build(node.items, data, version, `${dotted}[]`) : scalarSchema(item.type);
      schema = { type: ['array', 'null'], items };
      break;
    }
    default:
      schema = scalarSchema(node.type);
  }
  const out = {};
  if (node.description) out.description = node.description;
  const comments = [];
  if (node.since) comments.push(`Read from KubeEdge ${node.since}.`);
  if (node.defaults) {
    comments.push(
      `Default changed: ${Object.entries(node.defaults)
        .map(([from, v]) => `${JSON.stringify(v)} from ${from}`)
        .join(', ')}.`,
    );
  }
  if (comments.length > 0) out.$comment = comments.join(' ');
  Object.assign(out, schema);
  if (node.enum) out.enum = node.type === 'string' ? [...node.enum, null] : node.enum;
  if (node.minimum !== undefined) out.minimum = node.minimum;
  if (node.maximum !== undefined) out.maximum = node.maximum;
  if (node.format) out.format = node.format;
  const def = defaultFor(node, version);
  if (def !== undefined) out.default = def;
  if (node.example) out.examples = [node.example];
  return out;
}

/** Every schema file this script writes, keyed by path relative to the repository root. */
export function generateEdgecoreSchemas(data) {
  const files = {};
  for (const version of data.versions) {
    const body = build(data.root, data, version, '');
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:edgelint:schema:edgecore:${version}`,
      title: `edgecore.yaml for KubeEdge ${version} (edgecore.config.kubeedge.io/v1alpha2, kind EdgeCore)`,
      $comment:
        `Generated by scripts/gen-edgecore-schemas.mjs from data/edgecore-keys.json; do not edit. ` +
        `Key names, Go types and defaults follow the v1alpha2 types.go/default.go/default_kubelet_configuration.go/validation.go of kubeedge/kubeedge ` +
        `(pkg/apis/componentconfig/edgecore/v1alpha2 up to v1.18, staging/src/github.com/kubeedge/api/apis/componentconfig/edgecore/v1alpha2 from v1.19); ` +
        `per-version additions and removals come from the facts verified at every tag v1.16.0-v1.23.1 (see data/edgecore-keys.json), other keys are interpolated as unchanged. ` +
        `edgecore decodes with sigs.k8s.io/yaml (case-insensitive field names, unknown fields ignored): additionalProperties false marks what edgecore would silently ignore. ` +
        `x-edgelint-absent lists keys of other versions that this version does not read.`,
      ...body,
    };
    files[`schemas/edgecore/v${version}.schema.json`] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}

export function loadKeyData() {
  return JSON.parse(readFileSync(path.join(root, 'data/edgecore-keys.json'), 'utf8'));
}

function main() {
  const files = generateEdgecoreSchemas(loadKeyData());
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (check) {
      let current = '';
      try {
        current = readFileSync(abs, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== content) {
        stale++;
        console.error(`stale: ${rel}`);
      }
    } else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
  if (check && stale > 0) {
    console.error('run: node scripts/gen-edgecore-schemas.mjs');
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
