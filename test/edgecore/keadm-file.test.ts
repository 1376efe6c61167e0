import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import keadmData from '../../data/keadm-edgecore.json' with { type: 'json' };
import { KEADM_EDGECORE_RELEASES, goyamlKeyCompare, keadmEdgecoreFile } from '../../src/edgecore/keadm-file.js';
import { checkEdgecore, EDGECORE_VERSIONS } from '../../src/edgecore/schema.js';
import { insertedDuplicates } from '../../src/script/sed-duplicate.js';
import type { YamlLineEdit } from '../../src/script/reading.js';

/** Every key path of a parsed YAML text, in document order. */
function keyPaths(text: string): string[][] {
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  const out: string[][] = [];
  const visit = (node: unknown, path: string[]): void => {
    if (!isMap(node)) return;
    const keys: string[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      keys.push(key);
      out.push([...path, key]);
      visit(pair.value, [...path, key]);
    }
    // keadm's file is written by yaml.v2, which sorts every mapping.
    expect([...keys].sort(goyamlKeyCompare)).toEqual(keys);
  };
  visit(doc.contents, []);
  return out;
}

const sed = (address: string, command: 'a' | 'i' | 'c', text: string): YamlLineEdit =>
  ({ tool: 'sed', sed: { address, command, text, script: { value: '' } } }) as unknown as YamlLineEdit;

describe('the edgecore.yaml keadm join writes (data/keadm-edgecore.json)', () => {
  it('covers releases edgelint has schemas for, and only those its data names', () => {
    for (const release of KEADM_EDGECORE_RELEASES) expect(EDGECORE_VERSIONS).toContain(release);
    for (const version of ['1.15', 'v1.15.0', '1.16', '1.18', '1.24', 'latest']) expect(keadmEdgecoreFile(version)).toBeUndefined();
    expect(keadmEdgecoreFile('v1.22.3')?.version).toBe('1.22');
  });

  it('renders, per release, sorted YAML whose every key the release reads (no unknown key, no duplicate)', () => {
    for (const release of KEADM_EDGECORE_RELEASES) {
      const file = keadmEdgecoreFile(release)!;
      const paths = keyPaths(file.text);
      expect(paths.length).toBeGreaterThan(150);
      const value = parseDocument(file.text).toJS();
      expect(checkEdgecore(value, release).filter((i) => i.kind !== 'invalid-value')).toEqual([]);
    }
  });

  it('holds the keys keadm writes and leaves out omitempty zero values and keys not read from the source', () => {
    const has = (release: string, path: string) => keyPaths(keadmEdgecoreFile(release)!.text).some((p) => p.join('.') === path);
    for (const release of KEADM_EDGECORE_RELEASES) {
      // TailoredKubeletFlag.NodeIP is `json:"nodeIP,omitempty"` and NewDefaultEdgeCoreConfig leaves it empty.
      expect(has(release, 'modules.edged.nodeIP')).toBe(false);
      expect(has(release, 'modules.edged.tailoredKubeletConfig.clusterDNS')).toBe(false);
      expect(has(release, 'modules.edged.nodeLabels')).toBe(false);
      expect(has(release, 'modules.edged.hostnameOverride')).toBe(true);
      expect(has(release, 'modules.eventBus.mqttQOS')).toBe(true);
      expect(has(release, 'modules.edged.tailoredKubeletConfig.cgroupDriver')).toBe(true);
      for (const path of Object.keys(keadmData.unverified)) expect(has(release, path)).toBe(false);
    }
    expect(has('1.20', 'modules.taskManager')).toBe(false);
    expect(has('1.21', 'modules.taskManager.enable')).toBe(true);
    expect(keadmEdgecoreFile('1.19')!.valueOf(['modules', 'edged', 'rootDirectory'])).toBe('"/var/lib/edged"');
    expect(keadmEdgecoreFile('1.20')!.valueOf(['modules', 'edged', 'rootDirectory'])).toBe('"/var/lib/kubelet"');
  });

  it("orders keys like yaml.v2's sorter: code points for letters, numbers by value", () => {
    expect(['edged', 'edgeStream', 'edgeHub'].sort(goyamlKeyCompare)).toEqual(['edgeHub', 'edgeStream', 'edged']);
    expect(['mqttRetain', 'mqttQOS', 'mqttPubClientID', 'mqttPassword'].sort(goyamlKeyCompare)).toEqual(['mqttPassword', 'mqttPubClientID', 'mqttQOS', 'mqttRetain']);
    expect(['a10', 'a9', 'a-b', 'ab'].sort(goyamlKeyCompare)).toEqual(['a-b', 'a9', 'a10', 'ab']);
  });

  it('tells a second copy of a key keadm wrote, and which copy comes last', () => {
    const text = keadmEdgecoreFile('1.22')!.text;
    expect(insertedDuplicates(text, sed('/^  edged:/', 'a', '    hostnameOverride: edge-1'))).toEqual([{ path: ['modules', 'edged'], key: 'hostnameOverride', insertedLast: false }]);
    expect(insertedDuplicates(text, sed('/maxPods:/', 'a', '      cgroupDriver: systemd'))).toEqual([{ path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'cgroupDriver', insertedLast: true }]);
    expect(insertedDuplicates(text, sed('/^  edged:/', 'a', '    nodeIP: 10.0.0.9'))).toEqual([]);
    expect(insertedDuplicates(text, sed('/hostnameOverride:/', 'c', '    hostnameOverride: edge-1'))).toEqual([]);
  });
});

describe('keadm file lines: which are certain (sweep6 Q-2)', () => {
  const file = keadmEdgecoreFile('1.19')!;
  const lines = file.text.split('\n');
  const lineOf = (path: string) => lines.findIndex((_, i) => file.pathOfLine(i) === path);

  // 'unknown': keadm join fills the value from a flag, or a struct's lines are not known; a list the
  // schema gives no default is one line, `[]` or Go's nil slice `null`.
  it.each([
    ['modules.metaManager.metaServer.enable', '      enable: false', 'known'],
    ['modules.edgeStream.enable', '    enable: false', 'known'],
    ['modules.edgeHub.token', '    token: "the value of keadm join --token"', 'unknown'],
    ['modules.edgeStream.server', '    server: "CLOUDCORE-HOST:10004"', 'unknown'],
    ['modules.edged.tailoredKubeletConfig.logging', '      logging: {}', 'unknown'],
    ['modules.metaManager.metaServer.apiAudiences', '      apiAudiences: []', 'or      apiAudiences: null'],
  ])('%s is written as %j: %s', (path, text, verdict) => {
    const line = lineOf(path);
    expect(lines[line]).toBe(text);
    const spelled = file.otherSpellings.get(line);
    expect(file.unknownLines.has(line) ? 'unknown' : spelled !== undefined ? `or${spelled}` : 'known').toBe(verdict);
  });
});
