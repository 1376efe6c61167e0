// dist/cli.js compiles the CLI (dist/cli-main.cjs) with the V8 code cache the build made
// (dist/cli-main.cache: src/cli-launcher.ts, scripts/cli-code-cache.mjs, issue #13), and the bundles
// compile each edgecore validator with its own (dist/validators/*.cache: scripts/schema-validators.mjs).
// The caches may only change how fast a run starts: with it, without it, and with one V8 rejects (cut short,
// garbage, made under other V8 flags as another Node would be), every run prints the same bytes,
// exits with the same code and says nothing of the cache.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/run-cli.js';
import { tempDir } from '../temp.js';

// The directory runs read dist/cli-main.cache; runs naming only files, no script, read
// dist/cli-main-files.cache, or dist/cli-main-units.cache when no file is named as YAML or JSON;
// runs naming files and a script dist/cli-main-scripts.cache, or dist/cli-main-long-scripts.cache
// when they are 4 KB or more in all (src/cli-launcher.ts).
// Directory runs also compile dist/cli-chunks/globby.cjs, script runs dist/cli-chunks/web-tree-sitter.cjs,
// each with its cache.
const RUNS: string[][] = [
  ['--exit-zero', 'examples'],
  ['examples/fleet/edge/etc/systemd/system/mosquitto.service'],
  ['--format', 'json', 'examples/fleet/edge/etc/kubeedge/config/edgecore.yaml', 'examples/fleet/cloud/sensor-agent.yaml'],
  ['--format', 'json', 'examples/fleet'],
  ['--format', 'sarif', 'examples/scripted'],
  ['--fix-dry-run', 'examples/fleet'],
  ['--format', 'json', 'examples/scripted/edge/install.sh', 'examples/fleet/edge/etc/kubeedge/config/edgecore.yaml'],
  // A script and files of 4 KB or more in all.
  ['--format', 'json', 'examples/scripted/edge/install.sh', 'examples/fleet/cloud/cloudcore-rendered.yaml'],
  // A glob: the walk's chunk imports globby's.
  ['--format', 'json', 'examples/fleet/cloud/*.yaml'],
];

/** A copy of the built package (package.json and dist/) whose cache a test may spoil. */
function copyOfPackage(): string {
  const dir = tempDir('code-cache');
  cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true, filter: (path) => !path.includes(`${join('dist', 'types')}`) });
  cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  return dir;
}

function run(pkg: string, args: string[], nodeArgs: string[] = []) {
  const result = spawnSync(process.execPath, [...nodeArgs, join(pkg, 'dist/cli.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What V8 makes of the package's caches under `nodeArgs`: the CLI's, then the validators' ('accepted' or 'rejected…'). */
function verdict(pkg: string, nodeArgs: string[] = []): string[] {
  const check = (script: string, dir: string) =>
    spawnSync(process.execPath, [...nodeArgs, join(repoRoot, script), '--check', join(pkg, dir)], { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8' }).stdout.replace(/:.*/, '');
  return [check('scripts/cli-code-cache.mjs', 'dist'), check('scripts/schema-validators.mjs', 'dist/validators')];
}

/** Every code cache in a package: the CLI's, its chunks' (the walk, globby, web-tree-sitter) and the validators'. */
function cachesOf(pkg: string): string[] {
  const validators = join(pkg, 'dist/validators');
  const chunks = join(pkg, 'dist/cli-chunks');
  return [
    join(pkg, 'dist/cli-main.cache'),
    join(pkg, 'dist/cli-main-files.cache'),
    join(pkg, 'dist/cli-main-scripts.cache'),
    join(pkg, 'dist/cli-main-long-scripts.cache'),
    join(pkg, 'dist/cli-main-units.cache'),
    ...readdirSync(chunks).filter((f) => f.endsWith('.cache')).map((f) => join(chunks, f)),
    ...readdirSync(validators).filter((f) => f.endsWith('.cache')).map((f) => join(validators, f)),
  ];
}

describe('the CLI code cache', () => {
  let built: string;
  let expected: Array<ReturnType<typeof run>>;
  beforeAll(() => {
    built = copyOfPackage();
    expected = RUNS.map((args) => run(built, args));
  });

  it('is shipped and accepted by the Node that built it', () => {
    expect(verdict(repoRoot)).toEqual(['accepted', 'accepted']);
    expect(verdict(built)).toEqual(['accepted', 'accepted']);
    expect(cachesOf(built)).toHaveLength(16);
    expect(expected.map((r) => r.status)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1]);
    for (const r of expected) expect(r.stdout.length).toBeGreaterThan(100);
  });

  const spoilt: Array<[string, (cache: Buffer) => Buffer | undefined]> = [
    ['missing', () => undefined],
    ['empty', () => Buffer.alloc(0)],
    ['cut short', (cache) => cache.subarray(0, cache.length >> 1)],
    ['garbage of the same length', (cache) => Buffer.from(cache.map((_, i) => (i * 7919 + 13) & 0xff))],
  ];
  it.each(spoilt)('changes no output when %s (V8 compiles the source)', (_, spoil) => {
    const pkg = copyOfPackage();
    let spoiltCache = false;
    for (const file of cachesOf(pkg)) {
      const cache = spoil(readFileSync(file));
      if (cache) writeFileSync(file, cache);
      else rmSync(file);
      spoiltCache = cache !== undefined;
    }
    if (spoiltCache) expect(verdict(pkg)).toEqual(['rejected', 'rejected']);
    expect(RUNS.map((args) => run(pkg, args))).toEqual(expected);
  });

  it('changes no output when V8 rejects it for other flags, as under another Node', () => {
    // V8 stamps its version and a hash of its flags into the cache; another flag stands in for
    // another V8 here (`--no-opt` changes no result, only how code is optimised).
    expect(verdict(built, ['--no-opt'])).toEqual(['rejected', 'rejected']);
    expect(RUNS.map((args) => run(built, args, ['--no-opt']))).toEqual(expected);
  });
});

// V8 11.3 keeps the script name a code cache was trained under and ignores vm.Script's filename when it
// accepts the cache: --debug traces named the build's temporary dist.staging-<pid>/ directory. Each
// cached script names itself with a sourceURL comment (scripts/build-options.mjs sourceUrlComment).
describe('stack traces through cached scripts', () => {
  /** A preload that throws from the first Array#sort the CLI script itself calls. */
  function throwingPreload(): string {
    const dir = tempDir('trace-preload');
    const file = join(dir, 'throw-in-sort.cjs');
    writeFileSync(
      file,
      [
        'const sort = Array.prototype.sort;',
        'Array.prototype.sort = function (...args) {',
        "  if (/cli-main\\.cjs:\\d+/.test(new Error().stack ?? '')) throw new Error('thrown for the trace test');",
        '  return sort.apply(this, args);',
        '};',
      ].join('\n'),
    );
    return file;
  }

  it.each([
    ['with the cache', false],
    ['without it', true],
  ])('name the installed script, %s', (_, withoutCache) => {
    const pkg = copyOfPackage();
    if (withoutCache) for (const file of cachesOf(pkg)) rmSync(file);
    const { stderr } = run(pkg, ['--debug', 'examples/fleet/cloud/sensor-agent.yaml'], ['--require', throwingPreload()]);
    expect(stderr).toContain('thrown for the trace test');
    expect(stderr).toMatch(/\bedgelint\/dist\/cli-main\.cjs:\d+:\d+/);
    expect(stderr).not.toContain('dist.staging');
  });
});
