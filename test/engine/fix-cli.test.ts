/**
 * `--fix-dry-run` and `--fix` through the built CLI (dist/cli.js) on a temporary copy of
 * examples/fleet plus one edge DaemonSet without a pull policy, with the built-in safe fixes:
 * k8s/edge-pull-policy (explicit IfNotPresent), edgecore/unknown-key (the misplaced key moved where
 * edgecore reads it), node/image-drift (the drifted tag aligned to the baseline) and
 * systemd/require-restart (Restart= added).
 */
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';
import { CLI, fleetCopy, removeTempDirs, runNode } from '../integrations/helpers.js';

const GATEWAY = `# gateway for edge nodes
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gateway
spec:
  template:
    spec:
      nodeSelector:
        node-role.kubernetes.io/edge: ""
      containers:
      - name: gateway
        image: registry.example.com/gateway:1.2.3 # pinned
`;

const EDGECORE = 'edge/etc/kubeedge/config/edgecore.yaml';
const UNIT = 'edge/etc/systemd/system/mosquitto.service';
const CHART = 'cloud/cloudcore-rendered.yaml';

function fixture(prefix: string): string {
  const dir = fleetCopy(prefix);
  writeFileSync(join(dir, 'cloud/gateway.yaml'), GATEWAY);
  return dir;
}

/** Every file under `dir` (relative path → bytes). */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

function changedFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  expect([...after.keys()].sort(), 'the same files, no temporary ones left behind').toEqual([...before.keys()].sort());
  return [...before].filter(([path, bytes]) => !bytes.equals(after.get(path)!)).map(([path]) => path).sort();
}

afterAll(removeTempDirs);

describe('edgelint --fix-dry-run', () => {
  it('prints a unified diff of every safe fix and changes no file', () => {
    const dir = fixture('fix-dry');
    const before = snapshot(dir);
    const r = runNode([CLI, '--fix-dry-run'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(changedFiles(before, snapshot(dir))).toEqual([]);
    const patches = parsePatch(r.stdout);
    expect(patches.map((p) => p.oldFileName).sort()).toEqual([`a/${CHART}`, 'a/cloud/gateway.yaml', `a/${EDGECORE}`, `a/${UNIT}`]);
    expect(r.stdout).toContain('\n         image: registry.example.com/gateway:1.2.3 # pinned\n+        imagePullPolicy: IfNotPresent\n');
    expect(r.stdout).toContain('\n-        image: eclipse-mosquitto:1.6.15\n+        image: eclipse-mosquitto:2.0\n');
    expect(r.stdout).toMatch(/\n-    allowedUnsafeSysctls:\n/);
    expect(r.stdout).toMatch(/\n\+      allowedUnsafeSysctls:\n/);
    expect(r.stdout).toMatch(/\n\+Restart=\w+\n/);
  });

  it('exits 0 and prints nothing when there is nothing to fix', () => {
    const dir = fixture('fix-dry-none');
    writeFileSync(join(dir, 'cloud/gateway.yaml'), GATEWAY.replace('# pinned\n', '# pinned\n        imagePullPolicy: IfNotPresent\n'));
    const r = runNode([CLI, '--fix-dry-run', 'cloud/gateway.yaml'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('edgelint --fix', () => {
  let dir: string;
  let original: Map<string, Buffer>;
  let dryRun: string;
  let fixRun: ReturnType<typeof runNode>;
  let fixed: Map<string, Buffer>;

  beforeAll(() => {
    dir = fixture('fix');
    // Not the default mode, so keeping it is something the fix must do.
    chmodSync(join(dir, UNIT), 0o640);
    original = snapshot(dir);
    dryRun = runNode([CLI, '--fix-dry-run'], { cwd: dir }).stdout;
    fixRun = runNode([CLI, '--fix', '--format', 'json'], { cwd: dir });
    fixed = snapshot(dir);
  });

  it('writes exactly what the dry run showed', () => {
    expect(changedFiles(original, fixed)).toEqual([CHART, 'cloud/gateway.yaml', EDGECORE, UNIT]);
    for (const patch of parsePatch(dryRun)) {
      const file = patch.oldFileName!.replace(/^a\//, '');
      expect(applyPatch(original.get(file)!.toString('utf8'), patch), file).toBe(fixed.get(file)!.toString('utf8'));
    }
    expect(fixRun.stderr).toMatch(/^edgelint: applied \d+ fix(es)? in 4 files$/m);
  });

  it('reports what is left after fixing, and no finding that was fixed', () => {
    const report = JSON.parse(fixRun.stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> };
    expect(report.findings.filter((f) => f.ruleId === 'core/parse-error')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'k8s/edge-pull-policy' && f.file === 'cloud/gateway.yaml')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'edgecore/unknown-key')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'systemd/require-restart')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'node/image-drift')).toEqual([]);
  });

  it('leaves every fixed YAML file parsing cleanly, comments kept', () => {
    for (const file of [CHART, 'cloud/gateway.yaml', EDGECORE]) {
      const text = fixed.get(file)!.toString('utf8');
      for (const doc of parseAllDocuments(text)) expect('errors' in doc ? doc.errors : [doc], file).toEqual([]);
    }
    const gateway = fixed.get('cloud/gateway.yaml')!.toString('utf8');
    expect(gateway).toBe(`${GATEWAY}        imagePullPolicy: IfNotPresent\n`);
    const edgecore = fixed.get(EDGECORE)!.toString('utf8');
    for (const comment of original.get(EDGECORE)!.toString('utf8').split('\n').filter((l) => l.trim().startsWith('#'))) expect(edgecore).toContain(comment);
    const doc = parseDocument(edgecore);
    expect(doc.getIn(['modules', 'edged', 'allowedUnsafeSysctls'])).toBeUndefined();
    expect(JSON.stringify(doc.getIn(['modules', 'edged', 'tailoredKubeletConfig', 'allowedUnsafeSysctls']))).toBe('["net.ipv4.ip_forward","net.ipv6.conf.all.forwarding"]');
    expect(fixed.get(UNIT)!.toString('utf8')).toMatch(/\[Service\][^[]*\nRestart=\w+\n/);
  });

  it('keeps file permissions', () => {
    expect(statSync(join(dir, UNIT)).mode & 0o777).toBe(0o640);
  });

  it('changes nothing when run again (idempotent)', () => {
    const again = runNode([CLI, '--fix'], { cwd: dir });
    expect(again.stderr).toMatch(/^edgelint: applied 0 fixes in 0 files$/m);
    expect(changedFiles(fixed, snapshot(dir))).toEqual([]);
    const dry = runNode([CLI, '--fix-dry-run'], { cwd: dir });
    expect(dry.stdout).toBe('');
    expect(dry.status).toBe(0);
  });
});

describe('edgelint --fix usage', () => {
  it('refuses --fix with --fix-dry-run, and --fix on standard input', () => {
    const dir = fixture('fix-usage');
    const both = runNode([CLI, '--fix', '--fix-dry-run'], { cwd: dir });
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--fix and --fix-dry-run cannot be used together');
    const stdin = runNode([CLI, '--fix', '-'], { cwd: dir, input: GATEWAY });
    expect(stdin.status).toBe(2);
    expect(stdin.stderr).toContain('--fix cannot write to standard input');
  });
});
