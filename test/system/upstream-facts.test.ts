/**
 * The fixtures in test/fixtures/upstream stand in for real files in `npm test`; here each is held to
 * the real file in the external corpus, so a fixture cannot drift from the facts it claims to carry.
 * What must match depends on the kind of file (test/upstream.ts, `Facts`): comments and the length of
 * all-comment example configs are ours, keys, values, ports, images and positions are the real file's.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SourceFile, resolveSpan, type Span } from '../../src/core/source.js';
import { parseMosquittoConf } from '../../src/parse/mosquitto.js';
import { parseUnitFile } from '../../src/parse/systemd.js';
import { UPSTREAM, daemonsetBare, upstream, type Facts, type UpstreamFile } from '../upstream.js';
import { corpus } from './corpus.js';

const at = (s: Span): string => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
};

/** The facts of a text a fixture must share with its real file. */
const facts: Record<Facts, (text: string) => unknown> = {
  systemd: (text) => {
    const { entries, problems } = parseUnitFile(new SourceFile('x.service', text, 'systemd'));
    return { problems: problems.length, entries: entries.map((e) => `${at(e.span)} [${e.section}] ${e.key}=${e.value}`) };
  },
  mosquitto: (text) => {
    const parsed = parseMosquittoConf(new SourceFile('x.conf', text, 'mosquitto'));
    return { problems: parsed.problems.length, directives: parsed.directives.map((d) => `${at(d.span)} ${d.name} ${d.args.map((a) => a.value).join(' ')}`) };
  },
  'values-mosquitto': (text) => (parseYaml(text) as { mosquitto: unknown }).mosquitto,
  'daemonset-bare': (text) => parseYaml(text) as unknown,
  'tag-map': (text) => text.split('\n').filter((l) => /^(Tags|Directory|GitCommit): /.test(l)),
};

/** The real file as the fixture reproduces it (the bare DaemonSet is derived from the chart template). */
const realText = (name: UpstreamFile): string =>
  UPSTREAM[name].facts === 'daemonset-bare' ? daemonsetBare(corpus(UPSTREAM[name].corpus)) : corpus(UPSTREAM[name].corpus);

describe('test/fixtures/upstream carries the facts of the real files', () => {
  it.each(Object.keys(UPSTREAM) as UpstreamFile[])('%s', (name) => {
    const fact = facts[UPSTREAM[name].facts];
    const real = fact(realText(name));
    // Guard against a vacuous comparison: every kind of fact yields something to compare.
    expect(JSON.stringify(real).length).toBeGreaterThan(2);
    expect(fact(upstream(name))).toEqual(real);
  });

  it('the tarball example configs are all comments in the real files too, and long ones', () => {
    for (const name of ['tarballConf16', 'tarballConf20'] as const) {
      const text = corpus(UPSTREAM[name].corpus);
      expect(text.split('\n').length).toBeGreaterThan(800);
      expect(parseMosquittoConf(new SourceFile('x.conf', text, 'mosquitto')).directives).toEqual([]);
    }
  });

  it('the comparison tells a changed port apart (it can fail)', () => {
    const fact = facts.mosquitto;
    expect(fact(upstream('noAuthConf').replace('listener 1883', 'listener 1884'))).not.toEqual(fact(corpus(UPSTREAM.noAuthConf.corpus)));
  });
});
