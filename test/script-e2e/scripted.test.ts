/**
 * Scripts lint like files (issue 6): the example repository whose only node-side file is an install
 * script must give the same unit and config findings as the same repository with the files that
 * script writes laid out as real files, each at the script line that wrote the offending text.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/lint.js';
import type { Finding } from '../../src/core/finding.js';

const EXAMPLE = resolve(__dirname, '../../examples/scripted');
const SCRIPT = 'edge/install.sh';
const scriptText = readFileSync(join(EXAMPLE, SCRIPT), 'utf8');
const scriptLines = scriptText.split('\n');

/** 1-based line of the `occurrence`-th line equal to `line` (after trimming the end). */
function lineOf(line: string, occurrence = 1): number {
  let seen = 0;
  for (let i = 0; i < scriptLines.length; i++) {
    if (scriptLines[i].trimEnd() === line && ++seen === occurrence) return i + 1;
  }
  throw new Error(`not in the script: ${line}`);
}

/** A heredoc written by the command on script line `command`: its body lines, up to the `EOF` line. */
function heredoc(command: number): { first: number; lines: string[]; quoted: boolean } {
  const end = scriptLines.indexOf('EOF', command);
  return { first: command + 1, lines: scriptLines.slice(command, end), quoted: scriptLines[command - 1].includes("'EOF'") };
}

const UNIT = '/etc/systemd/system/mosquitto.service';
const EDGECORE = '/etc/kubeedge/config/edgecore.yaml';
const unitWrite = heredoc(lineOf(`cat > ${UNIT} << EOF`));
const created = heredoc(lineOf(`cat > ${EDGECORE} << 'EOF'`));
const appended = heredoc(lineOf(`cat >> ${EDGECORE} << EOF`));

interface Written {
  path: string;
  text: string;
  /** Script line and column of every character of `text` (and of its end). */
  origin: Array<{ line: number; column: number }>;
}

/**
 * What the shell writes for heredoc bodies (bash(1) "Here Documents"): with an unquoted delimiter a
 * backslash-newline is removed, joining the lines; a quoted delimiter keeps the text as is. Nothing
 * else in these bodies expands.
 */
function written(path: string, ...bodies: Array<ReturnType<typeof heredoc>>): Written {
  let text = '';
  const origin: Written['origin'] = [];
  for (const body of bodies) {
    body.lines.forEach((line, i) => {
      const joined = !body.quoted && line.endsWith('\\');
      const kept = joined ? line.slice(0, -1) : line;
      for (let c = 0; c < kept.length; c++) origin.push({ line: body.first + i, column: c + 1 });
      text += kept;
      if (!joined) {
        origin.push({ line: body.first + i, column: kept.length + 1 });
        text += '\n';
      }
    });
  }
  const last = bodies[bodies.length - 1];
  origin.push({ line: last.first + last.lines.length, column: 1 });
  return { path, text, origin };
}

/** The files the script leaves behind, as real files under edge/. */
const files: Written[] = [written(`edge${UNIT}`, unitWrite), written(`edge${EDGECORE}`, created, appended)];

/**
 * What the script does besides writing files (image imports, the sed edit, systemctl), at the same
 * line numbers: every line of a heredoc write, command through EOF, is blanked.
 */
const REST = 'edge/install-rest.sh';
function restOfScript(): string {
  const blank = new Set<number>();
  for (const write of [unitWrite, created, appended]) {
    for (let l = write.first - 1; l <= write.first + write.lines.length; l++) blank.add(l);
  }
  return scriptLines.map((line, i) => (blank.has(i + 1) ? '' : line)).join('\n');
}

function mapPosition(file: string, line: number, column = 1): { file: string; line: number; column: number } {
  if (file === REST) return { file: SCRIPT, line, column };
  const w = files.find((x) => x.path === file);
  if (!w) return { file, line, column };
  const lines = w.text.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const at = w.origin[Math.min(offset, w.origin.length - 1)];
  return { file: SCRIPT, line: at.line, column: at.column };
}

/**
 * A message modulo paths: file-form paths become the script's, and line numbers quoted in the text
 * (`file:LINE`, `at line LINE`) are dropped, since a line of a written file maps to a script line only
 * with its column (continuation lines are joined). Finding and related positions are compared exactly.
 */
function modPaths(message: string, fileForm: boolean): string {
  let out = message;
  if (fileForm) for (const path of [REST, ...files.map((w) => w.path)]) out = out.split(path).join(SCRIPT);
  return out.replace(/((?:[\w.-]+\/)*[\w.-]+\.(?:sh|yaml|yml|service|conf)):\d+/g, '$1:N').replace(/\bat line \d+/g, 'at line N');
}

interface Shape {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  related: string[];
}

const shape = (f: Finding): Shape => ({
  ruleId: f.ruleId,
  severity: f.severity,
  file: f.file,
  line: f.line,
  column: f.column,
  endLine: f.endLine,
  endColumn: f.endColumn,
  message: modPaths(f.message, false),
  related: (f.related ?? []).map((r) => `${r.file}:${r.line}:${r.column} ${modPaths(r.message, false)}`),
});

function mapped(f: Finding): Shape {
  const start = mapPosition(f.file, f.line, f.column);
  const end = mapPosition(f.file, f.endLine, f.endColumn);
  return {
    ...shape(f),
    file: start.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: modPaths(f.message, true),
    related: (f.related ?? []).map((r) => {
      const at = mapPosition(r.file, r.line, r.column);
      return `${at.file}:${at.line}:${at.column} ${modPaths(r.message, true)}`;
    }),
  };
}

const byPosition = (a: Shape, b: Shape) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);

let tmp: string;
let scripted: LintResult;
let asFiles: LintResult;

beforeAll(async () => {
  scripted = await lint({ cwd: EXAMPLE, paths: ['.'], config: join(EXAMPLE, '.edgelint.yaml') });
  tmp = mkdtempSync(join(tmpdir(), 'edgelint-scripted-'));
  cpSync(join(EXAMPLE, 'cloud'), join(tmp, 'cloud'), { recursive: true });
  cpSync(join(EXAMPLE, '.edgelint.yaml'), join(tmp, '.edgelint.yaml'));
  for (const w of files) {
    mkdirSync(dirname(join(tmp, w.path)), { recursive: true });
    writeFileSync(join(tmp, w.path), w.text);
  }
  writeFileSync(join(tmp, REST), restOfScript());
  asFiles = await lint({ cwd: tmp, paths: ['.'], config: join(tmp, '.edgelint.yaml') });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('examples/scripted: an install script lints like the files it writes', () => {
  it('runs cleanly in both forms', () => {
    expect(scripted.errors).toEqual([]);
    expect(asFiles.errors).toEqual([]);
    expect(scripted.findings.filter((f) => f.ruleId === 'core/parse-error')).toEqual([]);
    expect(asFiles.findings.filter((f) => f.ruleId === 'core/parse-error')).toEqual([]);
  });

  it('assembles the virtual files exactly as the shell would write them', () => {
    for (const w of files) {
      const virtual = scripted.model.sources.find((s) => s.path === w.path.slice('edge'.length));
      expect(virtual?.text, w.path).toBe(w.text);
    }
  });

  it('finds the same problems, at the script lines that wrote them', () => {
    // The append itself is a script-only finding: in the file form it is already part of edgecore.yaml.
    const appendLine = lineOf(`cat >> ${EDGECORE} << EOF`);
    const scriptOnly = (f: Finding) => f.ruleId === 'script/yaml-line-edit' && f.file === SCRIPT && f.line === appendLine;
    const fromScript = scripted.findings.filter((f) => !scriptOnly(f)).map(shape).sort(byPosition);
    const fromFiles = asFiles.findings.map(mapped).sort(byPosition);
    expect(fromScript).toEqual(fromFiles);
    expect(scripted.findings.filter(scriptOnly).map((f) => f.messageId)).toEqual(['appendDuplicate']);
    // Every rule that fired on a written file fired on the script.
    const nodeRules = new Set(asFiles.findings.filter((f) => files.some((w) => w.path === f.file)).map((f) => f.ruleId));
    expect(nodeRules.size).toBeGreaterThan(0);
    for (const id of nodeRules) expect(scripted.findings.some((f) => f.ruleId === id && f.file === SCRIPT), id).toBe(true);
  });

  it("reports the seed's problems at exact script positions", () => {
    const at = (ruleId: string) =>
      scripted.findings
        .filter((f) => f.ruleId === ruleId)
        .map((f) => `${f.file}:${f.line}:${f.column}`)
        .sort();
    const execStart = lineOf('ExecStart=ctr -n k8s.io run --rm --net-host \\');
    const confLine = lineOf('  mosquitto -c /mosquitto-no-auth.conf');
    const secondModules = lineOf('modules:', 2);
    const misplacedSysctls = lineOf('    allowedUnsafeSysctls:', 2);
    const sedLine = lineOf("sed -i '/edged:/a\\    clusterDNS: 169.254.96.16' /etc/kubeedge/config/edgecore.yaml");
    expect(at('yaml/duplicate-key')).toEqual([`${SCRIPT}:${secondModules}:1`]);
    expect(scripted.findings.find((f) => f.ruleId === 'yaml/duplicate-key')?.related?.map((r) => `${r.file}:${r.line}:${r.column}`)).toEqual([`${SCRIPT}:${lineOf('modules:')}:1`]);
    expect(scripted.findings.find((f) => f.ruleId === 'yaml/duplicate-key')?.message).toMatch(new RegExp(`^Duplicate key 'modules' \\(first at line ${lineOf('modules:')}\\): edgecore keeps only this last 'modules'`));
    expect(at('edgecore/unknown-key')).toEqual([`${SCRIPT}:${misplacedSysctls}:5`]);
    expect(at('systemd/require-restart')).toEqual([`${SCRIPT}:${execStart}:1`]);
    expect(at('node/host-port-conflict')).toEqual(['cloud/cloudcore-rendered.yaml:31:16', `${SCRIPT}:${confLine}:16`]);
    const conflict = scripted.findings.find((f) => f.ruleId === 'node/host-port-conflict' && f.file === SCRIPT)!;
    // The other side is named in the message; where it is and why it binds are its related location.
    const chartSide = scripted.findings.find((f) => f.ruleId === 'node/host-port-conflict' && f.file !== SCRIPT)!;
    expect(chartSide.message).toContain('and mosquitto.service binds 0.0.0.0:1883 and [::]:1883; whichever starts second');
    expect(chartSide.related?.map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`)).toEqual([`${SCRIPT}:${confLine}:16 mosquitto.service binds 0.0.0.0:1883 and [::]:1883 (/mosquitto-no-auth.conf of eclipse-mosquitto:2.0, mosquitto 2.0)`]);
    expect(conflict.related?.map((r) => `${r.file}:${r.line}:${r.column}`)).toEqual(['cloud/cloudcore-rendered.yaml:31:16']);
    expect(at('script/yaml-line-edit')).toEqual([`${SCRIPT}:${lineOf(`cat >> ${EDGECORE} << EOF`)}:1`, `${SCRIPT}:${sedLine}:1`].sort());
    const sed = scripted.findings.find((f) => f.ruleId === 'script/yaml-line-edit' && f.line === sedLine)!;
    expect(sed.message).toMatch(/at modules\.edged\.clusterDNS \(2 times: every line \/edged:\/ matches\), where edgecore does not read it \(it reads modules\.edged\.tailoredKubeletConfig\.clusterDNS\)/);
    // The append wiped out metaServer.enable: true, and the sed put clusterDNS where edged ignores it.
    expect(at('node/edgemesh-requirements')).toEqual([`${SCRIPT}:${secondModules}:1`, `${SCRIPT}:${secondModules + 4}:3`].sort());
    expect(scriptLines[secondModules + 3]).toBe('  edged:');
    // The offline bundle the script imports is what image-not-preloaded compares against: the agent is
    // not in it at all. The chart's 1.6.15 broker is not in it either, but the bundle holds 2.0: one root
    // cause, the version drift, reported once by image-drift with the bundle's tarball as a related location.
    expect(at('node/image-not-preloaded')).toEqual(['cloud/edgemesh-agent.yaml:40:16']);
    const drift = scripted.findings.find((f) => f.ruleId === 'node/image-drift' && f.file === 'cloud/cloudcore-rendered.yaml')!;
    expect(drift.line).toBe(31);
    expect(drift.column).toBe(16);
    expect(drift.message).toContain('eclipse-mosquitto:1.6.15 is not in the offline bundle, so an offline node cannot pull it');
    expect(drift.related?.map((r) => `${r.file}:${r.line}:${r.column}`)).toContain(`${SCRIPT}:${lineOf('ctr -n k8s.io images import eclipse-mosquitto-2.0.tar')}:29`);
  });
});
