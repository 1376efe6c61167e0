/**
 * The GitHub Action as GitHub runs it: `node action/dist/index.js` (the committed bundle), inputs as
 * INPUT_* variables (name uppercased, dashes kept: INPUT_FAIL-ON), GITHUB_STEP_SUMMARY and
 * GITHUB_OUTPUT pointing at files, in a temporary copy of examples/fleet with known problems added.
 * The known problems are asserted exactly; for the rest, the annotations, outputs and summary are
 * checked against the SARIF file the same run wrote, so a rule added to the sources (and so to the
 * bundle at its next rebuild) changes no expectation here. A stale bundle is action-bundle.test.ts's
 * to report.
 */
import { appendFileSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lint } from '../../src/engine/lint.js';
import type { Finding } from '../../src/core/finding.js';
import { ACTION, ROOT, fleetCopy, removeTempDirs, runNode, tempDir } from './helpers.js';

interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Workflow commands (`::error file=…,line=…::message`) with @actions/core's escaping undone. */
function commands(stdout: string): Command[] {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::'))
    .map((line) => {
      const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
      if (!m) throw new Error(`not a workflow command: ${line}`);
      const properties: Record<string, string> = {};
      for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
      }
      return { command: m[1], properties, message: unescape(m[3]) };
    });
}

/** GITHUB_OUTPUT's heredoc format (`name<<ghadelimiter_<uuid>` … delimiter), as @actions/core writes it. */
function outputs(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text))) {
    out[m[1]] = m[3];
    consumed += m[0].length + 1;
  }
  expect(consumed, `every line of GITHUB_OUTPUT is in heredoc form:\n${text}`).toBe(text.length);
  return out;
}

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  annotations: Command[];
  failed: Command[];
  summary: string;
  outputs: Record<string, string>;
}

function runAction(cwd: string, inputs: Record<string, string>): ActionRun {
  const dir = tempDir('action-files');
  const summaryFile = join(dir, 'summary.md');
  const outputFile = join(dir, 'output.txt');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: cwd };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = runNode([ACTION], { cwd, env });
  const all = commands(result.stdout);
  return {
    ...result,
    annotations: all.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file),
    failed: all.filter((c) => c.command === 'error' && !c.properties.file),
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: outputs(outputFile),
  };
}

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string }> } };
    results: Array<{
      ruleId: string;
      level: 'error' | 'warning' | 'note';
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
    }>;
  }>;
}

/** The findings of a run, read back from the SARIF file it wrote. */
function sarifFindings(file: string): Finding[] {
  const log = JSON.parse(readFileSync(file, 'utf8')) as SarifLog;
  return log.runs[0].results.map((r) => {
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    return { ruleId: r.ruleId, severity: r.level, message: r.message.text, file: artifactLocation.uri, line: region.startLine, column: region.startColumn, endLine: region.endLine, endColumn: region.endColumn };
  });
}

const EDGECORE = 'edge/etc/kubeedge/config/edgecore.yaml';
const SENSOR = 'cloud/sensor-agent.yaml';

/**
 * The fleet plus three known problems: a second `modules:` appended to edgecore.yaml (an error on one
 * line), an ignore annotation that silences nothing written as a block scalar (a warning whose range
 * spans three lines), and a disable comment that silences nothing (a single-line warning).
 */
function brokenFleet(): { dir: string; duplicateLine: number; annotationLine: number } {
  const dir = fleetCopy('action');
  const edgecore = readFileSync(join(dir, EDGECORE), 'utf8');
  const duplicateLine = edgecore.split('\n').length;
  appendFileSync(join(dir, EDGECORE), 'modules:\n  dbTest:\n    enable: false\n');
  const sensor = readFileSync(join(dir, SENSOR), 'utf8').split('\n');
  const metadata = sensor.findIndex((l) => /^metadata:/.test(l));
  expect(metadata).toBeGreaterThanOrEqual(0);
  sensor.splice(metadata + 1, 0, '  annotations:', '    edgelint.io/ignore: >-', '      yaml/duplicate-key', '      -- reviewed');
  writeFileSync(join(dir, SENSOR), sensor.join('\n'));
  writeFileSync(join(dir, 'edge/mosquitto.conf'), '# edgelint-disable-next-line yaml/duplicate-key -- stale\nlistener 18830 127.0.0.1\n');
  return { dir, duplicateLine, annotationLine: metadata + 3 };
}

afterAll(removeTempDirs);

describe('GitHub Action bundle (action/dist/index.js)', () => {
  let fleet: ReturnType<typeof brokenFleet>;
  let expected: Finding[];
  let result: ActionRun;

  beforeAll(() => {
    fleet = brokenFleet();
    result = runAction(fleet.dir, { paths: '.', 'fail-on': 'error', 'sarif-file': 'reports/edgelint.sarif', annotations: 'true', summary: 'true' });
    expected = sarifFindings(join(fleet.dir, 'reports/edgelint.sarif'));
  });

  it('finds the problems added to the fixture, where they are', () => {
    expect(expected.find((f) => f.ruleId === 'yaml/duplicate-key' && f.file === EDGECORE)).toMatchObject({ severity: 'error', line: fleet.duplicateLine, column: 1, endLine: fleet.duplicateLine, endColumn: 8 });
    const multiLine = expected.find((f) => f.ruleId === 'core/unused-suppression' && f.file === SENSOR);
    expect(multiLine).toMatchObject({ severity: 'warning', line: fleet.annotationLine });
    expect(multiLine?.endLine).toBeGreaterThan(fleet.annotationLine);
    expect(expected.find((f) => f.ruleId === 'core/unused-suppression' && f.file === 'edge/mosquitto.conf')).toMatchObject({ severity: 'warning', line: 1, column: 1 });
  });

  it('annotates every finding with file, lines, title, and columns only on single-line ranges', () => {
    expect(result.annotations).toHaveLength(expected.length);
    const command = { error: 'error', warning: 'warning', note: 'notice' } as const;
    expected.forEach((f, i) => {
      const a = result.annotations[i];
      expect(a.command).toBe(command[f.severity]);
      expect(a.properties.file).toBe(f.file);
      expect(a.properties.line).toBe(String(f.line));
      expect(a.properties.endLine).toBe(String(f.endLine));
      expect(a.properties.title).toBe(f.ruleId);
      expect(a.message.startsWith(f.message)).toBe(true);
      if (f.line === f.endLine) {
        expect(a.properties.col).toBe(String(f.column));
        expect(a.properties.endColumn).toBe(String(f.endColumn));
      } else {
        expect(a.properties).not.toHaveProperty('col');
        expect(a.properties).not.toHaveProperty('endColumn');
      }
    });
    const duplicate = result.annotations.find((a) => a.properties.title === 'yaml/duplicate-key');
    expect(duplicate).toMatchObject({ command: 'error', properties: { file: EDGECORE, line: String(fleet.duplicateLine), col: '1', endColumn: '8' } });
    expect(duplicate?.message).toMatch(/^Duplicate key 'modules'/);
    const spanning = result.annotations.find((a) => a.properties.title === 'core/unused-suppression' && a.properties.file === SENSOR);
    expect(spanning).toMatchObject({ command: 'warning', properties: { line: String(fleet.annotationLine) } });
    expect(spanning?.properties).not.toHaveProperty('col');
  });

  it('prints the full report to the log, which has no annotation limit', () => {
    expect(result.stdout).toContain(EDGECORE);
    expect(result.stdout).toMatch(new RegExp(`${fleet.duplicateLine}:1\\s+error\\s+Duplicate key 'modules'`));
  });

  it('sets outputs errors, warnings and sarif-file in GITHUB_OUTPUT heredoc form', () => {
    expect(result.outputs).toEqual({
      errors: String(expected.filter((f) => f.severity === 'error').length),
      warnings: String(expected.filter((f) => f.severity === 'warning').length),
      'sarif-file': 'reports/edgelint.sarif',
    });
    expect(Number(result.outputs.warnings)).toBeGreaterThanOrEqual(2);
  });

  it('writes a SARIF 2.1.0 file for code scanning, with a descriptor for every rule it reports', () => {
    const sarif = JSON.parse(readFileSync(join(fleet.dir, 'reports/edgelint.sarif'), 'utf8')) as SarifLog;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe('edgelint');
    const described = new Set(sarif.runs[0].tool.driver.rules.map((r) => r.id));
    for (const f of expected) expect(described.has(f.ruleId), f.ruleId).toBe(true);
  });

  it('writes a job summary with counts and one row per finding', () => {
    const errors = expected.filter((f) => f.severity === 'error').length;
    const warnings = expected.filter((f) => f.severity === 'warning').length;
    expect(result.summary).toContain('<h2>edgelint</h2>');
    expect(result.summary).toContain(`<b>${errors}</b> error(s), <b>${warnings}</b> warning(s)`);
    const rows = result.summary.match(/<tr><td>/g) ?? [];
    expect(rows).toHaveLength(expected.length);
    expect(result.summary).toMatch(new RegExp(`<td>error</td><td>(?:<a href="[^"]+/rules/yaml/duplicate-key\\.md">)?yaml/duplicate-key(?:</a>)?</td><td>${EDGECORE}</td><td>${fleet.duplicateLine}</td>`));
    expect(result.summary).not.toContain('not shown here');
  });

  it('fails the step (exit 1, ::error::) because there are errors', () => {
    expect(result.status).toBe(1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].message).toMatch(/^edgelint: \d+ finding\(s\) at or above "error"/);
  });
});

describe('GitHub Action fail level and switches', () => {
  /** A deployment with warnings and no errors: one unit file and a disable comment that silences nothing. */
  async function warningsOnly(): Promise<{ dir: string; findings: Finding[] }> {
    const dir = tempDir('action-warn');
    mkdirSync(join(dir, 'etc/systemd/system'), { recursive: true });
    writeFileSync(join(dir, 'etc/systemd/system/hello.service'), '[Unit]\nDescription=hello\n\n[Service]\n# edgelint-disable-next-line yaml/duplicate-key -- not needed any more\nType=oneshot\nExecStart=/bin/true\n');
    const { findings } = await lint({ cwd: dir, paths: ['.'] });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.some((f) => f.ruleId === 'core/unused-suppression' && f.line === 5)).toBe(true);
    return { dir, findings };
  }

  it('passes with only warnings at fail-on error, and fails at fail-on warning', async () => {
    const { dir, findings } = await warningsOnly();
    const lenient = runAction(dir, { paths: '.', 'fail-on': 'error' });
    expect(lenient.status).toBe(0);
    expect(lenient.failed).toEqual([]);
    expect(lenient.annotations.length).toBeGreaterThanOrEqual(1);
    expect(lenient.annotations.every((a) => a.command === 'warning')).toBe(true);
    expect(lenient.annotations.find((a) => a.properties.title === 'core/unused-suppression')?.properties).toMatchObject({ file: findings[0].file, line: '5', col: '1' });
    expect(lenient.outputs).toEqual({ errors: '0', warnings: String(lenient.annotations.length), 'sarif-file': '' });

    const strict = runAction(dir, { paths: '.', 'fail-on': 'warning' });
    expect(strict.status).toBe(1);
    expect(strict.failed[0].message).toMatch(/at or above "warning"/);
  });

  it('writes no annotations and no summary when both are switched off', async () => {
    const { dir } = await warningsOnly();
    const quiet = runAction(dir, { paths: '.', annotations: 'false', summary: 'false' });
    expect(quiet.status).toBe(0);
    expect(quiet.annotations).toEqual([]);
    expect(quiet.summary).toBe('');
    expect(quiet.stdout).toContain('hello.service');
  });

  it('reads several paths separated by newlines and spaces', () => {
    const dir = tempDir('action-paths');
    mkdirSync(join(dir, 'cloud'));
    mkdirSync(join(dir, 'edge'));
    writeFileSync(join(dir, 'cloud/extra.yaml'), 'a: 1\na: 2\n');
    writeFileSync(join(dir, 'edge/extra.yaml'), 'b: 1\nb: 2\n');
    writeFileSync(join(dir, 'not-linted.yaml'), 'c: 1\nc: 2\n');
    const result = runAction(dir, { paths: 'cloud/extra.yaml\n  edge/extra.yaml ', 'fail-on': 'error' });
    expect(result.annotations.map((a) => a.properties.file)).toEqual(['cloud/extra.yaml', 'edge/extra.yaml']);
    expect(result.status).toBe(1);
  });

  it('caps the summary table and says how many findings it left out', () => {
    const dir = tempDir('action-many');
    writeFileSync(join(dir, 'many.yaml'), `${Array.from({ length: 650 }, () => 'k: v').join('\n')}\n`);
    const result = runAction(dir, { paths: '.', 'sarif-file': 'out.sarif' });
    // 650 equal keys: 649 duplicates.
    expect(result.outputs.errors).toBe('649');
    const total = sarifFindings(join(dir, 'out.sarif')).length;
    const rows = result.summary.match(/<tr><td>/g) ?? [];
    expect(rows).toHaveLength(500);
    expect(result.summary).toContain('<b>649</b> error(s)');
    expect(result.summary).toContain(`${total - 500} more finding(s) not shown here; the step log and the SARIF file (out.sarif) list every finding.`);
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024);
  });

  it('escapes HTML from linted files in the summary', () => {
    const dir = tempDir('action-html');
    writeFileSync(join(dir, 'x.yaml'), '"<img src=x onerror=alert(1)>": 1\n"<img src=x onerror=alert(1)>": 2\n');
    const result = runAction(dir, { paths: '.' });
    expect(result.summary).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(result.summary).not.toContain('<img');
  });

  it('fails with the config error, without a stack trace, for a broken config', () => {
    const dir = fleetCopy('action-config');
    writeFileSync(join(dir, 'bad.yaml'), 'rules:\n  yaml/duplicate-key: sometimes\n');
    const result = runAction(dir, { paths: '.', config: 'bad.yaml' });
    expect(result.status).toBe(1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].message).toMatch(/^edgelint: .*bad\.yaml/);
    expect(result.failed[0].message).not.toMatch(/\n\s+at /);
  });

  it('rejects a fail-on value other than error or warning', () => {
    const dir = fleetCopy('action-failon');
    const result = runAction(dir, { 'fail-on': 'fatal' });
    expect(result.status).toBe(1);
    expect(result.failed[0].message).toContain('fail-on must be "error" or "warning", not "fatal"');
  });
});

describe('action.yml', () => {
  const meta = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    runs: { using: string; main: string };
    inputs: Record<string, { default?: string; required?: boolean }>;
    outputs: Record<string, { description: string }>;
  };

  it('runs the committed bundle on node24', () => {
    expect(meta.runs).toEqual({ using: 'node24', main: 'action/dist/index.js' });
    expect(readFileSync(join(ROOT, meta.runs.main), 'utf8').length).toBeGreaterThan(0);
  });

  it('declares the inputs and outputs of SPEC §6 with their defaults', () => {
    expect(Object.keys(meta.inputs).sort()).toEqual(['annotations', 'config', 'fail-on', 'paths', 'sarif-file', 'summary']);
    expect(meta.inputs.paths.default).toBe('.');
    expect(meta.inputs['fail-on'].default).toBe('error');
    expect(meta.inputs.annotations.default).toBe('true');
    expect(meta.inputs.summary.default).toBe('true');
    expect(Object.keys(meta.outputs).sort()).toEqual(['errors', 'sarif-file', 'warnings']);
  });
});
