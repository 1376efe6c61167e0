/**
 * Keeps rules, docs, tests and the README in step (style-models.md §3.5): a rule cannot exist without
 * its doc page and tests, a doc's examples must behave as the doc says, and the rule table in the
 * README is the one `edgelint rules --format markdown` prints.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { builtinRules } from '../../rules/index.js';
import { lint } from '../../src/engine/lint.js';
import type { EdgelintConfig } from '../../src/config/config.js';
import { renderRuleList } from '../../src/report/rule-list.js';
import { splitHeadline } from '../../src/report/text-layout.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rulesDir = join(root, 'rules');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const ruleFiles = walk(rulesDir)
  .filter((p) => p.endsWith('.ts') && !p.endsWith('index.ts'))
  .map((p) => relative(rulesDir, p).replace(/\.ts$/, ''))
  .sort();

const SPEC_RULES = [
  'node/image-drift', 'node/image-eol', 'node/image-not-preloaded', 'k8s/edge-pull-policy', 'node/host-port-conflict',
  'node/sysctl-not-allowed', 'node/broker-reachable', 'edgecore/unknown-key', 'edgecore/invalid-value', 'yaml/duplicate-key',
  'mosquitto/no-anonymous', 'systemd/require-restart', 'script/yaml-line-edit', 'node/edgemesh-requirements', 'core/parse-error',
];

describe('rule registry', () => {
  it('rules/index.ts lists exactly the rule files, sorted by id', () => {
    expect(builtinRules.map((r) => r.id)).toEqual(ruleFiles);
  });
  it('every rule SPEC §3 names is registered (with its id fixed by the spec)', () => {
    const ids = builtinRules.map((r) => r.id);
    const missing = SPEC_RULES.filter((id) => !ids.includes(id));
    expect(missing).toEqual([]);
  });
  it('rules import only the rule API', () => {
    for (const id of ruleFiles) {
      const source = readFileSync(join(rulesDir, `${id}.ts`), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => i !== '../../src/rule-api.js'), id).toEqual([]);
    }
  });
});

for (const rule of builtinRules) {
  describe(rule.id, () => {
    const docPath = join(rulesDir, `${rule.id}.md`);
    const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';

    it('has metadata in the house style', () => {
      expect(rule.description).toMatch(/^(Disallow|Require|Enforce|Report) /);
      expect(rule.description).not.toMatch(/[.\n]$/);
      expect(rule.remediation).toMatch(/\.$/);
      expect(['error', 'warning', 'note']).toContain(rule.severity);
      for (const [id, text] of Object.entries(rule.messages)) {
        expect(id).toMatch(/^[a-z][A-Za-z]*$/);
        expect(text.trim().length).toBeGreaterThan(0);
      }
    });

    it('has messages whose headline ends at a clause, not inside a `key: value` quoted bare', () => {
      // stylish prints the message up to its first top-level `: ` as the headline; a bare
      // `imagePullPolicy: Always` inside the sentence would cut it there (quote it in backticks).
      for (const text of Object.values(rule.messages)) {
        expect(splitHeadline(text).detail, text).not.toMatch(/^[^\s:]+: /);
      }
    });

    it('has a test file', () => {
      expect(existsSync(join(root, 'test', 'rules', `${rule.id}.test.ts`))).toBe(true);
    });

    it('has a doc page with the fixed sections in order', () => {
      expect(doc.split('\n')[0]).toBe(`# ${rule.id}`);
      const headings = [...doc.matchAll(/^(##+) (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`).filter((h) => h.startsWith('## ') || /^### (Incorrect|Correct)$/.test(h));
      expect(headings).toEqual(['## Why', '## Examples', '### Incorrect', '### Correct', '## Options', '## When not to use it', '## References']);
    });

    it('documents every option under ## Options', () => {
      const options = Object.keys((rule.options?.schema as { properties?: object } | undefined)?.properties ?? {});
      for (const option of options) expect(doc).toContain(`### \`${option}\``);
    });

    it('options schema compiles and accepts the defaults', async () => {
      if (!rule.options) return expect(rule.options).toBeUndefined();
      const { default: Ajv } = await import('ajv');
      const validate = new Ajv.default({ strict: true, allErrors: true }).compile(rule.options.schema);
      expect(validate(rule.options.defaults), JSON.stringify(validate.errors)).toBe(true);
    });

    for (const section of ['Incorrect', 'Correct'] as const) {
      it(`its ${section} examples behave as documented`, async () => {
        const body = doc.split(`### ${section}`)[1]?.split(/\n## |\n### /)[0] ?? '';
        const blocks = [...body.matchAll(/```\w*\s+title="([^"]+)"\n([\s\S]*?)```/g)];
        expect(blocks.length, 'examples need code blocks with title="file name"').toBeGreaterThan(0);
        const files = blocks.filter((b) => b[1] !== '.edgelint.yaml').map((b) => ({ path: b[1], content: b[2] }));
        const configBlock = blocks.find((b) => b[1] === '.edgelint.yaml');
        const config = (configBlock ? parseYaml(configBlock[2]) : {}) as EdgelintConfig;
        const result = await lint({ files, config, cwd: '/nonexistent-edgelint-doc-cwd' });
        const own = result.findings.filter((f) => f.ruleId === rule.id);
        if (rule.id !== 'core/parse-error') expect(result.findings.filter((f) => f.ruleId === 'core/parse-error' && f.severity === 'error')).toEqual([]);
        if (section === 'Incorrect') expect(own.length).toBeGreaterThan(0);
        else expect(own.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
      });
    }
  });
}

describe('README', () => {
  it('carries the rule table `edgelint rules --format markdown` prints', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(renderRuleList(builtinRules, 'markdown'));
  });
  it('shows the two commands a newcomer runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
