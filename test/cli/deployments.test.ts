/**
 * Deployments through the built binary (SPEC §1, §4): a multi-site monorepo, the repository's own
 * examples linted together and alone, and the deployment each finding carries in JSON and SARIF.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../temp.js';
import { repoRoot, runCli } from './run-cli.js';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
  deployment?: string;
  related?: Array<{ file: string; message: string }>;
}

function repo(files: Record<string, string>): string {
  return tempTree('cli-deployments', files, { repository: true });
}

function json(args: string[], cwd: string): { status: number | null; findings: JsonFinding[] } {
  const run = runCli(['--format', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  return { status: run.status, findings: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings };
}

const BROKER = 'listener 1883\nallow_anonymous false\npassword_file /etc/mosquitto/passwd\n';
const SITE_CONFIG = 'kubeedgeVersion: "1.22"\nhosts:\n  - files: ["edge/**"]\n    class: edge\n';

describe('a multi-site monorepo', () => {
  const dir = repo({
    'sites/plant-a/.edgelint.yaml': SITE_CONFIG,
    'sites/plant-a/edge/etc/mosquitto/mosquitto.conf': BROKER,
    'sites/plant-b/.edgelint.yaml': SITE_CONFIG,
    'sites/plant-b/edge/etc/mosquitto/mosquitto.conf': BROKER,
    // A second broker of its own (a conf.d file would only be read through an include_dir).
    'sites/plant-b/edge/opt/bridge/mosquitto.conf': BROKER,
  });

  it('two sites whose brokers both bind 1883 are not a conflict; two brokers in one site are', () => {
    const { status, findings } = json(['sites/'], dir);
    expect(status).toBe(1);
    expect(findings.map((f) => `${f.deployment} ${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual([
      'sites/plant-b node/host-port-conflict sites/plant-b/edge/etc/mosquitto/mosquitto.conf:1:1',
      'sites/plant-b node/host-port-conflict sites/plant-b/edge/opt/bridge/mosquitto.conf:1:1',
    ]);
    for (const f of findings) for (const r of f.related ?? []) expect(r.file).toMatch(/^sites\/plant-b\//);
  });

  it('cd into a site and lint . gives the same findings, paths relative to the site', () => {
    const fromRoot = json(['sites/'], dir).findings.filter((f) => f.deployment === 'sites/plant-b');
    const alone = json(['.'], join(dir, 'sites/plant-b')).findings;
    const strip = (f: JsonFinding) => JSON.parse(JSON.stringify({ ...f, deployment: '.' }).split('sites/plant-b/').join('')) as JsonFinding;
    expect(fromRoot.map(strip)).toEqual(alone);
  });

  it('SARIF carries the deployment in result.properties', () => {
    const run = runCli(['--format', 'sarif', 'sites/'], { cwd: dir });
    const results = (JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ properties?: { deployment?: string } }> }> }).runs[0].results;
    expect(results.map((r) => r.properties?.deployment)).toEqual(['sites/plant-b', 'sites/plant-b']);
  });
});

describe('edgelint examples/', () => {
  const examples = readdirSync(join(repoRoot, 'examples'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it('reports for each example exactly what the example reports alone from its own folder', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const together = json(['examples/'], repoRoot).findings;
    expect(new Set(together.map((f) => f.deployment))).toEqual(new Set(examples.filter((e) => e !== 'fleet-fixed').map((e) => `examples/${e}`)));
    for (const example of examples) {
      const prefix = `examples/${example}/`;
      const mine = together.filter((f) => f.deployment === `examples/${example}`);
      const strip = (f: JsonFinding) => JSON.parse(JSON.stringify({ ...f, deployment: '.' }).split(prefix).join('')) as JsonFinding;
      const alone = json(['.'], join(repoRoot, 'examples', example)).findings;
      expect(mine.map(strip), example).toEqual(alone);
    }
  });
});
