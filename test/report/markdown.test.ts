import { describe, expect, it } from 'vitest';
import { formatFindings } from '../../src/report/formatters/index.js';
import { cell } from '../../src/report/formatters/markdown.js';
import { MIXED, context, finding } from './fixtures.js';

describe('markdown', () => {
  it('says so when there is nothing to report', () => {
    expect(formatFindings('markdown', [], context())).toBe('No problems found.\n');
  });

  it('summary line and table, rule ids linked when documented', () => {
    expect(formatFindings('markdown', MIXED, context())).toBe(
      [
        '**edgelint:** 3 problems (2 errors, 1 warning, 0 notes) in 2 files.',
        '',
        '| Severity | Rule | File | Line | Message |',
        '| --- | --- | --- | --- | --- |',
        '| error | node/host-port-conflict | deploy/app.yaml | 7 | Host port 1883/TCP is bound twice on class edge. |',
        '| error | [k8s/edge-pull-policy](https://example.test/rules/k8s/edge-pull-policy) | deploy/app.yaml<br>(from chart/templates/deploy.yaml) | 8 | Container `nginx` pulls with policy Always on edge nodes. |',
        '| warning | mosquitto/no-anonymous | edge/mosquitto.conf | 2 | Listener 0.0.0.0:1883 accepts anonymous clients. |',
        '',
      ].join('\n'),
    );
  });

  it('singular counts', () => {
    expect(formatFindings('markdown', [finding({ severity: 'note' })], context()).split('\n')[0]).toBe(
      '**edgelint:** 1 problem (0 errors, 0 warnings, 1 note) in 1 file.',
    );
  });

  it('keeps every row a single table row whatever the message', () => {
    const out = formatFindings('markdown', [finding({ message: 'a | b\nc\r\nd <b>x</b> &amp; `p|q`', file: 'x|y.yaml' })], context());
    const rows = out.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toBe(
      '| error | [k8s/edge-pull-policy](https://example.test/rules/k8s/edge-pull-policy) | x\\|y.yaml | 8 | a \\| b<br>c<br>d &lt;b&gt;x&lt;/b&gt; &amp;amp; `p\\|q` |',
    );
  });

  it.each([
    { input: 'plain', output: 'plain' },
    { input: 'a|b', output: 'a\\|b' },
    { input: 'l1\nl2\rl3\r\nl4', output: 'l1<br>l2<br>l3<br>l4' },
    { input: '<img src=x>', output: '&lt;img src=x&gt;' },
    { input: 'a & b', output: 'a &amp; b' },
    { input: '`<none>` and <none>', output: '`<none>` and &lt;none&gt;' },
    { input: '`a|b`', output: '`a\\|b`' },
    { input: 'it`s <x>', output: 'it`s &lt;x&gt;' },
  ])('cell($input)', ({ input, output }) => {
    expect(cell(input)).toBe(output);
  });

  it('percent-encodes link-breaking characters in docs URLs', () => {
    const rules = [{ ...context().rules[0], docsUrl: 'https://x.test/a b(c)|d' }];
    const out = formatFindings('markdown', [finding()], context({ rules }));
    expect(out).toContain('[k8s/edge-pull-policy](https://x.test/a%20b%28c%29%7Cd)');
  });
});
