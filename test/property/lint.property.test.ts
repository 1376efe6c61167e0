/**
 * SPEC §7 "never throws on input", as properties: whatever the text or bytes of a file of any kind,
 * `lint()` resolves, no rule fails internally, and every finding points inside the file it names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { lint } from '../../src/engine/lint.js';
import type { LintFile, LintResult } from '../../src/engine/lint.js';
import { KIND_PATHS, anyBytes, anyText, mutate, mutation, shapedText, yamlStream } from './arbitraries.js';
import { tempDir } from '../temp.js';

const RUNS = 200;

/** 1-based line/column inside `text`; columns may point one past the line's last character (an insertion point). */
function inside(text: string, line: number, column: number): boolean {
  // Lines as SourceFile counts them: CRLF, LF, and a lone CR each end one (what editors and YAML do).
  const lines = text.split(/\r\n|\r|\n/);
  return Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1;
}

function checkResult(result: LintResult): void {
  expect(result.errors).toEqual([]);
  for (const f of result.findings) checkFinding(result, f);
}

function checkFinding(result: LintResult, f: Finding): void {
  const text = result.sources.get(f.file);
  expect(text, `finding in a file that was not linted: ${f.file}`).toBeDefined();
  const where = `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
  expect(inside(text!, f.line, f.column), `start outside the file: ${where}`).toBe(true);
  expect(inside(text!, f.endLine, f.endColumn), `end outside the file: ${where}`).toBe(true);
  expect(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), `end before start: ${where}`).toBe(true);
  for (const r of f.related ?? []) {
    const related = result.sources.get(r.file);
    expect(related, `related location in a file that was not linted: ${r.file}`).toBeDefined();
    expect(inside(related!, r.line, r.column), `related outside the file: ${where} → ${r.file}:${r.line}:${r.column}`).toBe(true);
  }
}

// An empty directory as cwd and no `config` option: the run finds no config file, so every rule
// runs at its defaults without compiling the config schema on each of thousands of runs.
const cwd = tempDir('property');

async function lintFiles(files: LintFile[]): Promise<LintResult> {
  return lint({ cwd, files });
}

describe.each(KIND_PATHS)('lint() on %s', (path) => {
  it('arbitrary text never throws and findings stay inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => checkResult(await lintFiles([{ path, content: text }]))),
      { numRuns: RUNS },
    );
  });

  it('arbitrary bytes never throw and findings stay inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, async (bytes) => checkResult(await lintFiles([{ path, content: bytes }]))),
      { numRuns: RUNS },
    );
  });

  it(`${path}-shaped text, damaged, never throws`, async () => {
    await fc.assert(
      fc.asyncProperty(shapedText[path], fc.array(mutation, { maxLength: 3 }), async (text, mutations) => checkResult(await lintFiles([{ path, content: mutate(text, mutations) }]))),
      { numRuns: RUNS },
    );
  });
});

describe('lint() on Kubernetes and edgecore objects', () => {
  it('well-formed streams from yaml.stringify parse without a core/parse-error', async () => {
    await fc.assert(
      fc.asyncProperty(yamlStream, async (text) => {
        const result = await lintFiles([{ path: 'chart.yaml', content: text }]);
        checkResult(result);
        expect(result.findings.filter((f) => f.ruleId === 'core/parse-error').map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a whole deployment (manifests, edgecore, unit, broker config, script) cross-checked by every rule never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        yamlStream,
        yamlStream,
        shapedText['broker.service'],
        shapedText['mosquitto.conf'],
        shapedText['install.sh'],
        fc.array(mutation, { maxLength: 2 }),
        async (manifests, edge, unit, conf, script, mutations) => {
          const result = await lintFiles([
            { path: 'helm/out.yaml', content: mutate(manifests, mutations) },
            { path: 'node/edgecore.yaml', content: edge },
            { path: 'node/mosquitto.service', content: unit },
            { path: 'node/mosquitto.conf', content: conf },
            { path: 'node/install.sh', content: script },
          ]);
          checkResult(result);
        },
      ),
      { numRuns: 150 },
    );
  });
});
