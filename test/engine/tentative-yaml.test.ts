/**
 * An EdgeCore config (or a manifest) is read whatever the file is called (SPEC §1): under a template or
 * sample suffix (`edgecore.yaml.TEMPLATE`, `.j2`, `.tmpl`, `.yml.example`) or a name of no known kind
 * (`edgecore.conf`). A template whose placeholders leave no YAML is skipped with a notice, not a
 * `core/parse-error`; a template that parses is judged only where its values are literal; text that
 * only looks like YAML, documents and program sources are never read.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { classify } from '../../src/engine/classify.js';
import { placeholderRanges } from '../../src/engine/tentative-yaml.js';

/** An edge node's config with one key edged ignores (`modules.edged.allowedUnsafeSysctls`, line 6). */
const misplacedSysctls = (head = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n') =>
  `${head}modules:\n  edged:\n    enable: true\n    allowedUnsafeSysctls:\n    - net.ipv4.ip_forward\n`;

async function run(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd' });
  expect(result.errors).toEqual([]);
  return {
    findings: result.findings.filter((f) => f.ruleId !== 'node/broker-reachable').map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort(),
    // The release notice (no kubeedgeVersion set) is the run's, not the file's.
    notices: result.notices.filter((n) => !n.startsWith('assuming KubeEdge')),
  };
}

describe('an edgecore config whatever the file is called', () => {
  it.each(['edgecore.yaml.TEMPLATE', 'config/edgecore.yaml.tmpl', 'edgecore.yml.example', 'edgecore.conf', 'etc/kubeedge/edgecore'])('%s is linted', async (path) => {
    const { findings, notices } = await run({ [path]: misplacedSysctls() });
    expect(findings).toEqual([`edgecore/unknown-key ${path}:6:5`]);
    expect(notices).toEqual([]);
  });

  it('a comment and a document marker before the first key do not hide it', async () => {
    const { findings } = await run({ 'edge/edgecore.cfg': misplacedSysctls('# rendered by the installer\n---\napiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n') });
    expect(findings).toEqual(['edgecore/unknown-key edge/edgecore.cfg:8:5']);
  });
});

describe('templates', () => {
  it('a Jinja template whose statements are not YAML is skipped with one notice, no parse error', async () => {
    const text = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n{% if edge_mqtt %}\n  eventBus:\n    mqttMode: 3\n{% endif %}\n';
    const { findings, notices } = await run({ 'roles/edge/templates/edgecore.yaml.j2': text });
    expect(findings).toEqual([]);
    expect(notices).toEqual(['roles/edge/templates/edgecore.yaml.j2: an unrendered template whose placeholders are not YAML (skipped); lint the file it renders instead']);
  });

  it('a template that parses is judged where its values are literal, not at its placeholders', async () => {
    const text = [
      'apiVersion: edgecore.config.kubeedge.io/v1alpha2',
      'kind: EdgeCore',
      'modules:',
      '  eventBus:',
      '    mqttMode: "{{ mqtt_mode }}"',
      '    mqttQOS: 7',
      '  edged:',
      '    tailoredKubeletConfig:',
      '      maxPods: "{{ max_pods | default(110) }}"',
      '',
    ].join('\n');
    const { findings, notices } = await run({ 'edgecore.yaml.j2': text });
    expect(findings).toEqual(['edgecore/invalid-value edgecore.yaml.j2:6:14']);
    expect(notices).toEqual([]);
  });

  it('a sample with no placeholders that does not parse is reported like any YAML file', async () => {
    const { findings } = await run({ 'edgecore.yaml.example': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules: [\n' });
    expect(findings).toEqual(['core/parse-error edgecore.yaml.example:3:10']);
  });

  it('a manifest template under a template suffix is read too', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\nspec:\n  nodeSelector:\n    node-role.kubernetes.io/edge: ""\n  containers:\n  - name: probe\n    image: "registry.local/probe:{{ probe_tag }}"\n    imagePullPolicy: Always\n';
    const { findings } = await run({ 'deploy/probe.yaml.tmpl': text });
    expect(findings).toEqual(['k8s/edge-pull-policy deploy/probe.yaml.tmpl:11:22']);
  });
});

describe('manifests of a template tree outside any Helm chart (sweep19 FP-2)', () => {
  // A repository of Jinja-style manifests rendered by its own tool before `kubectl apply`.
  const relay = (image: string, policy: string) =>
    [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata:',
      '  name: relay',
      'spec:',
      '  selector:',
      '    matchLabels: {app: relay}',
      '  template:',
      '    metadata:',
      '      labels: {app: relay}',
      '    spec:',
      '      nodeSelector:',
      '        node-role.kubernetes.io/edge: ""',
      '      containers:',
      '      - name: relay',
      `        image: ${image}`,
      `        imagePullPolicy: ${policy}`,
      '',
    ].join('\n');

  it.each([
    ['placeholders that leave no YAML: skipped with one notice', relay('{{site.registry}}/relay:{{site.relay.version}}-debug', 'IfNotPresent'), [], true],
    ['a template that parses: judged only where its values are literal', relay('registry.local/relay:2.4', '{{ site.pull_policy }}'), [], false],
    ['a literal Always beside a placeholder image is still reported', relay('"{{ site.registry }}/relay:2.4"', 'Always'), ['k8s/edge-pull-policy deploy/relay.yaml:17:26'], false],
  ])('%s', async (_name, text, expected, noticed) => {
    const { findings, notices } = await run({ 'deploy/relay.yaml': text });
    expect(findings).toEqual(expected);
    expect(notices).toEqual(noticed ? ['deploy/relay.yaml: an unrendered template whose placeholders are not YAML (skipped); lint the file it renders instead'] : []);
  });

  it.each([
    ['markup only in a comment', '# rendered from {{ site.name }}\napiVersion: v1\nkind: ConfigMap\ndata: [\n', 'core/parse-error deploy/broken.yaml:4:7'],
    ['markup on one line, the break on another', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ site.name }}"\ndata: [\n', 'core/parse-error deploy/broken.yaml:5:7'],
  ])('a .yaml broken away from its markup is still a parse error: %s', async (_name, text, expected) => {
    const { findings, notices } = await run({ 'deploy/broken.yaml': text });
    expect(findings).toEqual([expected]);
    expect(notices).toEqual([]);
  });

  it('classifies by where the markup is', () => {
    expect(classify('deploy/relay.yaml', relay('{{ r }}/relay:1', 'IfNotPresent'))).toBe('tentative-yaml');
    expect(classify('deploy/relay.yaml', '# see {{ docs }}\n' + relay('registry.local/relay:1', 'IfNotPresent'))).toBe('yaml');
  });
});

describe('nothing else is read', () => {
  it.each([
    ['README.md', 'Install:\n\napiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules: [\n'],
    ['pkg/config_test.go', 'package config\n\nconst sample = `\napiVersion: v1\nkind: Pod\n`\n'],
    ['notes', 'We run the broker:\nkind of slow\napiVersion is v2\n'],
    ['edge/edgecore.conf', 'Run edgecore with:\n  --config /etc/kubeedge/config/edgecore.yaml\n'],
    ['broken.conf', 'apiVersion: v1\nkind: Pod\nspec: [\n'],
  ])('%s gives no finding and no notice in a walk', async (path, text) => {
    const result = await lint({ files: [{ path, content: text }], cwd: '/nonexistent-edgelint-test-cwd' });
    expect(result.findings).toEqual([]);
  });

  it('classification is by the text, and the name only proposes', () => {
    expect(classify('edgecore.yaml.TEMPLATE', 'modules:\n  edged: {}\n')).toBe('unknown');
    expect(classify('edgecore.yaml.TEMPLATE', 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n')).toBe('yaml');
    expect(classify('edgecore.yaml.j2', 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nx: {{ y }}\n')).toBe('tentative-yaml');
    expect(classify('docs/setup.md', 'apiVersion: v1\nkind: Pod\n')).toBe('unknown');
    expect(classify('Makefile', 'all:\n\techo apiVersion: v1\n')).toBe('unknown');
  });

  it('placeholder ranges are found in one pass, an unclosed one ending it', () => {
    expect(placeholderRanges('a: {{ x }}\nb: {% y %}{{ z }}\nc: {{ open')).toEqual([[3, 10], [14, 28]]);
    const hostile = '{{'.repeat(200_000);
    expect(placeholderRanges(hostile)).toEqual([]);
  });
});
