import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceFile, located, span } from '../../src/core/source.js';
import type { YamlLineEdit } from '../../src/script/read-script.js';
import { insertedKeyPath, insertedKeyPaths } from '../../src/script/sed-insert.js';
import { parseSedScript, plainPatternMatches } from '../../src/script/sed-script.js';

const host = new SourceFile('i.sh', '', 'shell');
const edit = (script: string, extended = false): YamlLineEdit => {
  const at = span(host, 0, 0);
  const sed = { ...parseSedScript(script), script: located(script, at), ...(extended ? { extended } : {}) };
  return { tool: 'sed', target: located('/etc/kubeedge/config/edgecore.yaml', at), span: at, sed };
};

const EDGECORE = [
  'apiVersion: edgecore.config.kubeedge.io/v1alpha2',
  'kind: EdgeCore',
  'modules:',
  '  edged:',
  '    enable: true',
  '    tailoredKubeletConfig:',
  '      clusterDomain: cluster.local',
  '  eventBus:',
  '    mqttMode: 2',
  '  metaManager:',
  '    metaServer:',
  '      enable: false',
  '',
].join('\n');

const KNOWN = {
  edged: ['modules', 'edged'],
  eventBus: ['modules', 'eventBus'],
  tailoredKubeletConfig: ['modules', 'edged', 'tailoredKubeletConfig'],
  metaServer: ['modules', 'metaManager', 'metaServer'],
  mqttMode: ['modules', 'eventBus', 'mqttMode'],
};

describe('parseSedScript', () => {
  it.each([
    ['/edged:/a\\    clusterDNS: 169.254.96.16', { address: '/edged:/', command: 'a', text: '    clusterDNS: 169.254.96.16' }],
    ['/edged:/a    clusterDNS: x', { address: '/edged:/', command: 'a', text: 'clusterDNS: x' }],
    ['/edged:/ a \\  k:\\tv\\\\w', { address: '/edged:/', command: 'a', text: '  k:\tv\\w' }],
    ['/edged:/a\\\n    one: 1\\\n    two: 2', { address: '/edged:/', command: 'a', text: '    one: 1\n    two: 2' }],
    ['/^  edged:/i\\  pre: 1', { address: '/^  edged:/', command: 'i', text: '  pre: 1' }],
    ['\\,a/b,c\\  x: 1', { address: '\\,a/b,', command: 'c', text: '  x: 1' }],
    ['s/mqttMode: 0/mqttMode: 2/g', { command: 's', text: 'mqttMode: 2', pattern: 'mqttMode: 0' }],
    ['s|a\\|b|c|', { command: 's', text: 'c', pattern: 'a|b' }],
    ['s/a\\/b/c/', { command: 's', text: 'c', pattern: 'a/b' }],
    ['3d', { address: '3', command: 'd' }],
    ['/a/,/b/d', { address: '/a/,/b/', command: 'd' }],
    ['/x/!d', { address: '/x/', command: 'other' }],
    ['s/a/b/;s/c/d/', { command: 'other' }],
    ['$a\\last: 1', { address: '$', command: 'a', text: 'last: 1' }],
    ['/unterminated', { command: 'other' }],
    ['p', { command: 'other' }],
    // GNU sed: r/R/w/W take the rest of the line as a file name, `;` included.
    ['/clusterDomain: cluster.local/r update.txt', { address: '/clusterDomain: cluster.local/', command: 'r', file: 'update.txt' }],
    ['/edged:/R  one line.txt', { address: '/edged:/', command: 'R', file: 'one line.txt' }],
    ['/server:/w /tmp/out;p', { address: '/server:/', command: 'w', file: '/tmp/out;p' }],
    ['$W last.txt', { address: '$', command: 'W', file: 'last.txt' }],
    ['/a/r', { command: 'other', address: '/a/' }],
    ['/a/r x.txt\np', { address: '/a/', command: 'other' }],
  ])('%j', (script, expected) => {
    expect(parseSedScript(script)).toEqual(expected);
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => void parseSedScript(s)));
  });
});

describe('insertedKeyPath with the target text', () => {
  it.each([
    ['/edged:/a\\    clusterDNS: 169.254.96.16', { path: ['modules', 'edged'], key: 'clusterDNS' }],
    // The seed's misplacement: allowedUnsafeSysctls directly under edged instead of tailoredKubeletConfig.
    ['/edged:/a\\    allowedUnsafeSysctls: ["net.ipv4.ip_forward"]', { path: ['modules', 'edged'], key: 'allowedUnsafeSysctls' }],
    ['/tailoredKubeletConfig:/a\\      clusterDNS: [169.254.96.16]', { path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'clusterDNS' }],
    ['/metaServer:/a\\      enable: true', { path: ['modules', 'metaManager', 'metaServer'], key: 'enable' }],
    ['/^  eventBus:/i\\  serviceBus: {enable: true}', { path: ['modules'], key: 'serviceBus' }],
    ['/mqttMode/c\\    mqttMode: 0', { path: ['modules', 'eventBus'], key: 'mqttMode' }],
    ['/^kind:/a\\modules2: {}', { path: [], key: 'modules2' }],
    ['/EDGED:/Ia\\    reportEvent: true', { path: ['modules', 'edged'], key: 'reportEvent' }],
    ['$a\\  dbTest: {enable: false}', { path: ['modules'], key: 'dbTest' }],
    ['5a\\    "quoted key": 1', { path: ['modules', 'edged'], key: 'quoted key' }],
  ])('%j', (script, expected) => {
    expect(insertedKeyPath(EDGECORE, edit(script))).toEqual(expected);
  });

  it('translates basic and extended regular expressions as sed does', () => {
    expect(insertedKeyPath(EDGECORE, edit('/^[[:space:]]*edged:$/a\\    x: 1'))).toEqual({ path: ['modules', 'edged'], key: 'x' });
    expect(insertedKeyPath(EDGECORE, edit('/^ \\{2\\}edged:/a\\    x: 1'))).toEqual({ path: ['modules', 'edged'], key: 'x' });
    // In a BRE `+` is literal, so this matches nothing; in an ERE it is a repetition.
    expect(insertedKeyPath(EDGECORE, edit('/^ +edged:/a\\    x: 1'))).toBeUndefined();
    expect(insertedKeyPath(EDGECORE, edit('/^ +edged:/a\\    x: 1', true))).toEqual({ path: ['modules', 'edged'], key: 'x' });
    expect(insertedKeyPath(EDGECORE, edit('/\\(edged\\|eventBus\\):/a\\    x: 1'))).toEqual({ path: ['modules', 'edged'], key: 'x' });
  });

  it('gives one result per matching line', () => {
    expect(insertedKeyPaths(EDGECORE, edit('/enable:/a\\    extra: 1'))).toEqual([
      { path: ['modules', 'edged'], key: 'extra' },
      { path: ['modules', 'metaManager'], key: 'extra' },
    ]);
    // After `    enable: true` (a scalar) a deeper line is not valid YAML; after metaServer's it is a sibling.
    expect(insertedKeyPaths(EDGECORE, edit('/enable:/a\\      extra: 1'))).toEqual([
      { path: ['modules', 'metaManager', 'metaServer'], key: 'extra' },
    ]);
  });

  it.each([
    ['no line matches', '/nothing:/a\\  x: 1'],
    ['the inserted line is no key', '/edged:/a\\    - item'],
    ['the edit breaks the YAML', '/mqttMode:/a\\      deeper: 1'],
    ['a range address', '/edged:/,/eventBus:/a\\  x: 1'],
    ['an s command', 's/a/b/'],
  ])('undefined when %s', (_name, script) => {
    expect(insertedKeyPath(EDGECORE, edit(script))).toBeUndefined();
  });

  it('never throws on arbitrary scripts and YAML text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 120 }), (script, yaml) => {
        void insertedKeyPath(yaml, edit(script));
        void insertedKeyPath(undefined, edit(script), { knownKeyPaths: KNOWN });
      }),
    );
  });
});

describe('insertedKeyPath without the target text', () => {
  it.each([
    ['/edged:/a\\    clusterDNS: 169.254.96.16', { path: ['modules', 'edged'], key: 'clusterDNS' }],
    ['/tailoredKubeletConfig:/a\\      clusterDNS: [x]', { path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'clusterDNS' }],
    ['/^  metaServer:/a\\    enable: true', { path: ['modules', 'metaManager', 'metaServer'], key: 'enable' }],
    ['/[[:space:]]*eventBus:/i\\  serviceBus: {}', { path: ['modules'], key: 'serviceBus' }],
    ['/mqttMode: 0/a\\    mqttServerExternal: tcp://127.0.0.1:1883', { path: ['modules', 'eventBus'], key: 'mqttServerExternal' }],
    ['/mqttMode: 0/c\\    mqttMode: 2', { path: ['modules', 'eventBus'], key: 'mqttMode' }],
    ['/mqttMode: 0/a\\modules: {}', { path: [], key: 'modules' }],
  ])('%j', (script, expected) => {
    expect(insertedKeyPath(undefined, edit(script), { knownKeyPaths: KNOWN })).toEqual(expected);
  });

  it('honours a 4-space indentation', () => {
    expect(insertedKeyPath(undefined, edit('/edged:/a\\        clusterDNS: x'), { knownKeyPaths: KNOWN, indent: 4 })).toEqual({
      path: ['modules', 'edged'],
      key: 'clusterDNS',
    });
  });

  it.each([
    ['the key is not known', '/unknownKey:/a\\    x: 1'],
    ['deeper than a line that holds a value', '/mqttMode: 0/a\\      x: 1'],
    ['deeper than the line it goes before', '/edged:/i\\    x: 1'],
    ['at the depth of a block key it follows', '/edged:/a\\  x: 1'],
    ['shallower than a block key it follows', '/mqttMode:/a\\modules: {}'],
    ['an odd indentation at sibling depth', '/mqttMode: 0/a\\   x: 1'],
    ['an anchored pattern with a different indentation', '/^  metaServer:/c\\      enable: true'],
  ])('undefined when %s', (_name, script) => {
    expect(insertedKeyPath(undefined, edit(script), { knownKeyPaths: KNOWN })).toBeUndefined();
  });
});

describe('plainPatternMatches: decided without a regex built from the script', () => {
  it.each([
    ['__CLOUD_IP__', false, 'server: __CLOUD_IP__:10000\n', true],
    ['__CLOUDIP__', false, 'server: __CLOUD_IP__:10000\n', false],
    ['127.0.0.1', false, 'a: 127x0x0x1\n', true],
    ['a.b', false, 'a\nb\n', false],
    ['a\\/b', false, 'x: a/b\n', true],
    ['a+', false, 'a+\n', true],
    ['a+', true, 'a\n', undefined],
    ['^server', false, 'server: x\n', undefined],
    ['x*', false, 'x\n', undefined],
    ['[0-9]', false, '1\n', undefined],
    ['...', false, 'ab\ncd\n', false],
  ])('%s (ERE %s) in %j: %s', (pattern, extended, text, expected) => {
    expect(plainPatternMatches(pattern, extended, text)).toBe(expected);
  });
});
