/**
 * core/unused-suppression is reported by the engine after every other rule ran, so it is tested
 * through lint() with the rules it depends on switched on.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import type { EdgelintConfig } from '../../../src/config/config.js';

const duplicate = (comment = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n${comment}  name: b\n`;

async function findings(files: Record<string, string>, rules: EdgelintConfig['rules'] = {}) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), config: { rules }, cwd: '/nonexistent' });
  return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`);
}

describe('core/unused-suppression', () => {
  it('a used suppression is silent and silences its finding', async () => {
    expect(await findings({ 'cm.yaml': duplicate('  # edgelint-disable-next-line yaml/duplicate-key -- generated file\n') })).toEqual([]);
  });
  it('a suppression that silences nothing is reported at the comment', async () => {
    const file = `# edgelint-disable-next-line yaml/duplicate-key -- stale\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n`;
    expect(await findings({ 'cm.yaml': file })).toEqual(['core/unused-suppression cm.yaml:1:1']);
  });
  it('a suppression naming no known rule is reported', async () => {
    expect(await findings({ 'cm.yaml': duplicate('  # edgelint-disable-next-line yaml/duplicate-keys\n') })).toEqual([
      'core/unused-suppression cm.yaml:5:3',
      'yaml/duplicate-key cm.yaml:6:3',
    ]);
  });
  it('an annotation that ignores a rule with nothing to ignore is reported', async () => {
    const pod = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    edgelint.io/ignore: "node/image-drift -- pinned on purpose"\n';
    expect(await findings({ 'cm.yaml': pod })).toEqual(['core/unused-suppression cm.yaml:6:25']);
  });
  it('can be switched off', async () => {
    const file = `# edgelint-disable-next-line yaml/duplicate-key\na: 1\n`;
    expect(await findings({ 'a.yaml': file }, { 'core/unused-suppression': 'off' })).toEqual([]);
  });
});
