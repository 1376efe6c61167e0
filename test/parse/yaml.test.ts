import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import { yamlDocuments } from '../../src/parse/yaml.js';
import { findDuplicateKeys } from '../../src/parse/yaml-duplicate-keys.js';
import { extractKubernetes } from '../../src/model/kubernetes.js';
import type { ExtractedObjects } from '../../src/model/kubernetes.js';
import type { ParseProblem } from '../../src/core/problem.js';

function read(text: string) {
  const source = new SourceFile('x.yaml', text, 'yaml');
  const problems: ParseProblem[] = [];
  const out: ExtractedObjects = { objects: [], workloads: [] };
  const docs = [];
  for (const d of yamlDocuments(source, problems)) {
    docs.push(d);
    if (!d.doc.errors.length) extractKubernetes(source, d.doc, d.helmSource, out);
  }
  return { source, problems, docs, ...out };
}

const pos = (s: { source: SourceFile; start: number; end: number }) => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
};

describe('YAML streams', () => {
  it('keeps the # Source: template of each helm document', () => {
    const { objects } = read('---\n# Source: a/templates/x.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n# Source: a/templates/y.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: y\n');
    expect(objects.map((o) => [o.kind, o.helmSource, pos(o.nameSpan)])).toEqual([
      ['ConfigMap', 'a/templates/x.yaml', '6:9-6:10'],
      ['Secret', 'a/templates/y.yaml', '12:9-12:10'],
    ]);
  });
  it('a document without # Source: does not inherit the previous one', () => {
    const { objects } = read('# Source: a/templates/x.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n');
    expect(objects.map((o) => o.helmSource)).toEqual(['a/templates/x.yaml', undefined]);
  });
  it('expands kind: List items, each with its own position', () => {
    const { objects, workloads } = read('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      image: nginx:1.25.3\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n');
    expect(objects.map((o) => `${o.kind}/${o.name}@${pos(o.nameSpan)}`)).toEqual(['Pod/a@7:11-7:12', 'Service/s@15:11-15:12']);
    expect(workloads.map((w) => pos(w.containers[0].image!.span))).toEqual(['11:14-11:26']);
  });
  it('reads YAML 1.1 scalars as Go YAML does (yes is a boolean)', () => {
    const { workloads } = read('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: yes\n  containers: []\n');
    expect(workloads[0].hostNetwork?.value).toBe(true);
  });
  it('records every workload field with its exact span', () => {
    const { workloads } = read([
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: d', 'spec:', '  template:', '    spec:',
      '      securityContext:', '        sysctls:', '        - {name: net.core.somaxconn, value: "1024"}',
      '      containers:', '      - name: c', '        image: "eclipse-mosquitto:2.0"', '        imagePullPolicy: Always',
      '        ports:', '        - {containerPort: 1883, hostPort: 1883, hostIP: 127.0.0.1, protocol: udp}', '',
    ].join('\n'));
    const [w] = workloads;
    const [c] = w.containers;
    expect(pos(c.image!.span)).toBe('13:16-13:39');
    expect(c.imageRef?.repository).toBe('docker.io/library/eclipse-mosquitto');
    expect(pos(c.imagePullPolicy!.span)).toBe('14:26-14:32');
    expect(c.ports.map((p) => [p.containerPort?.value, p.hostPort?.value, p.hostIP?.value, p.protocol, pos(p.hostPort!.span)])).toEqual([[1883, 1883, '127.0.0.1', 'UDP', '16:43-16:47']]);
    expect(w.sysctls.map((s) => [s.name.value, s.value?.value, pos(s.name.span)])).toEqual([['net.core.somaxconn', '1024', '10:18-10:36']]);
  });
  it('a workload whose spec is a string yields the object but no workload', () => {
    const { objects, workloads, problems } = read('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec: "oops"\n');
    expect(objects).toHaveLength(1);
    expect(workloads).toHaveLength(0);
    expect(problems).toEqual([]);
  });
  it('locates an unterminated flow sequence where it opens', () => {
    const { problems } = read('a: 1\nb: [1, 2\n');
    expect(problems.map((p) => pos(p.span))).toEqual(['2:4-2:9']);
  });
  it('finds duplicate keys at both places, with what the later one drops', () => {
    const { source, docs } = read('modules:\n  edgeHub: {}\n  edged: {}\nmodules:\n  eventBus: {}\n');
    const hits = findDuplicateKeys(source, docs[0].doc);
    expect(hits.map((h) => [h.key, h.path, pos(h.first), pos(h.second), h.lostKeys])).toEqual([['modules', '', '1:1-1:8', '4:1-4:8', ['edgeHub', 'edged']]]);
  });
  it('does not expand aliases when looking for duplicates (alias bombs cost nothing)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const { source, docs } = read(lines.join('\n') + '\n');
    expect(findDuplicateKeys(source, docs[0].doc)).toEqual([]);
  });
});

describe('the YAML reader never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const { problems } = read(text);
        for (const p of problems) {
          const r = resolveSpan(p.span);
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('on YAML-shaped text (keys, dashes, quotes, anchors, flow brackets)', () => {
    const token = fc.constantFrom('a', 'b', ':', ' ', '\n', '  ', '- ', '"', "'", '{', '}', '[', ']', ',', '&x', '*x', '#', '---\n', '? ', '|\n', 'kind: Pod\n', 'apiVersion: v1\n', '\t');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), (tokens) => {
        read(tokens.join(''));
      }),
      { numRuns: 500 },
    );
  });
});
