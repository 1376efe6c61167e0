import { describe, expect, it } from 'vitest';
import { ImageKnowledge } from '../../src/knowledge/images.js';
import { imageFromTarballName, parseImageRef } from '../../src/model/image-ref.js';
import { SourceFile } from '../../src/core/source.js';
import { parseMosquittoConf } from '../../src/parse/mosquitto.js';
import imagesData from '../../data/images.json' with { type: 'json' };
import eolData from '../../data/image-eol.json' with { type: 'json' };
import { upstream } from '../upstream.js';

const knowledge = new ImageKnowledge();
const ref = (raw: string) => {
  const r = parseImageRef(raw);
  if (!r) throw new Error(`bad test reference ${raw}`);
  return r;
};

/** The effective directives of a config text, the way data/images.json stores them. */
const effective = (text: string): string =>
  parseMosquittoConf(new SourceFile('x.conf', text, 'mosquitto'))
    .directives.map((d) => [d.name, ...d.args.map((a) => a.value)].join(' ') + '\n')
    .join('');

describe('mosquittoSeries', () => {
  const cases: Array<[string, string | undefined]> = [
    ['eclipse-mosquitto:1.6.15', '1.6'],
    ['eclipse-mosquitto:1.6', '1.6'],
    ['eclipse-mosquitto:1.6.15-openssl', '1.6'],
    ['eclipse-mosquitto:1.6.12', '1.6'],
    ['eclipse-mosquitto:2.0', '2.0'],
    ['eclipse-mosquitto:2.0.22', '2.0'],
    ['eclipse-mosquitto:2.0.20-openssl', '2.0'],
    ['eclipse-mosquitto:openssl', '2.0'],
    ['eclipse-mosquitto:2-openssl', '2.0'],
    ['eclipse-mosquitto:2', '2.1'],
    ['eclipse-mosquitto:latest', '2.1'],
    ['eclipse-mosquitto', '2.1'],
    ['eclipse-mosquitto:2.1', '2.1'],
    ['eclipse-mosquitto:2.1.2-alpine', '2.1'],
    ['eclipse-mosquitto:alpine', '2.1'],
    ['docker.io/library/eclipse-mosquitto:2.0', '2.0'],
    ['index.docker.io/library/eclipse-mosquitto:1.6.15', '1.6'],
    ['eclipse-mosquitto:1.5.11', undefined],
    ['eclipse-mosquitto:edge', undefined],
    ['eclipse-mosquitto@sha256:0123456789abcdef0123456789abcdef', undefined],
    ['myregistry.local:5000/eclipse-mosquitto:2.0', undefined],
    ['rancher/klipper-lb:v0.4.9', undefined],
  ];
  it.each(cases)('%s → %s', (raw, series) => {
    expect(knowledge.mosquittoSeries(ref(raw))).toBe(series);
  });

  it('says why latest and 2 are 2.1', () => {
    expect(knowledge.movedTag(ref('eclipse-mosquitto'))).toMatchObject({ tag: 'latest', from: '2.0', to: '2.1', since: '2026-01-30' });
    expect(knowledge.movedTag(ref('eclipse-mosquitto:2'))).toMatchObject({ tag: '2', from: '2.0', to: '2.1', since: '2026-02-05' });
    expect(knowledge.movedTag(ref('eclipse-mosquitto:2.0'))).toBeUndefined();
  });
});

describe('brokerConfig', () => {
  const cases: Array<{ raw: string; command: string[]; expected: { series: string; configPath: string; text: string; cmdPorts: number[] } | undefined }> = [
    { raw: 'eclipse-mosquitto:1.6.15', command: [], expected: { series: '1.6', configPath: '/mosquitto/config/mosquitto.conf', text: '', cmdPorts: [] } },
    { raw: 'eclipse-mosquitto:2.0', command: [], expected: { series: '2.0', configPath: '/mosquitto/config/mosquitto.conf', text: '', cmdPorts: [] } },
    {
      raw: 'eclipse-mosquitto:2.0.22',
      command: ['mosquitto', '-c', '/mosquitto-no-auth.conf'],
      expected: { series: '2.0', configPath: '/mosquitto-no-auth.conf', text: 'listener 1883\nallow_anonymous true\n', cmdPorts: [] },
    },
    {
      raw: 'eclipse-mosquitto:latest',
      command: [],
      expected: {
        series: '2.1',
        configPath: '/mosquitto/config/mosquitto.conf',
        text: 'listener 1883\nallow_anonymous true\nlistener 9883\nprotocol http_api\nhttp_dir /usr/share/mosquitto/dashboard\n',
        cmdPorts: [],
      },
    },
    { raw: 'eclipse-mosquitto:1.6.15', command: ['/usr/sbin/mosquitto', '-c', '/mosquitto-no-auth.conf'], expected: undefined },
    { raw: 'eclipse-mosquitto:2.0', command: ['/usr/sbin/mosquitto', '-c', '/etc/mosquitto/mine.conf'], expected: undefined },
    { raw: 'eclipse-mosquitto:2.0', command: ['/usr/sbin/mosquitto', '-p', '1999'], expected: { series: '2.0', configPath: '', text: '', cmdPorts: [1999] } },
    { raw: 'eclipse-mosquitto:2.0', command: ['sh', '-c', 'exec mosquitto -c /mosquitto-no-auth.conf'], expected: { series: '2.0', configPath: '/mosquitto-no-auth.conf', text: 'listener 1883\nallow_anonymous true\n', cmdPorts: [] } },
    { raw: 'eclipse-mosquitto:2.0', command: ['sleep', 'infinity'], expected: undefined },
    { raw: 'nginx:1.25', command: [], expected: undefined },
  ];
  it.each(cases)('$raw $command', ({ raw, command, expected }) => {
    expect(knowledge.brokerConfig(ref(raw), command)).toEqual(expected);
  });

  it('stored config texts are the effective directives of the corpus files', () => {
    const byPath = (series: string, path: string) => knowledge.brokerConfig(ref(`eclipse-mosquitto:${series}`), ['mosquitto', '-c', path])?.text;
    expect(byPath('1.6.15', '/mosquitto/config/mosquitto.conf')).toBe(effective(upstream('tarballConf16')));
    expect(byPath('2.0.22', '/mosquitto/config/mosquitto.conf')).toBe(effective(upstream('tarballConf20')));
    expect(byPath('2.0.22', '/mosquitto-no-auth.conf')).toBe(effective(upstream('noAuthConf')));
    const conf21 = effective(upstream('imageConf21'));
    expect(byPath('2.1.2-alpine', '/mosquitto/config/mosquitto.conf')).toBe(conf21);
    expect(byPath('2.1.2-alpine', '/mosquitto-no-auth.conf')).toBe(conf21);
  });

  it('tag lists match the official-images tag map', () => {
    const map = upstream('tagMap');
    const tagLines = [...map.matchAll(/^Tags: (.+)$/gm)].map((m) => m[1].split(', '));
    for (const tags of tagLines) {
      const series = new Set(tags.map((t) => knowledge.mosquittoSeries(ref(`eclipse-mosquitto:${t}`))));
      expect(series.size).toBe(1);
      expect([...series][0]).toBeDefined();
    }
    const old = upstream('oldTagMap');
    expect(/Tags: 1\.6\.15, 1\.6\n/.test(old)).toBe(true);
  });
});

describe('eol', () => {
  const cases: Array<[string, string | undefined]> = [
    ['eclipse-mosquitto:1.6.15', '2023-05-12'],
    ['eclipse-mosquitto:1.6', '2023-05-12'],
    ['eclipse-mosquitto:1.6.15-openssl', '2021-06-08'],
    ['eclipse-mosquitto:1.5.11', '2021-06-08'],
    ['eclipse-mosquitto:2.0.22', undefined],
    ['eclipse-mosquitto:latest', undefined],
    ['eclipse-mosquitto', undefined],
    ['example.com/eclipse-mosquitto:1.6.15', undefined],
  ];
  it.each(cases)('%s → %s', (raw, since) => {
    const fact = knowledge.eol(ref(raw));
    expect(fact?.since).toBe(since);
    if (fact) {
      expect(fact.version).toBe(ref(raw).tag);
      expect(fact.source).not.toBe('');
      expect(fact.reason).not.toBe('');
    }
  });

  it('supports other images through data, with exact, prefix and range matches', () => {
    const k = new ImageKnowledge({
      images: [],
      eol: [
        { repository: 'docker.io/rancher/klipper-lb', match: { prefix: 'v0.1' }, since: '2020-01-01', reason: 'old', source: 's1' },
        { repository: 'docker.io/rancher/klipper-lb', match: { range: '>=0.2.0 <0.3.0' }, since: '2021-01-01', reason: 'older', source: 's2' },
        { repository: 'docker.io/rancher/klipper-lb', match: { tags: ['edge'] }, since: '2022-01-01', reason: 'tag', source: 's3' },
      ],
    });
    expect(k.eol(ref('rancher/klipper-lb:v0.1.2'))?.source).toBe('s1');
    expect(k.eol(ref('rancher/klipper-lb:v0.2.0'))?.source).toBe('s2');
    expect(k.eol(ref('rancher/klipper-lb:v0.2.9-x'))?.source).toBe('s2');
    expect(k.eol(ref('rancher/klipper-lb:edge'))?.source).toBe('s3');
    expect(k.eol(ref('rancher/klipper-lb:v0.3.0'))).toBeUndefined();
    expect(k.eol(ref('rancher/klipper-lb:v0.20.0'))).toBeUndefined();
  });
});

describe('data files', () => {
  it('every fact names its source', () => {
    for (const image of imagesData.images) {
      expect(image.defaultCommandSource).toMatch(/Dockerfile/);
      for (const s of image.series) {
        expect(s.tagsSource).toMatch(/official-images/);
        for (const c of s.configs) expect(c.source).toMatch(/corpus/);
        for (const l of s.listeners) expect(l.source.length).toBeGreaterThan(10);
      }
    }
    for (const e of eolData.entries) {
      expect(e.source.length).toBeGreaterThan(10);
      expect(e.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('default listeners of eclipse-mosquitto', () => {
    expect(knowledge.defaultListeners(ref('eclipse-mosquitto:1.6.15'))?.map((l) => l.port)).toEqual([1883]);
    expect(knowledge.defaultListeners(ref('eclipse-mosquitto:2.0'))?.map((l) => l.addresses)).toEqual([['127.0.0.1', '::1']]);
    expect(knowledge.defaultListeners(ref('eclipse-mosquitto'))?.map((l) => l.port)).toEqual([1883, 9883]);
    expect(knowledge.defaultListeners(ref('rancher/klipper-lb:v0.4.9'))).toBeUndefined();
  });
});

describe('a tarball name stands for the one known image it fits (issue #10)', () => {
  it('eclipse-mosquitto-1.6.15.tar is end-of-life like eclipse-mosquitto:1.6.15, whatever registry it was saved from', () => {
    const fromTarball = imageFromTarballName('eclipse-mosquitto-1.6.15.tar')!;
    expect(knowledge.eol(fromTarball)).toEqual(knowledge.eol(ref('eclipse-mosquitto:1.6.15')));
    expect(knowledge.image(fromTarball)?.repository).toBe('docker.io/library/eclipse-mosquitto');
  });

  it('a name that fits no known image, or several, is no known image', () => {
    expect(knowledge.image(imageFromTarballName('mosquitto-1.6.15.tar')!)).toBeUndefined();
    const k = new ImageKnowledge({ images: [], eol: [
      { repository: 'docker.io/library/app', match: { prefix: '1' }, since: 'x', reason: 'r', source: 's' },
      { repository: 'quay.io/acme/app', match: { prefix: '1' }, since: 'x', reason: 'r', source: 's' },
    ] } as never);
    expect(k.eol(imageFromTarballName('app-1.0.tar')!)).toBeUndefined();
    expect(k.eol(ref('quay.io/acme/app:1.0'))).toBeDefined();
  });
});

