import { describe, expect, it } from 'vitest';
import { finishSentence } from '../../src/engine/run-rules.js';
import { lint } from '../../src/engine/lint.js';
import type { RuleModule } from '../../src/rule-api.js';

describe('finishSentence: one final mark per message', () => {
  it.each([
    ['a question keeps its mark', 'edgecore.yaml: unknown key "x"; did you mean "y"?.', 'edgecore.yaml: unknown key "x"; did you mean "y"?'],
    ['an exclamation keeps its mark', 'stop!.', 'stop!'],
    ['a doubled period', 'ends here..', 'ends here.'],
    ['a plain sentence is untouched', 'ends here.', 'ends here.'],
    ['an ellipsis is untouched', 'and so on...', 'and so on...'],
    ['a quoted value ending in a period stays quoted', 'image "a.b".', 'image "a.b".'],
    ['no final mark at all', 'no mark', 'no mark'],
  ])('%s', (_name, message, expected) => {
    expect(finishSentence(message)).toBe(expected);
  });
});

describe('one root cause, one finding: Report.yieldsTo (issue #10 §1)', () => {
  const file = 'x.yaml';
  const content = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n';
  /** Reports at the `name:` line of every ConfigMap whose name is in `names`. */
  const atNames = (id: string, names: string[], yieldsTo?: string): RuleModule => ({
    id,
    description: 'Test rule',
    category: 'hygiene',
    severity: 'error',
    recommended: true,
    remediation: 'Nothing.',
    messages: { m: '{{name}}' },
    ...(yieldsTo ? { yieldsTo: [yieldsTo] } : {}),
    check({ model, report }) {
      for (const object of model.objects) {
        if (names.includes(object.name)) report({ messageId: 'm', data: { name: `${id} ${object.name}` }, at: object.span, ...(yieldsTo ? { yieldsTo } : {}) });
      }
    },
  });
  const run = async (rules: RuleModule[], content0 = content) => {
    const config = { rules: Object.fromEntries(rules.map((r) => [r.id, 'error' as const])) };
    const result = await lint({ files: [{ path: file, content: content0 }], config, rules, cwd: '/nonexistent-edgelint-test-cwd' });
    expect(result.errors).toEqual([]);
    return result.findings.filter((f) => f.ruleId.startsWith('test/')).map((f) => `${f.line}:${f.column} ${f.message}`).sort();
  };

  it('drops the consequence where the cause is reported, whichever rule runs first', async () => {
    const cause = atNames('test/cause', ['a']);
    const consequence = atNames('test/consequence', ['a', 'b'], 'test/cause');
    const expected = ['1:1 test/cause a', '6:1 test/consequence b'];
    expect(await run([consequence, cause])).toEqual(expected);
    expect(await run([cause, consequence])).toEqual(expected);
  });

  it('keeps the consequence when the cause is off or suppressed there', async () => {
    const consequence = atNames('test/consequence', ['a'], 'test/cause');
    expect(await run([consequence])).toEqual(['1:1 test/consequence a']);
    const suppressed = `# edgelint-disable-next-line test/cause -- migrating\n${content}`;
    expect(await run([atNames('test/cause', ['a']), consequence], suppressed)).toEqual(['2:1 test/consequence a']);
  });

  it('a rule may only yield to a rule its yieldsTo names', async () => {
    const rogue: RuleModule = { ...atNames('test/rogue', ['a']), check: ({ model, report }) => report({ messageId: 'm', data: { name: 'x' }, at: model.objects[0].span, yieldsTo: 'test/cause' }) };
    const result = await lint({ files: [{ path: file, content }], config: { rules: { 'test/rogue': 'error' } }, rules: [rogue], cwd: '/nonexistent-edgelint-test-cwd' });
    expect(result.errors.join('\n')).toMatch(/rule test\/rogue yields to 'test\/cause', which its yieldsTo does not list/);
  });
});
