// Ajv validators compiled at build time (issue 13: "compile JSON Schemas at build time"). scripts/build.mjs
// swaps src/edgecore/validators.ts and src/config/config-validator.ts for modules generated here, so the
// CLI never compiles a schema at start: compiling one edgecore schema took ~200 ms of a one-file run.
// The options must stay those of the source modules (EDGECORE_AJV_OPTIONS, CONFIG_AJV_OPTIONS);
// test/build/precompiled-validators.test.ts checks both give the same errors.
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { sourceUrlComment } from './build-options.mjs';

const { _ } = Ajv;
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Every `format` a schema names (string values only: `format` is also a property name in the edgecore schema). */
function formatNames(schema) {
  const names = new Set();
  JSON.stringify(schema, (key, value) => {
    if (key === 'format' && typeof value === 'string') names.add(value);
    return value;
  });
  return [...names];
}

/**
 * The same schema with every struct below the top (a mapping with `properties`) moved under `$defs`
 * and referenced: Ajv then writes one function per struct instead of one 170 KB function, and V8
 * compiles only the functions of the sections a document holds (compiling the one big function on its
 * first call cost more than loading the file). Errors are the same but for `schemaPath`, which
 * edgelint does not read.
 */
export function splitSchema(schema) {
  const defs = {};
  const visit = (node, path) => {
    if (!node || typeof node !== 'object') return node;
    const copy = { ...node };
    if (copy.properties) {
      copy.properties = Object.fromEntries(
        Object.entries(copy.properties).map(([key, child]) => {
          const inner = visit(child, [...path, key]);
          if (!inner?.properties) return [key, inner];
          const name = [...path, key].join('.');
          defs[name] = inner;
          return [key, { $ref: `#/$defs/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` }];
        }),
      );
    }
    if (copy.items && typeof copy.items === 'object') copy.items = visit(copy.items, [...path, '[]']);
    if (copy.additionalProperties && typeof copy.additionalProperties === 'object') copy.additionalProperties = visit(copy.additionalProperties, [...path, '*']);
    return copy;
  };
  const top = visit(schema, []);
  return { ...top, $defs: { ...(top.$defs ?? {}), ...defs } };
}

/**
 * CommonJS standalone code of one edgecore schema: it reads its formats from a free variable
 * `edgecoreFormats` (name → { type, validate }) and may `require` Ajv's small runtime helpers.
 */
export function edgecoreStandalone(schema) {
  const ajv = new Ajv2020.default({ strict: true, allowUnionTypes: true, allErrors: true, verbose: true, inlineRefs: false, code: { source: true, formats: _`edgecoreFormats` } });
  ajv.addKeyword('x-edgelint-absent');
  // Only the names and types matter here: the generated code calls edgecoreFormats[name].validate.
  for (const name of formatNames(schema)) ajv.addFormat(name, { type: 'string', validate: () => true });
  return standaloneCode.default(ajv, ajv.compile(splitSchema(schema)));
}

/** CommonJS standalone code of the `.edgelint.yaml` schema. */
export function configStandalone(schema) {
  const ajv = new Ajv.default({ allErrors: true, strict: false, code: { source: true } });
  return standaloneCode.default(ajv, ajv.compile(schema));
}

/** The edgecore schema versions under schemas/edgecore/, e.g. [['1.23', '/…/v1.23.schema.json']]. */
function edgecoreSchemaFiles(root) {
  const dir = join(root, 'schemas/edgecore');
  return readdirSync(dir)
    .map((file) => /^v(\d+\.\d+)\.schema\.json$/.exec(file))
    .filter(Boolean)
    .map(([file, version]) => [version, join(dir, file)]);
}

/**
 * One CommonJS file per version under dist/validators/, required on first use: a run parses only the
 * validator of the version it checks (all eight in one chunk were 2.6 MB, and compiling that module
 * cost more than Ajv did).
 */
export function writeEdgecoreValidators(root, outdir) {
  mkdirSync(outdir, { recursive: true });
  for (const [version, file] of edgecoreSchemaFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const schema = JSON.parse(text);
    const code = sharedSchemaLiterals(edgecoreStandalone(schema), schema, splitSchema(schema));
    writeFileSync(
      join(outdir, `edgecore-${version}.cjs`),
      [
        `// Generated at build time by scripts/schema-validators.mjs from schemas/edgecore/v${version}.schema.json.`,
        // JSON.parse of a string is quicker than evaluating the same object literal.
        // One function expression, compiled by the bundles with vm.Script and the code cache beside it
        // (edgecore-<version>.cache, writeEdgecoreCodeCaches below).
        '(function (exports) {',
        `exports.schema = JSON.parse(${jsonLiteral(schema)});`,
        'exports.validator = function (edgecoreFormats) {',
        'const module = { exports: {} };',
        'const edgecoreSchema = exports.schema;',
        code,
        'return module.exports;',
        '};',
        '})',
        sourceUrlComment(`dist/validators/edgecore-${version}.cjs`),
      ]
        .join('\n')
        // ASCII only (the duration pattern's µs/μs as \u escapes, the same in a string or a regex
        // literal): Node decodes an ASCII file on its fast path and V8 keeps it as a one-byte string;
        // two characters made the whole 316 KB a two-byte string at every edgecore.yaml run (issue #13).
        .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
  }
}

/**
 * A JS string literal of `value`'s JSON text, ASCII at the JSON level: a character past U+007F is a
 * JSON `\\u` escape, which JSON.parse decodes, so the string V8 parses is one-byte. Escaped in the
 * JS literal instead (the file-wide replace below), the duration pattern's μs (U+03BC) made the whole
 * text a two-byte string, parsed on JSON's slower two-byte path at every edgecore.yaml run (issue #13).
 */
function jsonLiteral(value) {
  return JSON.stringify(JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * Ajv's standalone code holds the schema it checks against as object literals (`const schema19 =
 * {…}`, the whole split schema and again each struct under `$defs`: ~70 KB per version), for the
 * `schema` and `parentSchema` of its errors (`verbose`) and for enums. V8 builds an object literal's
 * boilerplate at its first evaluation, property by property (~4 M instructions of an edgecore.yaml
 * run, callgrind), and the code cache holds their descriptions. Each literal is the JSON text of a node
 * of the split schema (Ajv writes it with JSON.stringify), so it becomes a path to the same node of the
 * schema the file parses anyway (`edgecoreSchema`, declared by the caller: the engine reads it), the
 * objects shared, and nothing writes to them. A struct's node in the split schema holds `$ref`s where
 * the schema holds its members (see splitSchema), so it stands for the schema's node at the struct's
 * place: the same `type`, `additionalProperties` and keywords, the members written out, as the
 * validator compiled from source at run time has them (src/edgecore/validators.ts). Until session 26
 * the paths led into a second JSON.parse of the split schema (~3.5 M instructions per version loaded).
 * A literal found nowhere stays as it was.
 */
export function sharedSchemaLiterals(code, schema, split) {
  const paths = new Map();
  const refName = (node) => {
    const ref = node && typeof node === 'object' && Object.keys(node).length === 1 ? node.$ref : undefined;
    return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  };
  // `node` is a node of the split schema, `full` the schema's node at the same place.
  const index = (node, full, path) => {
    if (!node || typeof node !== 'object' || !full || typeof full !== 'object') return;
    const text = JSON.stringify(node);
    if (!paths.has(text)) paths.set(text, path);
    for (const [key, child] of Object.entries(node)) {
      if (!Object.hasOwn(full, key)) continue;
      const name = refName(child);
      const target = name !== undefined && refName(full[key]) === undefined ? split.$defs[name] : child;
      index(target, full[key], `${path}[${JSON.stringify(key)}]`);
    }
  };
  index(split, schema, 'edgecoreSchema');
  let out = '';
  let from = 0;
  for (const match of code.matchAll(/\bconst (schema\d+) = \{/g)) {
    const start = match.index + match[0].length - 1;
    // The literal ends at the first `;` after which the text so far is whole JSON.
    let end = code.indexOf(';', start);
    while (end !== -1 && !isJson(code.slice(start, end))) end = code.indexOf(';', end + 1);
    const path = end === -1 ? undefined : paths.get(code.slice(start, end));
    if (path === undefined) continue;
    out += `${code.slice(from, start)}${path}`;
    from = end;
  }
  return out + code.slice(from);
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * What replaces src/edgecore/validators.ts in the build: the same exports, reading
 * dist/validators/edgecore-<version>.cjs on first use.
 */
export function edgecoreValidatorsModule(root) {
  const versions = edgecoreSchemaFiles(root).map(([version]) => version);
  return [
    '// Generated at build time by scripts/schema-validators.mjs.',
    "import { readFileSync } from 'node:fs';",
    "import { basename, dirname, join } from 'node:path';",
    "import { fileURLToPath } from 'node:url';",
    "import { Script } from 'node:vm';",
    "import { FORMATS } from './formats.js';",
    "import { withDefaultV8Flags } from '../core/v8-flags.js';",
    'const edgecoreFormats = Object.fromEntries(Object.entries(FORMATS).map(([name, format]) => [name, { type: "string", validate: (value) => format.check(value) === undefined }]));',
    `const VERSIONS = new Set(${JSON.stringify(versions)});`,
    // Entry points sit in dist/, split chunks in dist/chunks/: the files are in dist/validators/ either way.
    // A path, not a URL: the CLI script's import.meta has its directory (src/cli-launcher.ts), and an
    // edgecore.yaml run then makes no URL (issue #13); Node 20.11 and later give ES modules one too.
    'const validatorsDir = () => {',
    '  const dir = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));',
    "  return join(dir, basename(dir) === 'chunks' ? '..' : '.', 'validators');",
    '};',
    'const loaded = new Map();',
    'const validators = new Map();',
    'function load(version) {',
    '  let file = loaded.get(version);',
    '  if (!file) {',
    '    if (!VERSIONS.has(version)) throw new Error(`no edgecore schema for ${version}`);',
    '    file = {};',
    '    compileValidatorFile(version)(file);',
    '    loaded.set(version, file);',
    '  }',
    '  return file;',
    '}',
    // As dist/cli.js does for the CLI (src/cli-launcher.ts): V8 compiled each validator's functions at
    // every run (~15% of an edgecore.yaml run); the cache the build made holds them. A missing cache,
    // or one V8 rejects (another Node, other V8 flags), only means V8 compiles the source.
    'function compileValidatorFile(version) {',
    '  const base = validatorsDir();',
    '  const path = join(base, `edgecore-${version}.cjs`);',
    '  let cachedData;',
    '  try {',
    '    cachedData = readFileSync(join(base, `edgecore-${version}.cache`));',
    '  } catch {}',
    // The cache was made under V8's default flags; the shell parser may have changed them (src/core/v8-flags.ts).
    "  return withDefaultV8Flags(() => new Script(readFileSync(path, 'utf8'), { filename: path, cachedData })).runInThisContext();",
    '}',
    'export function edgecoreSchemaOf(version) {',
    '  return load(version).schema;',
    '}',
    'export function edgecoreValidator(version) {',
    '  let validate = validators.get(version);',
    '  if (!validate) {',
    '    validate = load(version).validator(edgecoreFormats);',
    '    validators.set(version, validate);',
    '  }',
    '  return validate;',
    '}',
    '',
  ].join('\n');
}

export function configValidatorModule(root) {
  return [
    '// Generated at build time by scripts/schema-validators.mjs from schemas/config.schema.json.',
    'const module = { exports: {} };',
    configStandalone(readJson(join(root, 'schemas/config.schema.json'))),
    'export function configValidator() {',
    '  return module.exports;',
    '}',
    '',
  ].join('\n');
}

/** The esbuild plugin that swaps the two runtime-compiling modules for the generated ones. */
export function precompiledValidatorsPlugin(root) {
  return {
    name: 'edgelint-precompiled-validators',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]edgecore[\\/]validators\.ts$/ }, (args) => ({ contents: edgecoreValidatorsModule(root), loader: 'js', resolveDir: join(args.path, '..') }));
      build.onLoad({ filter: /[\\/]src[\\/]config[\\/]config-validator\.ts$/ }, (args) => ({ contents: configValidatorModule(root), loader: 'js', resolveDir: join(args.path, '..') }));
    },
  };
}

/**
 * dist/validators/edgecore-<version>.cache: the V8 code cache of each version's validator, taken in a
 * child process after validating the examples' edgecore.yaml files with it, so it holds the
 * functions of the structs a real file reaches (https://nodejs.org/docs/latest-v20.x/api/vm.html#scriptcreatecacheddata).
 * A second child checks V8 accepts every cache, so one it would always reject never ships.
 */
export function writeEdgecoreCodeCaches(root, outdir) {
  const env = { ...process.env };
  // V8 rejects a cache made under other flags; NODE_OPTIONS of whoever builds must not leak into it.
  delete env.NODE_OPTIONS;
  const self = fileURLToPath(import.meta.url);
  execFileSync(process.execPath, [self, '--train', outdir], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const verdicts = execFileSync(process.execPath, [self, '--check', outdir], { cwd: root, env, encoding: 'utf8' }).trim();
  if (verdicts !== 'accepted') throw new Error(`V8 rejects code caches the build made in ${outdir}: ${verdicts}`);
}

/** The examples' edgecore.yaml files, as objects. */
async function trainingDocuments(root) {
  const { parse } = await import('yaml');
  return ['examples/fleet', 'examples/fleet-fixed'].map((dir) => parse(readFileSync(join(root, dir, 'edge/etc/kubeedge/config/edgecore.yaml'), 'utf8')));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && (process.argv[2] === '--train' || process.argv[2] === '--check')) {
  const mode = process.argv[2];
  const outdir = process.argv[3];
  const root = fileURLToPath(new URL('..', import.meta.url));
  const documents = mode === '--train' ? await trainingDocuments(root) : [];
  // Any format accepts: the cache holds compiled code, not results (the format checks are src/edgecore/formats.ts).
  const formats = new Proxy({}, { get: () => ({ type: 'string', validate: () => true }) });
  const rejected = [];
  for (const [version] of edgecoreSchemaFiles(root)) {
    const file = join(outdir, `edgecore-${version}.cjs`);
    const cache = join(outdir, `edgecore-${version}.cache`);
    const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData: mode === '--check' ? readFileSync(cache) : undefined });
    if (mode === '--check') {
      if (script.cachedDataRejected) rejected.push(version);
      continue;
    }
    const exports = {};
    script.runInThisContext()(exports);
    const validate = exports.validator(formats);
    for (const document of documents) validate(document);
    writeFileSync(cache, script.createCachedData());
  }
  if (mode === '--check') process.stdout.write(rejected.length ? `rejected: ${rejected.join(', ')}` : 'accepted');
}
