import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import { PARALLEL_MIN_CHARS, harvestYaml, harvestYamlFile, splitPoint } from '../../src/engine/yaml-harvest.js';
import type { YamlHarvest } from '../../src/engine/yaml-harvest.js';

const empty = (): YamlHarvest => ({ objects: [], workloads: [], configMaps: [], duplicateKeys: [], parseProblems: [], edgecore: [] });

/** Everything a harvest holds, with spans resolved to file positions: equal harvests print equal. */
function describeHarvest(h: YamlHarvest): unknown {
  const at = (s: { source: SourceFile; start: number; end: number }) => {
    const r = resolveSpan(s);
    return `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
  };
  return {
    objects: h.objects.map((o) => [o.kind, o.name, o.helmSource, at(o.span), at(o.nameSpan), Object.keys(o.annotations)]),
    workloads: h.workloads.map((w) => [w.object.name, at(w.podSpan), w.hostNetwork?.value, w.containers.map((c) => [c.name, c.image && at(c.image.span), c.imageRef?.repository, c.ports.map((p) => p.hostPort && at(p.hostPort.span))]), w.sysctls.map((s) => at(s.name.span))]),
    configMaps: h.configMaps.map((c) => [c.object.name, Object.entries(c.data).map(([k, v]) => [k, at(v.span)])]),
    duplicateKeys: h.duplicateKeys.map((d) => [d.key, at(d.span), at(d.firstSpan), d.consumer]),
    problems: h.parseProblems.map((p) => [p.message, at(p.span)]),
    edgecore: h.edgecore.map((e) => at(e.span)),
  };
}

function stream(documents: number): string {
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) {
    parts.push(
      `---\n# Source: chart/templates/d${i % 7}.yaml\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds-${i}\n  name: dup-${i}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n` +
        `      securityContext:\n        sysctls:\n        - name: net.ipv4.ip_forward\n          value: "1"\n      containers:\n      - name: c\n        image: eclipse-mosquitto:1.6.${i % 16}\n        ports:\n        - containerPort: ${1000 + (i % 50)}\n          hostPort: ${1000 + (i % 50)}\n` +
        (i % 997 === 0 ? `---\napiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 0\n` : '') +
        (i % 1499 === 0 ? `---\nbroken: [unterminated\n` : '') +
        `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  mosquitto.conf: |\n    listener 1883\n`,
    );
  }
  return parts.join('');
}

describe('reading large YAML streams on two cores', () => {
  it('small files stay on one thread', async () => {
    expect(PARALLEL_MIN_CHARS).toBeGreaterThan(1_000_000);
    expect(await harvestYamlFile(new SourceFile('s.yaml', stream(3), 'yaml'), empty())).toBe('one thread');
  });

  it('cuts at a document marker past the middle', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const cut = splitPoint(text)!;
    expect(text.slice(cut, cut + 4)).toBe('---\n');
    expect(cut).toBeGreaterThanOrEqual(text.length / 2);
    expect(splitPoint('a: 1\nb: 2\n')).toBeUndefined();
  });

  it('a worker-read stream yields exactly what one thread reads: same objects, spans, problems, order', async () => {
    const text = stream(3000);
    const source = new SourceFile('big.yaml', text, 'yaml');
    const sequential = empty();
    harvestYaml(source, sequential);
    const parallel = empty();
    expect(await harvestYamlFile(source, parallel, 0)).toBe('two threads');
    expect(parallel.objects.length).toBe(sequential.objects.length);
    expect(sequential.edgecore.length).toBeGreaterThan(0);
    expect(sequential.parseProblems.length).toBeGreaterThan(0);
    expect(describeHarvest(parallel)).toEqual(describeHarvest(sequential));
  });
});
