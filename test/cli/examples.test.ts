/**
 * The example deployment reproduces the seed documents' fleet: `npm start` lints it. The four
 * failures from the field must be reported at the right nodes, and the corrected copy must be clean.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  helmSource?: string;
  related?: Array<{ file: string; line: number; column: number }>;
}

function lintJson(dir: string): { status: number | null; findings: JsonFinding[] } {
  const run = runCli(['--config', `${dir}/.edgelint.yaml`, '--format', 'json', dir]);
  expect(run.stderr).toBe('');
  return { status: run.status, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings };
}

const at = (f: JsonFinding) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`;

describe('examples/fleet (the seed fleet)', () => {
  const { status, findings } = lintJson('examples/fleet');
  const ids = findings.map(at);

  it('exits 1: there are errors', () => {
    expect(status).toBe(1);
  });

  it('reports the version drift at the chart DaemonSet image, naming the unit and bundle', () => {
    expect(ids).toContain('node/image-drift examples/fleet/cloud/cloudcore-rendered.yaml:99:16');
    const drift = findings.find((f) => f.ruleId === 'node/image-drift')!;
    expect(drift.helmSource).toBe('cloudcore/templates/daemonset_mosquitto.yaml');
    expect(drift.message).toContain('eclipse-mosquitto:2.0 in mosquitto.service');
    expect(drift.related?.map((r) => `${r.file}:${r.line}`)).toContain('examples/fleet/edge/etc/systemd/system/mosquitto.service:9');
  });

  it('reports the edge pull policy of the :latest device app', () => {
    expect(ids).toContain('k8s/edge-pull-policy examples/fleet/cloud/sensor-agent.yaml:21:16');
  });

  it('reports the host port conflict on both sides', () => {
    expect(ids).toContain('node/host-port-conflict examples/fleet/cloud/cloudcore-rendered.yaml:99:16');
    expect(ids).toContain('node/host-port-conflict examples/fleet/edge/etc/systemd/system/mosquitto.service:10:16');
  });

  it('reports the svclb sysctl edged rejects, and the ignored allowlist key', () => {
    expect(ids).toContain('node/sysctl-not-allowed examples/fleet/cloud/svclb-traefik.yaml:32:17');
    const sysctl = findings.find((f) => f.ruleId === 'node/sysctl-not-allowed')!;
    expect(sysctl.message).toContain('forbidden sysctl: "net.ipv4.ip_forward" not allowlisted');
    expect(ids).toContain('edgecore/unknown-key examples/fleet/edge/etc/kubeedge/config/edgecore.yaml:22:5');
  });

  it('never reports the CloudCore Deployment, which stays off edge nodes', () => {
    expect(findings.filter((f) => f.file.endsWith('cloudcore-rendered.yaml') && f.line < 70)).toEqual([]);
  });
});

describe('examples/fleet-fixed (the corrected fleet)', () => {
  it('reports nothing and exits 0', () => {
    const { status, findings } = lintJson('examples/fleet-fixed');
    expect(findings.map(at)).toEqual([]);
    expect(status).toBe(0);
  });
});

describe('npm start', () => {
  it('prints the stylish report of the example fleet and exits 0 (--exit-zero), its config found beside it', () => {
    const run = runCli(['--exit-zero', 'examples/fleet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('examples/fleet/cloud/cloudcore-rendered.yaml');
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings/);
  });
});
