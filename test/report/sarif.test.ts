import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { buildSarif, formatFindings, type SarifLog } from '../../src/report/formatters/index.js';
import { messageText, toArtifactLocation } from '../../src/report/formatters/sarif.js';
import { MIXED, RULES, SOURCES, context, finding } from './fixtures.js';

// The SARIF 2.1.0 JSON schema (draft-04) as Microsoft's @microsoft/jest-sarif ships it. Its copy is the
// 2.1.0-rtm.5 text, a little looser than the OASIS errata01 one in a few enums; the system suite also runs
// Microsoft's own validator (the SARIF multitool, with GitHub's ingestion rules) over the CLI's output.
const schema = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as Record<string, unknown>;
// Both packages are CommonJS; under NodeNext their class/function is the `default` export's `default`.
// rtm.5's `language` pattern (`…{2}]?$`) is not a valid regular expression in Unicode mode: compile
// patterns the way the schema's own draft-04 validators did, without the `u` flag.
const ajv = new ajvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
// Formats are checked too: artifactLocation.uri is `uri-reference`, which is where odd paths go wrong.
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function sarif(findings: Finding[], readSource?: (f: string) => string | undefined): SarifLog {
  const text = formatFindings('sarif', findings, context({ readSource }));
  const parsed = JSON.parse(text) as SarifLog;
  const valid = validate(parsed);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return parsed;
}

describe('sarif: schema validity', () => {
  it.each([
    { name: 'zero findings', findings: [] as Finding[] },
    { name: 'mixed findings with related locations and helmSource', findings: MIXED },
    {
      name: 'odd paths: spaces, unicode, #, ?, %, brackets',
      findings: [
        finding({ file: 'my charts/über/values #1.yaml' }),
        finding({ file: 'a?b%20c/[x]/日本.yaml' }),
        finding({ file: 'c:colon.yaml' }),
        finding({ file: '../outside/edgecore.yaml' }),
        finding({ file: '/etc/kubeedge/config/edgecore.yaml' }),
      ],
    },
    { name: 'a rule the context does not list', findings: [finding({ ruleId: 'core/parse-error' })] },
    { name: 'degenerate positions', findings: [finding({ line: 0, column: 0, endLine: 0, endColumn: 0 })] },
    { name: 'a message shaped like an embedded link', findings: [finding({ message: 'ports[0](1) clashes' })] },
  ])('$name', ({ findings }) => {
    sarif(findings, (f) => SOURCES[f]);
  });

  it('the validator rejects a broken log (the check can fail)', () => {
    const log = buildSarif([finding()], context()) as unknown as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('the validator rejects an unescaped URI (formats are checked)', () => {
    const log = buildSarif([finding()], context());
    log.runs[0].artifacts[0].location.uri = 'my charts/a#b#c.yaml';
    expect(validate(log)).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('format');
  });
});

describe('sarif: content', () => {
  const log = sarif(MIXED, (f) => SOURCES[f]);
  const run = log.runs[0];

  it('describes the tool and every rule that ran', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(run.tool.driver.name).toBe('edgelint');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.semanticVersion).toBe('0.1.0');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(run.tool.driver.rules[0]).toEqual({
      id: 'k8s/edge-pull-policy',
      shortDescription: { text: 'Require a pull policy that works offline on edge nodes' },
      fullDescription: {
        text: 'Require a pull policy that works offline on edge nodes. Set `imagePullPolicy: IfNotPresent` and pin the image tag.',
      },
      help: {
        text:
          'Require a pull policy that works offline on edge nodes. Set `imagePullPolicy: IfNotPresent` and pin the image tag.' +
          '\n\nDocumentation: https://example.test/rules/k8s/edge-pull-policy',
        markdown: '## Why\n\nEdge nodes lose the cloud link.\n\n[Documentation](https://example.test/rules/k8s/edge-pull-policy)',
      },
      helpUri: 'https://example.test/rules/k8s/edge-pull-policy',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'reliability', tags: ['reliability'] },
    });
    // A rule without docs: no helpUri, markdown help built from the metadata.
    expect(run.tool.driver.rules[1]).not.toHaveProperty('helpUri');
    expect(run.tool.driver.rules[1].help.markdown).toBe(
      'Disallow two listeners on one host port.\n\n**How to fix:** Move one listener to another port.',
    );
    expect(run.tool.driver.rules[2].defaultConfiguration.level).toBe('warning');
  });

  it('maps each finding to a result', () => {
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['node/host-port-conflict', 1, 'error'],
      ['k8s/edge-pull-policy', 0, 'error'],
      ['mosquitto/no-anonymous', 2, 'warning'],
    ]);
    const [second, first] = run.results;
    expect(first.message).toEqual({ text: 'Container `nginx` pulls with policy Always on edge nodes.' });
    expect(first.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'deploy/app.yaml', uriBaseId: '%SRCROOT%', index: 0 },
          region: { startLine: 8, startColumn: 28, endLine: 8, endColumn: 34 },
        },
      },
    ]);
    expect(first.properties).toEqual({ helmSource: 'chart/templates/deploy.yaml' });
    expect(first).not.toHaveProperty('relatedLocations');
    expect(second.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'edge/mosquitto.conf', uriBaseId: '%SRCROOT%', index: 1 },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 22 },
        },
        message: { text: 'The other listener on 1883/TCP.' },
      },
    ]);
    expect(second).not.toHaveProperty('properties');
    expect(run.artifacts).toEqual([
      { location: { uri: 'deploy/app.yaml', uriBaseId: '%SRCROOT%' } },
      { location: { uri: 'edge/mosquitto.conf', uriBaseId: '%SRCROOT%' } },
    ]);
  });

  it('adds a descriptor for a rule the context does not list, so ruleIndex never dangles', () => {
    const { runs } = sarif([finding({ ruleId: 'core/parse-error' })]);
    const rules = runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.id), 'core/parse-error']);
    expect(runs[0].results[0].ruleIndex).toBe(3);
  });

  it('zero findings still lists the rules', () => {
    const { runs } = sarif([]);
    expect(runs[0].results).toEqual([]);
    expect(runs[0].artifacts).toEqual([]);
    expect(runs[0].tool.driver.rules).toHaveLength(RULES.length);
  });

  it('omits semanticVersion when the version is not semver', () => {
    const log = buildSarif([], context({ toolVersion: 'dev-build' }));
    expect(log.runs[0].tool.driver.version).toBe('dev-build');
    expect(log.runs[0].tool.driver).not.toHaveProperty('semanticVersion');
  });
});

describe('sarif: artifact URIs', () => {
  it.each([
    { file: 'deploy/app.yaml', uri: 'deploy/app.yaml', base: true },
    { file: 'my charts/values #1.yaml', uri: 'my%20charts/values%20%231.yaml', base: true },
    { file: 'a?b/c%d.yaml', uri: 'a%3Fb/c%25d.yaml', base: true },
    { file: 'über/日本.yaml', uri: '%C3%BCber/%E6%97%A5%E6%9C%AC.yaml', base: true },
    { file: 'c:colon.yaml', uri: 'c%3Acolon.yaml', base: true },
    { file: '../up/x.yaml', uri: '../up/x.yaml', base: true },
    { file: '/etc/kubeedge/edgecore.yaml', uri: 'file:///etc/kubeedge/edgecore.yaml', base: false },
  ])('$file', ({ file, uri, base }) => {
    expect(toArtifactLocation(file)).toEqual(base ? { uri, uriBaseId: '%SRCROOT%' } : { uri });
  });

  // hostile15: on POSIX a backslash and a drive-letter-like first segment are a file's own name, under the root.
  it.each([
    { file: 'C:/work/a b.yaml', windows: true, uri: 'file:///C:/work/a%20b.yaml', base: false },
    { file: 'C:\\work\\a.yaml', windows: true, uri: 'file:///C:/work/a.yaml', base: false },
    { file: 'sub\\a.yaml', windows: true, uri: 'sub/a.yaml', base: true },
    { file: 'C:/work/a b.yaml', windows: false, uri: 'C%3A/work/a%20b.yaml', base: true },
    { file: 'l\\m.yaml', windows: false, uri: 'l%5Cm.yaml', base: true },
  ])('$file (windows: $windows)', ({ file, windows, uri, base }) => {
    expect(toArtifactLocation(file, windows)).toEqual(base ? { uri, uriBaseId: '%SRCROOT%' } : { uri });
  });
});

describe('sarif: partialFingerprints', () => {
  const fp = (findings: Finding[], source?: Record<string, string>): string[] =>
    buildSarif(findings, context({ readSource: source ? (f) => source[f] : undefined })).runs[0].results.map(
      (r) => r.partialFingerprints['edgelint/v1'],
    );

  it('survives lines inserted above and message changes', () => {
    const before = { 'a.yaml': 'x: 1\nimagePullPolicy: Always\n' };
    const after = { 'a.yaml': '# comment\nx: 1\n  imagePullPolicy:   Always\n' };
    const [a] = fp([finding({ file: 'a.yaml', line: 2, message: 'old wording' })], before);
    const [b] = fp([finding({ file: 'a.yaml', line: 3, message: 'new wording' })], after);
    expect(a).toMatch(/^[0-9a-f]{32}:1$/);
    expect(b).toBe(a);
  });

  it.each([
    { name: 'rule', change: { ruleId: 'other/rule' } },
    { name: 'file', change: { file: 'b.yaml' } },
    { name: 'line text', change: { line: 1 } },
  ])('differs when the $name differs', ({ change }) => {
    const source = { 'a.yaml': 'x: 1\nimagePullPolicy: Always\n', 'b.yaml': 'x: 1\nimagePullPolicy: Always\n' };
    const [a] = fp([finding({ file: 'a.yaml', line: 2 })], source);
    const [b] = fp([finding({ file: 'a.yaml', line: 2, ...change })], source);
    expect(b).not.toBe(a);
  });

  it('tells identical lines apart by occurrence', () => {
    const source = { 'a.yaml': 'p: Always\np: Always\n' };
    const [a, b] = fp([finding({ file: 'a.yaml', line: 1 }), finding({ file: 'a.yaml', line: 2 })], source);
    expect(a.split(':')[0]).toBe(b.split(':')[0]);
    expect([a.split(':')[1], b.split(':')[1]]).toEqual(['1', '2']);
  });

  it.each([
    { name: 'CRLF', text: 'x: 1\r\nimagePullPolicy: Always\r\n' },
    { name: 'a lone CR', text: 'x: 1\rimagePullPolicy: Always\r' },
  ])('counts lines ended by $name as the engine does: same hash as the LF file', ({ text }) => {
    const [lf] = fp([finding({ file: 'a.yaml', line: 2 })], { 'a.yaml': 'x: 1\nimagePullPolicy: Always\n' });
    const [other] = fp([finding({ file: 'a.yaml', line: 2 })], { 'a.yaml': text });
    expect(other).toBe(lf);
  });

  it('falls back to the position without source text, deterministically', () => {
    expect(fp([finding()])).toEqual(fp([finding()]));
    expect(fp([finding({ line: 3 })])).not.toEqual(fp([finding({ line: 4 })]));
  });
});

describe('sarif: message text', () => {
  it.each([
    { input: 'plain [0] text', output: 'plain [0] text' },
    { input: 'C:\\path', output: 'C:\\path' },
    { input: 'ports[0](1) clashes', output: 'ports\\[0\\](1) clashes' },
    { input: 'a\\[b](2)', output: 'a\\\\\\[b\\](2)' },
  ])('$input', ({ input, output }) => {
    expect(messageText(input)).toBe(output);
  });
});
