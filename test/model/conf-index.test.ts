/**
 * Looking up linted mosquitto configs by the host paths units, mounts and include_dir name
 * (src/model/conf-index.ts), against mosquitto's own reading of include_dir (src/conf.c
 * `config__get_dir_files`: one directory, names longer than five characters ending in `.conf`,
 * sorted by `scmp_p`).
 */
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { parseMosquittoConf } from '../../src/parse/mosquitto.js';
import { ConfIndex, compareIncludeNames } from '../../src/model/conf-index.js';

const conf = (path: string, text = 'listener 1883\n') => parseMosquittoConf(new SourceFile(path, text, 'mosquitto'));
const paths = (confs: ReadonlyArray<{ source: { path: string } }>) => confs.map((c) => c.source.path);

describe('ConfIndex.atHostPath', () => {
  const index = new ConfIndex([conf('site-a/etc/mosquitto/mosquitto.conf'), conf('/etc/mosquitto/mosquitto.conf'), conf('etc/mosquitto/mosquitto.conf')]);
  it.each([
    ['/etc/mosquitto/mosquitto.conf', '/etc/mosquitto/mosquitto.conf', 'the file at exactly that path first'],
    ['//etc//mosquitto/mosquitto.conf', '/etc/mosquitto/mosquitto.conf', 'doubled slashes folded'],
    ['/mosquitto/mosquitto.conf', 'site-a/etc/mosquitto/mosquitto.conf', 'else the first, in input order, ending with it'],
    ['/site-a/etc/mosquitto/mosquitto.conf', 'site-a/etc/mosquitto/mosquitto.conf', 'or equal to it without the leading slash'],
  ])('%s → %s (%s)', (host, found) => {
    expect(index.atHostPath(host)?.source.path).toBe(found);
  });
  it.each([['etc/mosquitto/mosquitto.conf'], ['/quitto/mosquitto.conf'], ['/etc/mosquitto/other.conf']])('%s → nothing (relative, or not at a folder boundary, or absent)', (host) => {
    expect(index.atHostPath(host)).toBeUndefined();
  });
});

describe('ConfIndex.forPath', () => {
  it('finds the config a `-c` path names at a folder boundary, in input order', () => {
    const index = new ConfIndex([conf('b/etc/mosquitto/broker.conf'), conf('a/etc/mosquitto/broker.conf')]);
    expect(index.forPath('/etc/mosquitto/broker.conf')?.source.path).toBe('b/etc/mosquitto/broker.conf');
    expect(index.forPath('/quitto/broker.conf')).toBeUndefined();
    expect(index.forPath(undefined)).toBeUndefined();
  });
  it('falls back to the file name only for a path that is plainly a mosquitto config', () => {
    const index = new ConfIndex([conf('conf/mosquitto.conf'), conf('conf/app.conf')]);
    expect(index.forPath('/etc/mosquitto/mosquitto.conf')?.source.path).toBe('conf/mosquitto.conf');
    expect(index.forPath('/opt/app/app.conf')).toBeUndefined();
  });
  it('looks up paths deeper than the index holds by a scan, with the same answer', () => {
    const deep = `${Array.from({ length: 40 }, (_, i) => `d${i}`).join('/')}/mosquitto.conf`;
    const index = new ConfIndex([conf(`repo/${deep}`)]);
    expect(index.forPath(`/${deep}`)?.source.path).toBe(`repo/${deep}`);
    expect(index.atHostPath(`/${deep}`)?.source.path).toBe(`repo/${deep}`);
  });
});

describe('ConfIndex.includedBy', () => {
  it('reads the one directory include_dir names, its `*.conf` files, as mosquitto sorts them (a character upper-cased first, then as written)', () => {
    const main = conf('node/etc/mosquitto/mosquitto.conf', 'include_dir /etc/mosquitto/conf.d\n');
    const index = new ConfIndex([
      main,
      conf('node/etc/mosquitto/conf.d/b.conf'),
      conf('node/etc/mosquitto/conf.d/A.conf'),
      conf('node/etc/mosquitto/conf.d/a.conf'),
      conf('node/etc/mosquitto/conf.d/Ab.conf'),
      conf('node/etc/mosquitto/conf.d/.conf'),
      conf('node/etc/mosquitto/conf.d/notes.txt.conf.bak'),
      conf('node/etc/mosquitto/conf.d/nested/deeper.conf'),
      conf('other/conf.d/elsewhere.conf'),
    ]);
    expect(paths(index.includedBy(main))).toEqual([
      'node/etc/mosquitto/conf.d/A.conf',
      'node/etc/mosquitto/conf.d/Ab.conf',
      'node/etc/mosquitto/conf.d/a.conf',
      'node/etc/mosquitto/conf.d/b.conf',
    ]);
  });
  it('includes nothing for a config without include_dir, or one naming the filesystem root', () => {
    const plain = conf('etc/mosquitto/mosquitto.conf');
    const root = conf('x/mosquitto.conf', 'include_dir /\n');
    const index = new ConfIndex([plain, root, conf('y.conf')]);
    expect(index.includedBy(plain)).toEqual([]);
    expect(index.includedBy(root)).toEqual([]);
  });
});

describe('compareIncludeNames (mosquitto scmp_p)', () => {
  it.each([
    ['a.conf', 'B.conf', -1],
    ['B.conf', 'b.conf', -1],
    ['ab.conf', 'ab.conf.x', -1],
    ['b.conf', 'b.conf', 0],
    ['_x.conf', 'a.conf', 1],
    ['a.conf', 'Ab.conf', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareIncludeNames(a, b))).toBe(sign);
  });
});
