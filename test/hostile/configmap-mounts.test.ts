/**
 * mosquitto.conf files in ConfigMaps (hostile8), run through the built CLI with a 256 MB heap:
 * - one conf mounted by many workloads: each workload parsed its own copy and kept it, so 2,000
 *   DaemonSets mounting one 5,000-line conf (1.3 MB of YAML) ran the heap out (signal 6 after 9 s);
 * - one long conf: mapping a position of the conf back into the YAML file scanned its lines from the
 *   last, once per directive, so 80,000 listeners were quadratic (about a minute; now 11 s).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const CONF_LINES = 5_000;
const WORKLOADS = 2_000;

function daemonSet(i: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    `  name: broker-${i}`,
    'spec:',
    `  selector: {matchLabels: {app: broker-${i}}}`,
    '  template:',
    `    metadata: {labels: {app: broker-${i}}}`,
    '    spec:',
    '      nodeSelector: {node-role.kubernetes.io/edge: ""}',
    '      containers:',
    '      - name: mosquitto',
    '        image: eclipse-mosquitto:2.0.18',
    '        imagePullPolicy: IfNotPresent',
    `        ports: [{containerPort: 1883, hostPort: ${20_000 + i}}]`,
    '        volumeMounts: [{name: conf, mountPath: /mosquitto/config/mosquitto.conf, subPath: mosquitto.conf}]',
    '      volumes: [{name: conf, configMap: {name: broker-conf}}]',
    '',
  ].join('\n');
}

describe('hostile ConfigMap mounts', () => {
  it(`${WORKLOADS} DaemonSets mounting one ${CONF_LINES}-line mosquitto.conf: one config read once, one finding`, () => {
    const comments = Array.from({ length: CONF_LINES }, (_, i) => `    # tuning note ${i} for the edge broker\n`).join('');
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broker-conf\ndata:\n  mosquitto.conf: |\n${comments}    listener 1883\n    allow_anonymous true\n`;
    const workloads = Array.from({ length: WORKLOADS }, (_, i) => daemonSet(i));
    const dir = makeTree({ 'brokers.yaml': [configMap, ...workloads].join('---\n') });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    const anonymous = run.findings.filter((f) => f.ruleId === 'mosquitto/no-anonymous');
    // `allow_anonymous true` is line 8 + CONF_LINES of the file.
    expect(anonymous.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn])).toEqual([['brokers.yaml', 8 + CONF_LINES, 5, 8 + CONF_LINES, 25]]);
    expect(anonymous[0].message).toMatch(/^DaemonSet broker-0 \(container mosquitto\), DaemonSet broker-1 \(container mosquitto\), .* and 1996 more, all reading this config, accept anonymous MQTT clients/);
    expect(run.findings.filter((f) => f.ruleId !== 'mosquitto/no-anonymous')).toEqual([]);
  });

  it('a 160,000-line conf of listeners is mapped back into its YAML file line by line, not by scanning', () => {
    // A placeholder bind address is checked where it was written: each directive's span is mapped up.
    const listeners = Array.from({ length: 80_000 }, (_, i) => `    listener ${2000 + i}\n    bind_address <edge node IP>\n`).join('');
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broker-conf\ndata:\n  mosquitto.conf: |\n${listeners}    allow_anonymous true\n`;
    // On the host network, every listener of the conf is a port of the node.
    const onHost = daemonSet(0).replace('    spec:\n', '    spec:\n      hostNetwork: true\n').replace(/ {8}ports: .*\n/, '');
    const dir = makeTree({ 'brokers.yaml': `${configMap}---\n${onHost}` });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 30_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    const anonymous = run.findings.filter((f) => f.ruleId === 'mosquitto/no-anonymous');
    expect(anonymous.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn])).toEqual([['brokers.yaml', 160_007, 5, 160_007, 25]]);
    // Port 10350 is also edgecore's: edged's read-only kubelet server (data/edgecore-defaults.json).
    expect(run.findings.map((f) => f.ruleId)).toEqual(['node/host-port-conflict', 'mosquitto/no-anonymous']);
  });
});
