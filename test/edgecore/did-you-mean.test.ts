import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, suggestKey, type SchemaNode } from '../../src/edgecore/did-you-mean.js';
import { edgecoreSchema } from '../../src/edgecore/schema.js';

function nodeAt(root: SchemaNode, path: string[]): SchemaNode {
  return path.reduce((node, segment) => node.properties![segment], root);
}

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['mqttmode', 'mqttmode', 0],
    ['mqttSever', 'mqttServer', 1],
    ['mqttServerExtrenal', 'mqttServerExternal', 1],
    ['ca', 'ac', 1],
    ['allowUnsafeSysctls', 'allowedUnsafeSysctls', 2],
    ['kitten', 'sitting', 3],
  ])('%j → %j = %d', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });
});

describe('suggestKey', () => {
  const v122 = edgecoreSchema('1.22') as SchemaNode;
  const v117 = edgecoreSchema('1.17') as SchemaNode;
  const v120 = edgecoreSchema('1.20') as SchemaNode;

  it.each([
    { name: 'misplaced under edged', root: v122, parent: ['modules', 'edged'], key: 'allowedUnsafeSysctls', expected: { kind: 'elsewhere', path: ['modules', 'edged', 'tailoredKubeletConfig', 'allowedUnsafeSysctls'] } },
    { name: 'misplaced, other case', root: v122, parent: ['modules', 'edged'], key: 'ClusterDns', expected: { kind: 'elsewhere', path: ['modules', 'edged', 'tailoredKubeletConfig', 'clusterDNS'] } },
    { name: 'nearest of several places', root: v122, parent: ['modules', 'eventBus'], key: 'tlsCaFile', expected: { kind: 'elsewhere', path: ['modules', 'edgeHub', 'tlsCaFile'] } },
    { name: 'one level too deep', root: v122, parent: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'hostnameOverride', expected: { kind: 'elsewhere', path: ['modules', 'edged', 'hostnameOverride'] } },
    { name: 'module at the top level', root: v122, parent: [], key: 'eventBus', expected: { kind: 'elsewhere', path: ['modules', 'eventBus'] } },
    { name: 'removed with replacement', root: v122, parent: ['modules', 'edged'], key: 'remoteImageEndpoint', expected: { kind: 'removed', key: 'remoteImageEndpoint', removedIn: '1.18', replacedBy: 'modules.edged.tailoredKubeletConfig.imageServiceEndpoint' } },
    { name: 'removed, matched case-insensitively', root: v122, parent: ['modules', 'edged'], key: 'keepterminatedpodvolumes', expected: { kind: 'removed', key: 'keepTerminatedPodVolumes', removedIn: '1.22', replacedBy: undefined } },
    { name: 'added later', root: v120, parent: [], key: 'edgecoreVersion', expected: { kind: 'not-yet', key: 'edgecoreVersion', since: '1.21' } },
    { name: 'added later, nested', root: v117, parent: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'imageMaximumGCAge', expected: { kind: 'not-yet', key: 'imageMaximumGCAge', since: '1.18' } },
    { name: 'typo', root: v122, parent: ['modules', 'eventBus'], key: 'mqttQoS2', expected: { kind: 'typo', key: 'mqttQOS' } },
    { name: 'a shortened name of a key this mapping reads, not the same name in another module', root: v122, parent: ['modules', 'edgeStream'], key: 'tlsCAFile', expected: { kind: 'typo', key: 'tlsTunnelCAFile' } },
    { name: 'shortened, another of them', root: v122, parent: ['modules', 'edgeStream'], key: 'tlsPrivateKeyFile', expected: { kind: 'typo', key: 'tlsTunnelPrivateKeyFile' } },
    { name: 'transposition', root: v122, parent: ['modules', 'edgeHub'], key: 'hearbteat', expected: { kind: 'typo', key: 'heartbeat' } },
    { name: 'nothing close', root: v122, parent: ['modules', 'eventBus'], key: 'brokerPort', expected: undefined },
    { name: 'short key, too far', root: v122, parent: ['modules', 'serviceBus'], key: 'ip', expected: undefined },
  ])('$name', ({ root, parent, key, expected }) => {
    expect(suggestKey(root, nodeAt(root, parent), parent, key)).toEqual(expected);
  });
});
