import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import { PARALLEL_MIN_CHARS, findLargeLists, harvestYaml, harvestYamlFile, splitPoint } from '../../src/engine/yaml-harvest.js';
import type { YamlHarvest } from '../../src/engine/yaml-harvest.js';
import { TextLines } from '../../src/model/text-lines.js';

const empty = (): YamlHarvest => ({ objects: [], workloads: [], configMaps: [], duplicateKeys: [], parseProblems: [], edgecore: [] });

/** Everything a harvest holds, with spans resolved to file positions: equal harvests print equal. */
function describeHarvest(h: YamlHarvest): unknown {
  const at = (s: { source: SourceFile; start: number; end: number }) => {
    const r = resolveSpan(s);
    return `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
  };
  return {
    objects: h.objects.map((o) => [o.kind, o.name, o.helmSource, at(o.span), at(o.nameSpan), Object.keys(o.annotations), (o.schemaIssues ?? []).map((i) => [i.kind, i.path, at(i.span)])]),
    workloads: h.workloads.map((w) => [w.object.name, at(w.podSpan), w.hostNetwork?.value, w.containers.map((c) => [c.name, c.image && at(c.image.span), c.imageRef?.repository, c.ports.map((p) => p.hostPort && at(p.hostPort.span))]), w.sysctls.map((s) => at(s.name.span))]),
    configMaps: h.configMaps.map((c) => [c.object.name, Object.entries(c.data).map(([k, v]) => [k, at(v.span), v.value])]),
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
        `      securityContext:\n        sysctls:\n        - name: net.ipv4.ip_forward\n          value: "1"\n      containers:\n      - name: c\n        image: eclipse-mosquitto:1.6.${i % 16}\n        imagePullpolicy: IfNotPresent\n        ports:\n        - containerPort: ${1000 + (i % 50)}\n          hostPort: ${1000 + (i % 50)}\n` +
        (i % 997 === 0 ? `---\napiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 0\n` : '') +
        (i % 1499 === 0 ? `---\nbroken: [unterminated\n` : '') +
        `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  mosquitto.conf: |\n    listener 1883\n` +
        (i % 3 === 0 ? `  broker-${i}.conf: |-\n    # the broker's whole config file, long enough to be read again from the text\n    listener ${1000 + i}\n\n    allow_anonymous false\n` : ''),
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
    // Equal images share one parsed reference, in this thread's half and the worker's alike.
    const refs = new Map<string, Set<unknown>>();
    for (const w of parallel.workloads) for (const c of w.containers) if (c.image) refs.set(c.image.value, (refs.get(c.image.value) ?? new Set()).add(c.imageRef));
    expect(refs.size).toBe(16);
    expect([...refs.values()].map((r) => r.size)).toEqual(Array(16).fill(1));
    // Long ConfigMap values come back from the worker as ranges of the file's text (text-lines.ts), read as the same strings.
    const brokers = parallel.configMaps.flatMap((c) => Object.entries(c.data).filter(([k]) => k.startsWith('broker-')).map(([, v]) => v));
    expect(brokers).toHaveLength(1000);
    expect(brokers.every((v) => v instanceof TextLines)).toBe(true);
    expect(brokers.at(-1)!.value).toBe(`# the broker's whole config file, long enough to be read again from the text\nlistener ${1000 + 2997}\n\nallow_anonymous false`);
    // Empty lists are one frozen array: nothing fills them later.
    const commands = new Set(parallel.workloads.flatMap((w) => w.containers.map((c) => c.command)));
    expect(commands.size).toBe(1);
    expect(Object.isFrozen([...commands][0])).toBe(true);
    // The worker's half carries its schema issues back with offsets into the whole file.
    const last = parallel.objects.filter((o) => o.kind === 'DaemonSet').at(-1)!;
    const issues = (last.schemaIssues ?? []).map((i) => { const r = resolveSpan(i.span); return [i.kind, i.path, r.line, r.column, text.split('\n')[r.line - 1].trim()]; });
    const line = text.slice(0, last.span.start).split('\n').length;
    expect(issues).toEqual([
      ['missing-field', 'spec', line + 5, 1, 'spec:'],
      ['unknown-field', 'spec.template.spec.containers[0].imagePullpolicy', line + 16, 9, 'imagePullpolicy: IfNotPresent'],
    ]);
  });
});

describe('what stands for the worker\'s chunk while a batch crosses threads', () => {
  // The worker's spans name its chunk file; a batch crosses with one marker object in its place
  // (yaml-harvest.ts dehydrate). Text in the stream that looks like a marker stays text: until session
  // 30 the marker was a string, and a label or ConfigMap value spelling it became the file object.
  it('user values named `source`, spelling the old string marker, come back as written', async () => {
    const hostile = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: marker\n  labels:\n    source: "\\0edgelint-chunk"\n  annotations:\n    source: "\\0edgelint-chunk"\ndata:\n  source: "\\0edgelint-chunk"\n`;
    const text = stream(40) + hostile;
    const source = new SourceFile('big.yaml', text, 'yaml');
    const sequential = empty();
    harvestYaml(source, sequential);
    const parallel = empty();
    expect(await harvestYamlFile(source, parallel, 0)).toBe('two threads');
    expect(describeHarvest(parallel)).toEqual(describeHarvest(sequential));
    const read = (h: YamlHarvest) => {
      const object = h.objects.find((o) => o.name === 'marker')!;
      const data = h.configMaps.find((c) => c.object.name === 'marker')!.data;
      return { label: object.labels.source, annotation: object.annotations.source.value, data: data.source.value };
    };
    expect(read(sequential)).toEqual({ label: '\u0000edgelint-chunk', annotation: '\u0000edgelint-chunk', data: '\u0000edgelint-chunk' });
    expect(read(parallel)).toEqual(read(sequential));
  });
});

describe('large kind: List documents are read an item at a time', () => {
  function list(items: number, indent: string): string {
    const out = ['apiVersion: v1', 'items:'];
    for (let i = 0; i < items; i++) {
      out.push(
        `${indent}- apiVersion: apps/v1`,
        `${indent}  kind: DaemonSet`,
        `${indent}  metadata:`,
        `${indent}    name: ds-${i}`,
        `${indent}    annotations:`,
        `${indent}      note: |`,
        `${indent}        a block scalar`,
        `${indent}        - that looks like an item`,
        `${indent}  spec:`,
        `${indent}    template:`,
        `${indent}      spec:`,
        `${indent}        hostNetwork: true`,
        `${indent}        containers:`,
        `${indent}        - name: c`,
        `${indent}          image: eclipse-mosquitto:1.6.${i % 16}`,
        `${indent}          ports: [{containerPort: 1883, hostPort: 1883}]`,
      );
    }
    out.push('kind: List', 'metadata:', '  resourceVersion: ""', '');
    return out.join('\n');
  }
  for (const indent of ['', '  ']) {
    it(`items at indentation ${indent.length}: same objects and spans as reading the List whole`, () => {
      const source = new SourceFile('list.yaml', list(3000, indent), 'yaml');
      expect(source.text.length).toBeGreaterThan(1024 * 1024);
      const streamed = empty();
      harvestYaml(source, streamed);
      const whole = empty();
      harvestYaml(source, whole, { wholeLists: true });
      expect(streamed.objects).toHaveLength(3000);
      expect(streamed.parseProblems).toEqual([]);
      expect(describeHarvest(streamed)).toEqual(describeHarvest(whole));
    });
  }
  it('an irregular List (an item whose dash stands alone on its line) is read whole, with the same result', () => {
    const regular = list(3000, '  ');
    const text = regular.replace('  - apiVersion: apps/v1\n    kind: DaemonSet\n    metadata:\n      name: ds-7\n', '  -\n    apiVersion: apps/v1\n    kind: DaemonSet\n    metadata:\n      name: ds-7\n');
    expect(text).not.toBe(regular);
    expect(findLargeLists(regular, regular.length).map((l) => l.items.length)).toEqual([3000]);
    expect(findLargeLists(text, text.length)).toEqual([]);
    const source = new SourceFile('list.yaml', text, 'yaml');
    const streamed = empty();
    harvestYaml(source, streamed);
    const whole = empty();
    harvestYaml(source, whole, { wholeLists: true });
    expect(streamed.objects).toHaveLength(3000);
    expect(describeHarvest(streamed)).toEqual(describeHarvest(whole));
  });
});
