import { describe, expect, it } from 'vitest';
import { DEFAULT_NODE_CLASSES, describedNodes, landsOn, matchRequirement, objectIdentity, placementImplies, placementsDisjoint } from '../../src/model/placement.js';
import { span, SourceFile } from '../../src/core/source.js';
import type { K8sObject, NodeClass, Placement, SelectorRequirement, Toleration } from '../../src/model/types.js';
import { lint } from '../../src/engine/lint.js';

const [edge, cloud] = DEFAULT_NODE_CLASSES;
const at = span(new SourceFile('x.yaml', '', 'yaml'), 0, 0);
const placement = (p: Partial<Placement>): Placement => ({ nodeSelector: {}, requiredTerms: [], tolerations: [], span: at, ...p });
const req = (key: string, operator: string, values: string[] = []): SelectorRequirement => ({ key, operator, values });

describe('node selector requirements against the default classes', () => {
  const table: Array<[string, SelectorRequirement, string, string]> = [
    ['edge label Exists', req('node-role.kubernetes.io/edge', 'Exists'), 'yes', 'no'],
    ['edge label DoesNotExist (CloudCore chart)', req('node-role.kubernetes.io/edge', 'DoesNotExist'), 'no', 'yes'],
    ['agent label In [""]', req('node-role.kubernetes.io/agent', 'In', ['']), 'yes', 'maybe'],
    ['os In [linux]', req('kubernetes.io/os', 'In', ['linux']), 'yes', 'maybe'],
    ['os In [windows]', req('kubernetes.io/os', 'In', ['windows']), 'no', 'maybe'],
    ['os NotIn [windows]', req('kubernetes.io/os', 'NotIn', ['windows']), 'yes', 'maybe'],
    ['arch In [arm64]: edge nodes carry an arch label of unknown value', req('kubernetes.io/arch', 'In', ['arm64']), 'maybe', 'maybe'],
    ['custom label Exists: edge nodes carry only their known labels', req('example.com/zone', 'Exists'), 'no', 'maybe'],
    ['custom label NotIn: a node without the key satisfies NotIn', req('example.com/zone', 'NotIn', ['a']), 'yes', 'maybe'],
    ['custom label DoesNotExist', req('example.com/zone', 'DoesNotExist'), 'yes', 'maybe'],
    ['Gt on a label the class lacks', req('example.com/gpu-count', 'Gt', ['1']), 'no', 'maybe'],
    ['Gt with a non-integer bound never matches', req('example.com/gpu-count', 'Gt', ['x']), 'no', 'no'],
    ['unknown operator never matches', req('kubernetes.io/os', 'Like', ['linux']), 'no', 'no'],
  ];
  for (const [name, requirement, onEdge, onCloud] of table) {
    it(name, () => {
      expect(matchRequirement(edge, requirement)).toBe(onEdge);
      expect(matchRequirement(cloud, requirement)).toBe(onCloud);
    });
  }

  it('Gt and Lt compare integers when the value is known', () => {
    const cls: NodeClass = { ...edge, labels: { ...edge.labels, 'example.com/cores': '4' } };
    expect(matchRequirement(cls, req('example.com/cores', 'Gt', ['2']))).toBe('yes');
    expect(matchRequirement(cls, req('example.com/cores', 'Gt', ['4']))).toBe('no');
    expect(matchRequirement(cls, req('example.com/cores', 'Lt', ['8']))).toBe('yes');
    expect(matchRequirement({ ...cls, labels: { ...cls.labels, 'example.com/cores': 'four' } }, req('example.com/cores', 'Lt', ['8']))).toBe('no');
  });
});

describe('placement: selectors, affinity terms and tolerations together', () => {
  it('no constraints: lands everywhere (edge nodes carry no taints)', () => {
    expect(landsOn(edge, placement({}))).toBe('yes');
    expect(landsOn(cloud, placement({}))).toBe('yes');
  });
  it('nodeSelector on the edge role', () => {
    const p = placement({ nodeSelector: { 'node-role.kubernetes.io/edge': '' } });
    expect(landsOn(edge, p)).toBe('yes');
    expect(landsOn(cloud, p)).toBe('no');
  });
  it('terms are ORed, requirements in a term ANDed', () => {
    const p = placement({ requiredTerms: [[req('kubernetes.io/os', 'In', ['windows'])], [req('node-role.kubernetes.io/edge', 'Exists'), req('kubernetes.io/os', 'In', ['linux'])]] });
    expect(landsOn(edge, p)).toBe('yes');
    expect(landsOn(cloud, p)).toBe('maybe');
  });
  it('an empty term matches nothing', () => {
    expect(landsOn(edge, placement({ requiredTerms: [[]] }))).toBe('no');
  });
  it('nodeSelector and affinity must both match', () => {
    const p = placement({ nodeSelector: { 'node-role.kubernetes.io/edge': '' }, requiredTerms: [[req('node-role.kubernetes.io/edge', 'DoesNotExist')]] });
    expect(landsOn(edge, p)).toBe('no');
  });
  it('taints need tolerations (NoSchedule and NoExecute; PreferNoSchedule does not block)', () => {
    const tainted: NodeClass = { ...edge, taints: [{ key: 'edge', value: 'true', effect: 'NoSchedule' }, { key: 'soft', effect: 'PreferNoSchedule' }] };
    const tol = (t: Toleration[]) => placement({ tolerations: t });
    expect(landsOn(tainted, tol([]))).toBe('no');
    expect(landsOn(tainted, tol([{ key: 'edge', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]))).toBe('yes');
    expect(landsOn(tainted, tol([{ key: 'edge', operator: 'Equal', value: 'false' }]))).toBe('no');
    expect(landsOn(tainted, tol([{ key: 'edge', operator: 'Exists' }]))).toBe('yes');
    expect(landsOn(tainted, tol([{ operator: 'Exists' }]))).toBe('yes');
    expect(landsOn(tainted, tol([{ key: 'edge', operator: 'Exists', effect: 'NoExecute' }]))).toBe('no');
  });
  it('a pod tolerating an edge taint by name may select labels the repository never shows on edge nodes', () => {
    const custom = [[req('example.com/sensor-gateway', 'Exists')]];
    const tolerating = (key: string) => placement({ requiredTerms: custom, tolerations: [{ key, operator: 'Exists', effect: 'NoExecute' }] });
    // Without the toleration a label edged does not register is absent from edge nodes.
    expect(landsOn(edge, placement({ requiredTerms: custom }))).toBe('no');
    expect(landsOn(edge, tolerating('node-role.kubernetes.io/edge'))).toBe('maybe');
    expect(landsOn(edge, tolerating('node-role.kubeedge.io'))).toBe('maybe');
    expect(landsOn(edge, tolerating('node-role.kubeedge.io/edge'))).toBe('maybe');
    expect(landsOn(edge, tolerating('node-role.kubeedge.iox'))).toBe('no');
    // Tolerating everything (kube-proxy, CNI agents) or another taint says nothing about edge intent.
    expect(landsOn(edge, placement({ requiredTerms: custom, tolerations: [{ operator: 'Exists' }] }))).toBe('no');
    expect(landsOn(edge, tolerating('node.kubernetes.io/not-ready'))).toBe('no');
    // Requiring a role label only edge nodes carry is the same intent.
    expect(landsOn(edge, placement({ nodeSelector: { 'node-role.kubernetes.io/agent': '', 'example.com/robot': 'arm-1' } }))).toBe('maybe');
    expect(landsOn(edge, placement({ requiredTerms: [[req('node-role.kubernetes.io/edge', 'Exists'), req('example.com/robot', 'In', ['arm-1'])]] }))).toBe('maybe');
    // One term without the role requirement: the pod may be meant for other nodes; the custom label stays absent on the edge.
    expect(landsOn(edge, placement({ requiredTerms: [[req('node-role.kubernetes.io/edge', 'Exists'), req('example.com/robot', 'Exists')], [req('example.com/gpu', 'Exists')]] }))).toBe('no');
    // A label valued with the name the deployment gives an edge node (KubeEdge 1.x's `name: edge-node`) is the same intent (sweep17 M-1).
    const named: typeof edge = { ...edge, givenNodeNames: ['press-7'] };
    expect(landsOn(named, placement({ nodeSelector: { name: 'press-7' } }))).toBe('maybe');
    expect(landsOn(named, placement({ requiredTerms: [[req('site-node', 'In', ['press-7', 'press-8'])]] }))).toBe('maybe');
    expect(landsOn(named, placement({ nodeSelector: { name: 'press-9' } }))).toBe('no');
    expect(landsOn(edge, placement({ nodeSelector: { name: 'press-7' } }))).toBe('no');
    // Every term must ask for such a name, and only with In; the hostname label is left to the names themselves.
    expect(landsOn(named, placement({ requiredTerms: [[req('name', 'In', ['press-7'])], [req('example.com/gpu', 'Exists')]] }))).toBe('no');
    expect(landsOn(named, placement({ requiredTerms: [[req('name', 'NotIn', ['press-7'])]] }))).toBe('yes');
    expect(landsOn(named, placement({ nodeSelector: { 'kubernetes.io/hostname': 'press-7', tier: 'x' } }))).toBe('no');
    // Known labels keep their values: an edge class still lacks the cloud's DoesNotExist escape.
    expect(landsOn(edge, placement({ requiredTerms: [[req('node-role.kubernetes.io/edge', 'DoesNotExist')]], tolerations: [{ key: 'node-role.kubernetes.io/edge', operator: 'Exists' }] }))).toBe('no');
  });
});

describe('placement read from manifests', () => {
  async function landing(manifest: string, config = {}) {
    const { model } = await lint({ files: [{ path: 'w.yaml', content: manifest }], config, cwd: '/nonexistent' });
    return model.workloads.map((w) => `${w.object.name}: ${w.landsOn.join(',')}`);
  }
  it('the CloudCore chart workloads: cloudcore off edge, mosquitto on edge only', async () => {
    const affinity = (op: string) => `      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - key: node-role.kubernetes.io/edge\n                operator: ${op}\n`;
    const ds = (name: string, op: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n${affinity(op)}      containers:\n      - name: c\n        image: x:1\n`;
    expect(await landing(`${ds('cloudcore', 'DoesNotExist')}---\n${ds('edge-eclipse-mosquitto', 'Exists')}`)).toEqual(['cloudcore: cloud', 'edge-eclipse-mosquitto: edge']);
  });
  it('edgecore nodeLabels join the edge class labels', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    site: plant-a\n  containers:\n  - name: c\n    image: x:1\n';
    const edgecore = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    nodeLabels:\n      site: plant-a\n';
    const { model } = await lint({ files: [{ path: 'p.yaml', content: pod }, { path: 'edgecore.yaml', content: edgecore }], cwd: '/nonexistent' });
    expect(model.workloads[0].landsOn).toEqual(['edge', 'cloud']);
    const { model: without } = await lint({ files: [{ path: 'p.yaml', content: pod }], cwd: '/nonexistent' });
    expect(without.workloads[0].landsOn).toEqual(['cloud']);
  });
  it('config node classes replace the defaults by name', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x:1\n';
    expect(await landing(pod, { nodeClasses: { edge: { taints: [{ key: 'edge', effect: 'NoSchedule' }] } } })).toEqual(['p: cloud']);
  });
});

describe('placementsDisjoint: can two placements share a node?', () => {
  const arch = (key: string, operator: string, values: string[]) => placement({ requiredTerms: [[req(key, operator, values)]] });
  const table: Array<[string, Placement, Placement, boolean]> = [
    ['In [amd64] vs In [arm64]', arch('kubernetes.io/arch', 'In', ['amd64']), arch('kubernetes.io/arch', 'In', ['arm64']), true],
    ['beta alias: nodeSelector beta arch amd64 vs affinity arch arm', placement({ nodeSelector: { 'beta.kubernetes.io/arch': 'amd64' } }), arch('kubernetes.io/arch', 'In', ['arm']), true],
    ['os linux vs os windows', placement({ nodeSelector: { 'kubernetes.io/os': 'linux' } }), placement({ nodeSelector: { 'kubernetes.io/os': 'windows' } }), true],
    ['In [amd64, arm64] vs In [arm64] overlap', arch('kubernetes.io/arch', 'In', ['amd64', 'arm64']), arch('kubernetes.io/arch', 'In', ['arm64']), false],
    ['In [a] vs NotIn [a]', arch('example.com/zone', 'In', ['a']), arch('example.com/zone', 'NotIn', ['a']), true],
    ['In [a, b] vs NotIn [a]', arch('example.com/zone', 'In', ['a', 'b']), arch('example.com/zone', 'NotIn', ['a']), false],
    ['Exists vs DoesNotExist', arch('example.com/gpu', 'Exists', []), arch('example.com/gpu', 'DoesNotExist', []), true],
    ['In vs DoesNotExist', arch('example.com/gpu', 'In', ['x']), arch('example.com/gpu', 'DoesNotExist', []), true],
    ['pinned vs unconstrained', arch('kubernetes.io/arch', 'In', ['arm']), placement({}), false],
    ['different keys never contradict', arch('kubernetes.io/arch', 'In', ['arm']), arch('kubernetes.io/os', 'In', ['linux']), false],
    ['Gt adds no constraint (may overlap)', arch('example.com/cores', 'Gt', ['4']), arch('example.com/cores', 'Lt', ['2']), false],
    [
      'ORed terms: disjoint only if every pair contradicts',
      placement({ requiredTerms: [[req('kubernetes.io/arch', 'In', ['amd64'])], [req('kubernetes.io/arch', 'In', ['arm64'])]] }),
      arch('kubernetes.io/arch', 'In', ['arm64']),
      false,
    ],
    ['bound by nodeName to two different nodes', placement({ nodeName: 'ke-edge2' }), placement({ nodeName: 'ke-edge3' }), true],
    ['bound by nodeName to one node', placement({ nodeName: 'ke-edge2' }), placement({ nodeName: 'ke-edge2' }), false],
    ['bound by nodeName vs unbound', placement({ nodeName: 'ke-edge2' }), placement({}), false],
    ['a nodeName placeholder decides nothing', placement({ nodeName: '<your node name>' }), placement({ nodeName: 'ke-edge3' }), false],
    [
      'nodeSelector applies to every term',
      placement({ nodeSelector: { 'kubernetes.io/arch': 'arm' }, requiredTerms: [[req('kubernetes.io/os', 'In', ['linux'])], [req('example.com/zone', 'Exists')]] }),
      arch('kubernetes.io/arch', 'In', ['amd64']),
      true,
    ],
  ];
  for (const [name, a, b, disjoint] of table) {
    it(name, () => {
      expect(placementsDisjoint(a, b)).toBe(disjoint);
      expect(placementsDisjoint(b, a)).toBe(disjoint);
    });
  }
});

describe('placementImplies: does every node of the first placement satisfy the second?', () => {
  const term = (...r: SelectorRequirement[]) => placement({ requiredTerms: [r] });
  const table: Array<[string, Placement, Placement, boolean]> = [
    ['anything implies no constraint', placement({ nodeSelector: { 'example.com/zone': 'a' } }), placement({}), true],
    ['no constraint does not imply a label', placement({}), placement({ nodeSelector: { 'example.com/zone': 'a' } }), false],
    ['two different labels', placement({ nodeSelector: { 'example.com/storage': 'local' } }), placement({ nodeSelector: { 'example.com/metrics': 'on' } }), false],
    ['a superset of labels implies the subset', placement({ nodeSelector: { 'example.com/metrics': 'on', 'example.com/storage': 'local' } }), placement({ nodeSelector: { 'example.com/metrics': 'on' } }), true],
    ['In [a] implies Exists', term(req('example.com/zone', 'In', ['a'])), term(req('example.com/zone', 'Exists')), true],
    ['Exists does not imply In [a]', term(req('example.com/zone', 'Exists')), term(req('example.com/zone', 'In', ['a'])), false],
    ['In [a] implies In [a, b]', term(req('example.com/zone', 'In', ['a'])), term(req('example.com/zone', 'In', ['a', 'b'])), true],
    ['In [a] implies NotIn [b]', term(req('example.com/zone', 'In', ['a'])), term(req('example.com/zone', 'NotIn', ['b'])), true],
    ['In [a, b] does not imply NotIn [b]', term(req('example.com/zone', 'In', ['a', 'b'])), term(req('example.com/zone', 'NotIn', ['b'])), false],
    ['DoesNotExist implies NotIn', term(req('example.com/zone', 'DoesNotExist')), term(req('example.com/zone', 'NotIn', ['a'])), true],
    ['a Gt in the second is never taken as implied', term(req('example.com/cores', 'Gt', ['4'])), term(req('example.com/cores', 'Gt', ['4'])), false],
    ['either of two ORed terms must imply', placement({ requiredTerms: [[req('example.com/zone', 'In', ['a'])], [req('example.com/zone', 'In', ['c'])]] }), term(req('example.com/zone', 'In', ['a', 'b'])), false],
    ['a nodeName the second binds to and the first does not share', placement({}), placement({ nodeName: 'gw-1' }), false],
  ];
  for (const [name, a, b, implied] of table) it(name, () => expect(placementImplies(a, b)).toBe(implied));
});

describe('objectIdentity: which manifests are one object to the API server', () => {
  it.each([
    [{ kind: 'DaemonSet', namespace: 'kubeedge', name: 'agent' }, { kind: 'DaemonSet', namespace: 'kubeedge', name: 'agent' }, true],
    [{ kind: 'DaemonSet', namespace: 'kubeedge', name: 'agent' }, { kind: 'DaemonSet', namespace: 'other', name: 'agent' }, false],
    [{ kind: 'DaemonSet', namespace: 'kubeedge', name: 'agent' }, { kind: 'Deployment', namespace: 'kubeedge', name: 'agent' }, false],
    [{ kind: 'DaemonSet', name: 'agent' }, { kind: 'DaemonSet', name: 'agent' }, true],
  ])('%o and %o: one object = %s', (a, b, same) => {
    expect(objectIdentity(a) === objectIdentity(b)).toBe(same);
  });
  it('an object without a name (generateName) is nobody else', () => {
    expect(objectIdentity({ kind: 'Pod', name: '' })).toBeUndefined();
  });
});

describe('describedNodes: Node manifests of the deployment are the nodes of their class', () => {
  const node = (labels: Record<string, string>, taints: K8sObject['nodeTaints'] = []): K8sObject =>
    ({ apiVersion: 'v1', kind: 'Node', name: 'n', source: at.source, span: at, nameSpan: at, annotations: {}, labels, nodeTaints: taints }) as K8sObject;
  const EDGE = 'node-role.kubernetes.io/edge';
  const table: Array<[string, NodeClass, K8sObject, number | undefined]> = [
    ['an edge Node joins the edge class: the agent role and os labels edged adds count as carried', edge, node({ [EDGE]: '' }), 1],
    ['a Node without the edge role label is no edge node', edge, node({ name: 'plain' }), undefined],
    ['a Node stating another value of a class label is not of the class', edge, node({ [EDGE]: '', 'kubernetes.io/os': 'windows' }), undefined],
    ['an edge Node is not a cloud node (absentLabels)', cloud, node({ [EDGE]: '' }), undefined],
    ['any Node without the edge role is a cloud node', cloud, node({ 'node-role.kubernetes.io/control-plane': '' }), 1],
  ];
  for (const [name, cls, object, count] of table) {
    it(name, () => {
      expect(describedNodes(cls, [object], new Set())?.length).toBe(count);
    });
  }

  it('a described node carries its taints and the labels placements read', () => {
    const [n] = describedNodes(edge, [node({ [EDGE]: '', zone: 'a', unread: 'x' }, [{ key: 'k', value: 'v', effect: 'NoSchedule' }])], new Set(['zone']))!;
    expect(n.labels.zone).toBe('a');
    expect(n.labels.unread).toBeUndefined();
    expect(n.taints).toEqual([{ key: 'k', value: 'v', effect: 'NoSchedule' }]);
    expect(n.openLabels).toBe(false);
  });

  it('an edgecore nodeLabels key counts as carried (keadm join --labels)', () => {
    const site = { ...edge, labels: { ...edge.labels, site: 'a' } };
    // A class label nothing registers (config nodeClasses) must be stated by the Node.
    expect(describedNodes(site, [node({ [EDGE]: '' })], new Set())).toBeUndefined();
    expect(describedNodes(site, [node({ [EDGE]: '' })], new Set(), new Set(['site']))).toHaveLength(1);
    expect(describedNodes(site, [node({ [EDGE]: '', site: 'b' })], new Set(), new Set(['site']))).toBeUndefined();
  });

  it('nodes differing only in labels no placement reads are one description', () => {
    const many = Array.from({ length: 1000 }, (_, i) => node({ [EDGE]: '', 'kubernetes.io/hostname': `edge-${i}` }));
    expect(describedNodes(edge, many, new Set(['zone']))).toHaveLength(1);
  });

  it('past 256 distinct descriptions the class is judged as a whole', () => {
    const many = Array.from({ length: 300 }, (_, i) => node({ [EDGE]: '', zone: `z${i}` }));
    expect(describedNodes(edge, many, new Set(['zone']))).toBeUndefined();
    expect(describedNodes(edge, many.slice(0, 256), new Set(['zone']))).toHaveLength(256);
  });

  it('landsOn a class with described nodes: on one of them', () => {
    const nodes = describedNodes(edge, [node({ [EDGE]: '' }, [{ key: 'dedicated', effect: 'NoSchedule' }]), node({ [EDGE]: '', zone: 'b' })], new Set(['zone']))!;
    const cls = { ...edge, nodes };
    expect(landsOn(cls, placement({}))).toBe('yes');
    expect(landsOn(cls, placement({ nodeSelector: { zone: 'a' } }))).toBe('no');
    expect(landsOn({ ...edge, nodes: nodes.slice(0, 1) }, placement({}))).toBe('no');
    expect(landsOn({ ...edge, nodes: nodes.slice(0, 1) }, placement({ tolerations: [{ key: 'dedicated', operator: 'Exists' }] }))).toBe('yes');
  });
});
