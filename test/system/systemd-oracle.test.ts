/**
 * Oracle: edgelint's reading of systemd units held to systemd's own. Each unit is written to a
 * temporary folder and given to the real `systemd-analyze verify`, whose log names every line systemd
 * warns about or refuses; edgelint must report exactly the lines of the kinds it models, and no other.
 * Units come from a table of the quirks edgelint claims to follow and from fast-check, which strings
 * lines of those kinds together. The key table (data/systemd.json) is also held to this machine's
 * `systemd --dump-configuration-items`. Part of `npm run test:system`; .ci/run installs systemd first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import systemdData from '../../data/systemd.json' with { type: 'json' };
import { lint } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'edgelint-systemd-oracle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SYSTEMD_BINARY = ['/usr/lib/systemd/systemd', '/lib/systemd/systemd'].find((p) => existsSync(p));

function analyzeVersion(): number {
  const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`The systemd oracle needs \`systemd-analyze\` (${probe.error?.message ?? probe.stderr}). Install it with \`apt-get install -y systemd\`.`);
  }
  return Number(/systemd (\d+)/.exec(probe.stdout)?.[1]);
}

/** What this machine's systemd reads in each section (its own table). */
function installedKeys(): Map<string, Set<string>> {
  if (!SYSTEMD_BINARY) throw new Error('The systemd oracle needs the systemd binary (/lib/systemd/systemd): `apt-get install -y systemd`.');
  const dump = spawnSync(SYSTEMD_BINARY, ['--dump-configuration-items'], { encoding: 'utf8' }).stdout;
  const sections = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const line of dump.split('\n')) {
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) sections.set(header[1], (current = new Set()));
    else if (current && /^[A-Za-z][A-Za-z0-9]*=/.test(line)) current.add(line.slice(0, line.indexOf('=')));
  }
  return sections;
}

const version = analyzeVersion();
const installed = installedKeys();

/** Keys our table knows that this systemd does not (added in later releases): it reports them, we must not. */
function newerThanInstalled(section: string, key: string): boolean {
  const ours = (systemdData.sections as Record<string, string[]>)[section];
  return ours !== undefined && ours.includes(key) && !(installed.get(section)?.has(key) ?? false);
}

/**
 * The kinds of systemd log lines edgelint models, each as systemd words it (src/shared/conf-parser.c,
 * src/core/load-fragment.c, src/basic/extract-word.c); the rest ("is not executable", deprecations)
 * are about the node, not the text.
 */
const MODELLED = [
  /^Unknown key '([^']+)' in section \[([^\]]+)\], ignoring\.$/,
  /^Unknown key name '([^']+)' in section '([^']+)', ignoring\.$/,
  /^Unknown section '/,
  /^Invalid section header '/,
  /^Assignment outside of section\. Ignoring\.$/,
  /^Missing '=', ignoring line\.$/,
  /^Missing key name before '=', ignoring line\.$/,
  /^Failed to parse service type, ignoring/,
  /^Ignoring unknown escape sequences/,
  /^Failed to resolve (unit )?specifiers/,
  /^Invalid syntax, ignoring/,
  /^Invalid environment assignment, ignoring/,
  /^Unbalanced quoting, ignoring/,
];

interface Verdict {
  /** Lines systemd logs a modelled complaint about, in order. */
  systemd: number[];
  edgelint: number[];
}

async function judge(name: string, text: string): Promise<Verdict> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const run = spawnSync('systemd-analyze', ['verify', '--man=no', path], { encoding: 'utf8', timeout: 30_000 });
  const systemd: number[] = [];
  let fatal = false;
  for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
    if (/fatal error|bad unit file setting/.test(line)) fatal = true;
    const m = /^.+?:(\d+): (.*)$/.exec(line);
    if (!m) continue;
    const kind = MODELLED.find((re) => re.test(m[2]));
    if (!kind) continue;
    const unknown = /^Unknown key (?:name )?'([^']+)' in section \[?([^\]']+)\]?, ignoring\.$/.exec(m[2]);
    if (unknown && newerThanInstalled(unknown[2], unknown[1])) continue;
    systemd.push(Number(m[1]));
  }
  const result = await lint({ files: [{ path: name, content: text }], config: {} });
  let edgelint = result.findings.filter((f) => f.ruleId === 'core/parse-error' || f.ruleId === 'systemd/unknown-key').map((f) => f.line);
  // A fatal setting ends systemd's parse: it never reads the lines after it, edgelint does.
  if (fatal && systemd.length > 0) edgelint = edgelint.filter((l) => l <= Math.max(...systemd));
  return { systemd: [...new Set(systemd)].sort((a, b) => a - b), edgelint: [...new Set(edgelint)].sort((a, b) => a - b) };
}

describe(`systemd oracle (systemd ${version})`, () => {
  it('data/systemd.json knows every key the installed systemd reads in the sections edgelint checks', () => {
    const missing: string[] = [];
    for (const [section, keys] of Object.entries(systemdData.sections as Record<string, string[]>)) {
      const have = new Set(keys);
      for (const key of installed.get(section) ?? []) if (!have.has(key)) missing.push(`[${section}] ${key}`);
    }
    expect(missing, 'run scripts/gen-systemd-keys.mjs').toEqual([]);
  });

  const CASES: Array<[string, string]> = [
    ['a misspelt key', '[Service]\nExecStart=/bin/true\nRestat=always\n'],
    ['keys in the wrong section', '[Unit]\nWantedBy=multi-user.target\n[Service]\nExecStart=/bin/true\nStartLimitIntervalSec=10\n[Install]\nAfter=network.target\n'],
    ['keys in the wrong case', '[Service]\nExecStart=/bin/true\nrestart=always\nlimitNOFILE=1024\n'],
    ['extension keys and sections', '[Service]\nExecStart=/bin/true\nX-Owner=me\n[X-Fleet]\nAnything=1\n'],
    ['an unknown escape', '[Service]\nExecStart=/bin/echo "a\\qb"\n'],
    ['an invalid Type=', '[Service]\nType=OneShot\nExecStart=/bin/true\n'],
    ['an unknown section', '[Service]\nExecStart=/bin/true\n[Servce]\nRestart=always\n'],
    ['assignments outside of any section', 'Description=x\n[Service]\nExecStart=/bin/true\n'],
    ['a line without =', '[Service]\nExecStart=/bin/true\nRestart\n'],
    ['a line without a key', '[Service]\nExecStart=/bin/true\n=always\n'],
    ['an unknown specifier in a command line', '[Service]\nExecStart=/bin/sh -c "date +%F"\n'],
    ['an unknown specifier behind the - prefix', '[Service]\nExecStart=/bin/true\nExecStartPre=-/bin/echo %Z\n'],
    ['an unknown specifier in Environment=', '[Service]\nExecStart=/bin/true\nEnvironment=A=%Z B=1\n'],
    ['specifiers every release knows, %% and a trailing %', '[Service]\nExecStart=/bin/echo %n %H %i %% 50%\nEnvironment=A=%%Z\n'],
    ['an unterminated quote in Environment=', '[Service]\nExecStart=/bin/true\nEnvironment="A=1\n'],
    ['an invalid environment assignment', '[Service]\nExecStart=/bin/true\nEnvironment=1A=x\n'],
    ['continuations and comments inside them', '[Service]\nExecStart=/bin/echo a \\\n# a comment\n  b\nRestart=always\n'],
    ['a socket unit', '[Socket]\nListenStream=1883\nExecStart=/bin/true\n'],
  ];

  it.each(CASES)('%s', async (title, text) => {
    const name = `${title.replace(/[^a-z]+/gi, '-')}.${text.includes('[Socket]') ? 'socket' : 'service'}`;
    const verdict = await judge(name, text);
    expect(verdict.edgelint, `systemd complains at ${JSON.stringify(verdict.systemd)}`).toEqual(verdict.systemd);
  });

  // Lines of the kinds above, strung together in any order: the two readings must agree line for line.
  const LINES = [
    'ExecStart=/bin/true',
    'Restart=always',
    'Restat=always',
    'restart=on-failure',
    'WantedBy=multi-user.target',
    'After=network.target',
    'Type=simple',
    'Type=Simple',
    'Environment=A=1 B="two words"',
    'Environment=A=%Z',
    'Environment=A=%%Z',
    'ExecStartPre=/bin/echo %n',
    'ExecStartPre=-/bin/echo %1',
    'ExecStartPost=/bin/echo "\\d"',
    'X-Note=kept',
    'LimitNOFILE=65536',
    '# a comment',
    '',
    'NoEquals',
  ];
  const SECTIONS = ['[Unit]', '[Service]', '[Install]'];

  it('agrees with systemd line for line on generated units', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...LINES), fc.constantFrom(...SECTIONS)), { minLength: 1, maxLength: 12 }), async (lines) => {
        const text = `[Service]\n${lines.join('\n')}\n`;
        const verdict = await judge('generated.service', text);
        expect(verdict.edgelint, `${text}\nsystemd complains at ${JSON.stringify(verdict.systemd)}`).toEqual(verdict.systemd);
      }),
      { numRuns: 120, seed: 5 },
    );
  }, 300_000);
});
