/**
 * Files that are not ours are not findings (issue 10 §2): binaries (a NUL anywhere), archives, images,
 * non-UTF-8 text of no known kind, JSON/YAML that neither Kubernetes nor edgecore reads, and `.service`
 * files that are not systemd units are skipped in a walked directory, with a notice when named
 * explicitly; a manifest with a syntax error or a stray byte is still reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { classify, isForeignByName, looksLikeManifest, looksLikeUnit } from '../../src/engine/classify.js';
import { decodeBytes } from '../../src/engine/read.js';
import { lint } from '../../src/engine/lint.js';
import { removeTempDirs, tempDir } from '../integrations/helpers.js';

afterAll(removeTempDirs);

const AVAHI = '<?xml version="1.0" standalone=\'no\'?>\n<!DOCTYPE service-group SYSTEM "avahi-service.dtd">\n<service-group>\n  <name replace-wildcards="yes">%h</name>\n  <service>\n    <type>_mqtt._tcp</type>\n    <port>1883</port>\n  </service>\n</service-group>\n';
const PACKAGE_JSON = '{\n  "name": "edge-ui",\n  "version": "1.0.0",\n  "version": "1.0.1"\n}\n';
const WORKFLOW = 'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\njobs:\n  test: {}\n';
const COMPOSE = 'services:\n  broker:\n    image: eclipse-mosquitto:2.0\n    ports: ["1883:1883"\n';
const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "1"\n  k: "2"\n';

function write(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** An ELF-like executable whose first 8 KB are text: the NUL comes late. */
function lateNul(): Buffer {
  return Buffer.concat([Buffer.from('#!/bin/sh\n# self-extracting installer\n' + 'x'.repeat(9000)), Buffer.from([0, 1, 2, 3])]);
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

describe('classification by content', () => {
  it.each([
    ['deploy/pod.yaml', 'apiVersion: v1\nkind: Pod\n', 'yaml'],
    ['pod.json', '{\n  "apiVersion": "v1",\n  "kind": "Pod"\n}\n', 'yaml'],
    ['edgecore.yaml', 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n', 'yaml'],
    ['broken.yaml', 'apiVersion: v1\nkind: Pod\nspec: [\n', 'yaml'],
    ['package.json', PACKAGE_JSON, 'unknown'],
    ['.github/workflows/ci.yml', WORKFLOW, 'unknown'],
    ['docker-compose.yml', COMPOSE, 'unknown'],
    ['chart/values.yaml', 'image:\n  repository: eclipse-mosquitto\n  tag: 2.0.18\n', 'unknown'],
    ['avahi/services/mqtt.service', AVAHI, 'unknown'],
    ['mosquitto.service', '[Unit]\nDescription=broker\n[Service]\nExecStart=/usr/sbin/mosquitto\n', 'systemd'],
    ['override.service', '# only a comment\n', 'systemd'],
    ['edgecore.service.d/10-env.conf', '[Service]\nEnvironment=A=1\n', 'systemd'],
  ])('%s is %s', (path, text, kind) => {
    expect(classify(path, text)).toBe(kind);
  });

  it('tells a manifest from other YAML by its top-level apiVersion or kind', () => {
    expect(looksLikeManifest('metadata:\n  kind: x\n')).toBe(false);
    expect(looksLikeManifest('---\nkind: List\nitems: []\n')).toBe(true);
    expect(looksLikeUnit('<service-group/>\n')).toBe(false);
    expect(looksLikeUnit('[Service\nExecStart=/bin/true\n')).toBe(true);
  });

  it('finds a NUL anywhere, not only in the first 8 KB', () => {
    const result = decodeBytes(lateNul());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('binary');
  });
});

describe('a walked directory: foreign files are skipped silently', () => {
  it('reports only on the manifest beside binaries, archives, images and other JSON/YAML', async () => {
    const root = tempDir('classify');
    write(root, {
      'deploy/config.yaml': MANIFEST,
      'deploy/edgecore': lateNul(),
      'deploy/charts/cloudcore-1.22.2.tgz': Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
      'deploy/images/eclipse-mosquitto-2.0.tar': 'manifest.json\n',
      'docs/architecture.png': PNG,
      'docs/guide.pdf': '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n',
      'docs/notes-latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'docs/values-latin1.yaml': Buffer.from([0x63, 0x69, 0x74, 0x79, 0x3a, 0x20, 0xfc, 0x0a]),
      'ui/package.json': PACKAGE_JSON,
      '.github/workflows/ci.yml': WORKFLOW,
      'docker-compose.yml': COMPOSE,
      'avahi/mqtt.service': AVAHI,
    });
    const result = await lint({ cwd: root, config: {} });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual(['yaml/duplicate-key deploy/config.yaml:7:3']);
    expect(result.notices).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it('says why a file named explicitly is skipped, without a finding', async () => {
    const root = tempDir('classify-explicit');
    write(root, { 'edgecore': lateNul(), 'chart.tgz': Buffer.from([0x1f, 0x8b, 8, 0]), 'latin1.txt': Buffer.from([0xe9, 0x0a]), 'package.json': PACKAGE_JSON });
    const result = await lint({ cwd: root, config: {}, paths: ['edgecore', 'chart.tgz', 'latin1.txt', 'package.json'] });
    expect(result.findings).toEqual([]);
    expect(result.notices).toEqual([
      'edgecore: a binary file of no kind edgelint reads (skipped)',
      'chart.tgz: an archive, image or document, not a file edgelint reads (skipped)',
      'latin1.txt: not UTF-8 text of no kind edgelint reads (skipped)',
      'package.json: not a file edgelint knows how to read (skipped)',
    ]);
  });

  it('says once per chart that a walk skipped its unrendered templates', async () => {
    const root = tempDir('classify-charts');
    const template = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}\n';
    write(root, {
      'deploy/manifest.yaml': MANIFEST,
      'charts/telemetry/Chart.yaml': 'apiVersion: v2\nname: telemetry\nversion: 0.1.0\n',
      'charts/telemetry/templates/daemonset.yaml': template,
      'charts/telemetry/templates/workers/deployment.yaml': template.replace('DaemonSet', 'Deployment'),
      'charts/telemetry/charts/broker/templates/daemonset.yaml': template,
      'templates/top.yaml': template,
    });
    const result = await lint({ cwd: root, config: {} });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual(['yaml/duplicate-key deploy/manifest.yaml:7:3']);
    expect([...result.notices].sort()).toEqual([
      '.: an unrendered Helm chart (1 template skipped); lint the output of `helm template` instead',
      'charts/telemetry/charts/broker: an unrendered Helm chart (1 template skipped); lint the output of `helm template` instead',
      'charts/telemetry: an unrendered Helm chart (2 templates skipped); lint the output of `helm template` instead',
    ]);
  });

  it('reads an edgecore.yaml whose kind is a variant of EdgeCore as the node config edgecore decodes anyway (sweep6 N-1)', async () => {
    const handWritten = 'kind: EdgeCoreConfig\napiVersion: edge.kubeedge.io/v1alpha1\nmodules:\n  edgeHub:\n    websocket:\n      url: ws://10.0.0.1:10000/edge\n';
    const result = await lint({
      cwd: '/nonexistent-edgelint-classify',
      config: { kubeedgeVersion: '1.22' },
      files: [
        { path: 'node/edgecore.yaml', content: handWritten },
        // Another file of that kind, or an edgecore.yaml of another program, is none of edgecore's.
        { path: 'node/notes.yaml', content: handWritten },
        { path: 'switch/edgecore.yaml', content: 'interfaces:\n  - name: eth0\n    vlan: 10\n' },
      ],
    });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual(['edgecore/invalid-value node/edgecore.yaml:2:13']);
  });

  it('still reports a manifest with a stray byte or a syntax error', async () => {
    const result = await lint({
      cwd: '/nonexistent-edgelint-classify',
      config: {},
      files: [
        { path: 'cm.yaml', content: Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\ndata:\n  city: "Z'), Buffer.from([0xfc]), Buffer.from('rich"\n')]) },
        { path: 'pod.yaml', content: 'apiVersion: v1\nkind: Pod\nspec: [\n' },
      ],
    });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual(['core/parse-error cm.yaml:4:11', 'core/parse-error pod.yaml:3:7']);
  });
});

// isForeignByName looks the last extension up in a Set instead of one alternation (issue #13): it must
// answer as the alternation did, which this test keeps as the reference.
const FOREIGN_AS_ONE_PATTERN =
  /\.(tgz|tar|gz|bz2|xz|zst|zip|7z|rar|jar|war|deb|rpm|apk|iso|img|qcow2|png|jpe?g|gif|bmp|ico|webp|tiff?|svgz|pdf|docx?|xlsx?|pptx?|odt|o|a|so|dll|exe|bin|wasm|class|pyc|woff2?|ttf|otf|eot|mp[34]|mov|avi|sqlite|db)$/i;

describe('files skipped by name', () => {
  it.each([
    ['charts/edge-0.1.0.tgz', true],
    ['images/PAUSE.TAR', true],
    ['a/b.JpEg', true],
    ['.tar', true],
    ['lib.so', true],
    ['x.apk', true],
    ['x.ap\u212a', false],
    ['tar', false],
    ['x.tar.yaml', false],
    ['edgecore.yaml', false],
    ['install.sh', false],
    ['tar/edgecore.yaml', false],
    ['x.', false],
    ['x.mp5', false],
    ['x.jpgg', false],
  ])('%s: %s', (path, expected) => {
    expect(isForeignByName(path)).toBe(expected);
    expect(FOREIGN_AS_ONE_PATTERN.test(path.replace(/.*\//, ''))).toBe(expected);
  });

  it('answers as the one pattern did on generated names', () => {
    const piece = fc.oneof(
      fc.constantFrom('tgz', 'TAR', 'gz', 'jpeg', 'jpg', 'Jpe', 'tiff', 'tif', 'docx', 'mp3', 'mp4', 'qcow2', 'sqlite', 'db', 'o', 'a', 'so', 'yaml', 'sh', 'service'),
      fc.constantFrom('.', '.', '/', '-', '_', 'x', '9', '\u212a', '\u0130', 'é', ' '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const path = pieces.join('');
        const name = path.replace(/\/+$/, '').replace(/.*\//, '');
        expect(isForeignByName(path)).toBe(FOREIGN_AS_ONE_PATTERN.test(name));
      }),
      { numRuns: 2000 },
    );
  });
});
