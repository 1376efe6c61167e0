import { describe, expect, it } from 'vitest';
import { formatFindings } from '../../src/report/formatters/index.js';
import { attr, stripInvalidXmlChars, text } from '../../src/report/formatters/junit.js';
import { MIXED, context, finding } from './fixtures.js';

/**
 * No XML parser is a dependency, so well-formedness is checked structurally: every tag opened is
 * closed in order, attributes are quoted, and no raw `<`, `&` or control character escapes into text.
 */
function assertWellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1);
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos|#\d+);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (const m of body.matchAll(token)) {
    consumed += m[0].length;
    const [, closing, name, , selfClosing, chars] = m;
    if (chars !== undefined) {
      expect(chars).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
      expect(chars).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
      continue;
    }
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name);
  }
  expect(consumed).toBe(body.length);
  expect(stack).toEqual([]);
}

describe('junit', () => {
  it.each([
    { name: 'unclosed element', xml: '<a><b></a>' },
    { name: 'raw ampersand', xml: '<a>x & y</a>' },
    { name: 'unquoted attribute', xml: '<a n=1></a>' },
    { name: 'control character', xml: '<a>\u0001</a>' },
  ])('the structure check rejects $name (it can fail)', ({ xml }) => {
    expect(() => assertWellFormed(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`)).toThrow();
  });

  it('a clean run is one passing test case', () => {
    const xml = formatFindings('junit', [], context());
    assertWellFormed(xml);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="edgelint" tests="1" failures="0" errors="0">',
        '  <testsuite name="edgelint" tests="1" failures="0" errors="0" skipped="0">',
        '    <testcase name="no problems found" classname="edgelint"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('one suite per file, one failing case per finding', () => {
    const xml = formatFindings('junit', MIXED, context());
    assertWellFormed(xml);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="edgelint" tests="3" failures="3" errors="0">',
        '  <testsuite name="deploy/app.yaml" tests="2" failures="2" errors="0" skipped="0">',
        '    <testcase name="node/host-port-conflict at 7:11" classname="deploy/app.yaml">',
        '      <failure message="Host port 1883/TCP is bound twice on class edge." type="error">deploy/app.yaml:7:11-7:32 error node/host-port-conflict',
        'Host port 1883/TCP is bound twice on class edge.',
        'Related: edge/mosquitto.conf:1:1 The other listener on 1883/TCP.',
        'Remediation: Move one listener to another port.</failure>',
        '    </testcase>',
        '    <testcase name="k8s/edge-pull-policy at 8:28" classname="deploy/app.yaml">',
        '      <failure message="Container `nginx` pulls with policy Always on edge nodes." type="error">deploy/app.yaml:8:28-8:34 error k8s/edge-pull-policy',
        'Container `nginx` pulls with policy Always on edge nodes.',
        'From template: chart/templates/deploy.yaml',
        'Remediation: Set `imagePullPolicy: IfNotPresent` and pin the image tag.',
        'Docs: https://example.test/rules/k8s/edge-pull-policy</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="edge/mosquitto.conf" tests="1" failures="1" errors="0" skipped="0">',
        '    <testcase name="mosquitto/no-anonymous at 2:1" classname="edge/mosquitto.conf">',
        '      <failure message="Listener 0.0.0.0:1883 accepts anonymous clients." type="warning">edge/mosquitto.conf:2:1-2:21 warning mosquitto/no-anonymous',
        'Listener 0.0.0.0:1883 accepts anonymous clients.',
        'Remediation: Set `allow_anonymous false` and configure `password_file`.</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('escapes hostile messages and file names everywhere', () => {
    const xml = formatFindings(
      'junit',
      [finding({ file: 'a"b\'<c>&d.yaml', message: 'x]]>y <tag attr="v"> & \u0000\u0007bell\nnext\ttab\r' })],
      context(),
    );
    assertWellFormed(xml);
    expect(xml).toContain('<testsuite name="a&quot;b&apos;&lt;c&gt;&amp;d.yaml"');
    expect(xml).toContain(
      'message="x]]&gt;y &lt;tag attr=&quot;v&quot;&gt; &amp; \u2400\u2407bell&#10;next&#9;tab&#13;" type="error"',
    );
    // In the body, input stays on its line: CI logs print bodies, and a line of its own could be a workflow command.
    expect(xml).toContain('\nx]]&gt;y &lt;tag attr="v"&gt; &amp; \u2400\u2407bell next\ttab \n');
    expect(xml).not.toContain('\u0000');
    expect(xml).not.toContain('\u0007');
  });

  it('never starts a body line with :: (a GitHub workflow command), whatever the input', () => {
    const xml = formatFindings('junit', [finding({ file: '::error file=x::a.yaml', message: 'm\n::error::INJECTED' })], context());
    assertWellFormed(xml);
    expect(xml.split('\n').filter((l) => /^\s*::/.test(l))).toEqual([]);
    expect(xml).toContain(':\u200b:error file=x::a.yaml:8:28');
  });

  it.each([
    { input: 'a&b', text: 'a&amp;b', attr: 'a&amp;b' },
    { input: '<x>', text: '&lt;x&gt;', attr: '&lt;x&gt;' },
    { input: ']]>', text: ']]&gt;', attr: ']]&gt;' },
    { input: '"\'', text: '"\'', attr: '&quot;&apos;' },
    { input: '\t\n', text: '\t\n', attr: '&#9;&#10;' },
    { input: '\r', text: '&#13;', attr: '&#13;' },
    { input: 'a\u0001\u001fb', text: 'a\u2401\u241fb', attr: 'a\u2401\u241fb' },
    { input: '\ufffe\uffff', text: '\ufffd\ufffd', attr: '\ufffd\ufffd' },
    { input: 'lone \ud800 surrogate', text: 'lone \ufffd surrogate', attr: 'lone \ufffd surrogate' },
    { input: 'pair 😀 ok', text: 'pair 😀 ok', attr: 'pair 😀 ok' },
    { input: '\u0085\u2028\u202e', text: '\ufffd\ufffd\ufffd', attr: '\ufffd\ufffd\ufffd' },
  ])('escaping of $input', (row) => {
    expect(text(row.input)).toBe(row.text);
    expect(attr(row.input)).toBe(row.attr);
  });

  it('replaces exactly the characters outside XML 1.0 Char, visibly: controls by their pictures', () => {
    const all = Array.from({ length: 0x30 }, (_, i) => String.fromCharCode(i)).join('');
    const pictures = Array.from({ length: 0x20 }, (_, i) => ([9, 10, 13].includes(i) ? String.fromCharCode(i) : String.fromCharCode(0x2400 + i))).join('');
    expect(stripInvalidXmlChars(all)).toBe(`${pictures}${all.slice(0x20)}`);
  });
});
