/**
 * script/yaml-line-edit parses the texts scripts write and edit, outside the lint's own reading of
 * them (hostile14):
 *  - a heredoc of 400,000 `- 1` lines written to edgecore.yaml, then appended to: the rule parsed the
 *    whole text although the reading had skipped it as too large to lint, and ran a 256 MB heap out;
 *  - `sed -i '/^keyN:/a …'` inserts into one 0.5–0.7 MB heredoc: each insert parsed an edited copy of
 *    the whole text (100 inserts: 45 s CPU, 1,000: past five minutes); the copies one run parses are
 *    now bounded (4 MB), past which where an insert lands is unknown, and said so;
 *  - 20,000 `cat >>` appends of one key each to an edgecore.yaml the script wrote: whether the result
 *    repeats a key was asked of yaml's `uniqueKeys`, which compares each key with every earlier one
 *    (20,000: 5 s; 50,000: 26 s); now one Set per mapping (parsesAsYaml).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parsesAsYaml } from '../../src/script/yaml-edit-text.js';
import { expectSurvived, makeTree, removeTree, runCli, runLint, SIBLING } from './helpers.js';

// The options every in-process parse hands the yaml library, to see which one checks repeated keys
// (a count, not a clock: a timed test would say the same less reliably).
const yamlOptions = vi.hoisted(() => [] as ({ uniqueKeys?: unknown } | undefined)[]);
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  return {
    ...actual,
    parseAllDocuments: (source: string, options?: { uniqueKeys?: unknown }) => {
      yamlOptions.push(options);
      return actual.parseAllDocuments(source, options as never);
    },
  };
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const EDGECORE_HEAD = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\n';

describe('hostile texts the line-edit rule parses', () => {
  it('CLI (256 MB heap): a 400,000-line heredoc edgecore.yaml, appended to and edited, is reported too large once and not parsed again', () => {
    const script = `#!/bin/sh\ncat > /etc/kubeedge/config/edgecore.yaml <<EOF\n${EDGECORE_HEAD}extra:\n${'  - 1\n'.repeat(400_000)}EOF\ncat >> /etc/kubeedge/config/edgecore.yaml <<EOF\nfoo: 1\nEOF\nsed -i "s/enable: true/enable: false/" /etc/kubeedge/config/edgecore.yaml\n`;
    const dir = makeTree({ 'install.sh': script, [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256);
    expectSurvived(run);
    expect(run.findings.filter((f) => f.file === 'install.sh').map((f) => [f.ruleId, f.line, f.column, f.message.slice(0, 40)])).toEqual([
      ['core/parse-error', 3, 1, 'This document is too large to lint (4000'],
      ['script/yaml-line-edit', 400_010, 1, 'This append adds text to /etc/kubeedge/c'],
      ['script/yaml-line-edit', 400_013, 1, '`sed -i` edits /etc/kubeedge/config/edge'],
    ]);
  });

  it('12 inserts into one 0.5 MB heredoc: the first 8 are placed (4 MB of edited copies), the rest are unknown', async () => {
    const keys = 25_000;
    const script = `#!/bin/bash\ncat > /etc/app/x.yaml <<EOF\n${Array.from({ length: keys }, (_, i) => `key${i}: value${i}\n`).join('')}EOF\n${Array.from({ length: 12 }, (_, i) => `sed -i '/^key${i}:/a new${i}: 1' /etc/app/x.yaml\n`).join('')}`;
    const result = await runLint('/nonexistent-hostile14', { files: [{ path: 'install.sh', content: script }] });
    const first = keys + 4;
    expect(result.findings.map((f) => [f.ruleId, f.line, f.column, f.message.replace(/;.*/s, '')])).toEqual(
      Array.from({ length: 12 }, (_, i) => [
        'script/yaml-line-edit',
        first + i,
        1,
        i < 8 ? `\`sed -i\` inserts \`new${i}\` into /etc/app/x.yaml at new${i}` : `\`sed -i\` inserts a line into /etc/app/x.yaml after the lines matching /^key${i}:/`,
      ]),
    );
  });
});

describe('repeated inserts (hostile15)', () => {
  it('the same insert into the same 0.5 MB heredoc, 12 times, lands where it landed the first time: parsed once, never past the budget', async () => {
    const keys = 25_000;
    const script = `#!/bin/bash\ncat > /etc/app/x.yaml <<EOF\n${Array.from({ length: keys }, (_, i) => `key${i}: value${i}\n`).join('')}EOF\n${"sed -i '/^key3:/a new: 1' /etc/app/x.yaml\n".repeat(12)}`;
    const result = await runLint('/nonexistent-hostile15', { files: [{ path: 'install.sh', content: script }] });
    // Before, each repeat parsed its own 0.5 MB copy: the first 8 were placed and the other 4 were unknown.
    expect(result.findings.map((f) => [f.ruleId, f.line, f.column, f.message.replace(/;.*/s, '')])).toEqual(
      Array.from({ length: 12 }, (_, i) => ['script/yaml-line-edit', keys + 4 + i, 1, '`sed -i` inserts `new` into /etc/app/x.yaml at new']),
    );
  });
});

describe('an edited file too large to read (hostile15)', () => {
  it('CLI: a YAML file of no kind over the parser budget that only a script edits is named in a notice, with the script', () => {
    const app = Array.from({ length: 120_000 }, (_, i) => `k${i}: v\n`).join('');
    const small = 'k1: v\nk3: v\n';
    const script = (file: string) => `#!/bin/sh\nsed -i "/^k3:/a new: 1" ${file}\ncat >> ${file} <<EOF\nk7: again\nEOF\n`;
    const dir = makeTree({ 'config/app.yaml': app, 'config/small.yaml': small, 'install.sh': script('config/app.yaml'), 'other.sh': script('config/small.yaml'), [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256);
    expectSurvived(run);
    // Before: no notice at all; the edits of the large file said only that edgelint "cannot check here".
    expect(run.stderr).toBe("edgelint: config/app.yaml: too large to read (120000 lines of block nodes; edgelint reads at most 100000 per document); install.sh's line edits of it were judged without its text\n");
    expect(run.findings.filter((f) => f.ruleId === 'script/yaml-line-edit').map((f) => [f.file, f.line, f.column])).toEqual([
      ['install.sh', 2, 1],
      ['install.sh', 3, 1],
      ['other.sh', 2, 1],
      ['other.sh', 3, 1],
    ]);
  });
});

describe('parsesAsYaml', () => {
  const yamlSays = (text: string) => parseAllDocuments(text, { uniqueKeys: true, logLevel: 'error' }).every((d) => d.errors.length === 0);

  it.each([
    ['distinct keys', 'a: 1\nb: 2\n'],
    ['a repeated key', 'a: 1\nb: 2\na: 3\n'],
    ['a repeated key in a nested mapping', 'a:\n  b: 1\n  b: 2\n'],
    ['in a mapping in a sequence', 'a:\n  - b: 1\n    b: 2\n'],
    ['in a flow mapping', 'a: {b: 1, b: 2}\n'],
    ['1 and "1" differ', '1: a\n"1": b\n'],
    ['1 twice', '1: a\n1: b\n'],
    ['true and "true" differ', 'true: a\n"true": b\n'],
    ['two empty keys', ': a\n: b\n'],
    ['two NaN keys are never equal', '.nan: a\n.nan: b\n'],
    ['the merge key twice', 'x: &x {a: 1}\ny:\n  <<: *x\n  <<: *x\n'],
    ['the same key in two documents', 'a: 1\n---\na: 2\n'],
    ['a repeated key in the second document', 'a: 1\n---\nb: 1\nb: 2\n'],
    ['a repeated key inside a complex key', '? {a: 1, a: 2}\n: x\n'],
    ['broken YAML', 'a: [\n'],
  ])('agrees with yaml uniqueKeys: %s', (_name, text) => {
    expect(parsesAsYaml(text, { uniqueKeys: true })).toBe(yamlSays(text));
    expect(parsesAsYaml(text)).toBe(parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' }).every((d) => d.errors.length === 0));
  });

  it('a text over the parser budget is not parsed and is not YAML', () => {
    expect(parsesAsYaml(`a:\n${'  - 1\n'.repeat(300_000)}`)).toBe(false);
  });

  it('repeated keys are found one Set per mapping, never by yaml\'s uniqueKeys, which compares each key with every earlier one', () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `k${i}: v\n`).join('');
    yamlOptions.length = 0;
    expect(parsesAsYaml(text, { uniqueKeys: true })).toBe(true);
    expect(parsesAsYaml(`${text}k7: again\n`, { uniqueKeys: true })).toBe(false);
    expect(yamlOptions.map((o) => o?.uniqueKeys)).toEqual([false, false]);
  });
});
