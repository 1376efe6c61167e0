/**
 * Suppressions (SPEC §5) through the whole pipeline, in-memory files through `lint()`: the
 * `edgelint.io/ignore` annotation, and `edgelint-disable-next-line` / `-line` / `disable` … `enable`
 * comments in YAML, systemd units, mosquitto.conf and install scripts (heredocs included), with
 * unused and unknown suppressions reported as `core/unused-suppression` at the comment.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { EdgelintConfig, RuleSetting } from '../../src/config/config.js';
import { builtinRules } from '../../rules/index.js';
import { text } from '../rule-tester.js';

const UNUSED = 'core/unused-suppression';

/** Runs with only `on` (and core/unused-suppression unless `unused: false`) enabled; returns `rule file:line:col` rows. */
async function findings(files: Record<string, string>, on: string[], options: { unused?: boolean } = {}): Promise<string[]> {
  const rules: Record<string, RuleSetting> = {};
  for (const r of builtinRules) rules[r.id] = on.includes(r.id) || (r.id === UNUSED && options.unused !== false) ? r.severity : 'off';
  const config: EdgelintConfig = { rules };
  const result = await lint({ cwd: '/nonexistent-edgelint-suppress', config, files: Object.entries(files).map(([path, content]) => ({ path, content })) });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}${f.ruleId === UNUSED ? ` ${f.message}` : ''}`);
}

const DUP = 'yaml/duplicate-key';

describe('comment suppressions in YAML', () => {
  it('disable-next-line with a reason silences the next line only', async () => {
    const yaml = text`
      kind: 1
      # edgelint-disable-next-line yaml/duplicate-key -- the installer merges these
      kind: 2
      kind: 3
    `;
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([`${DUP} x.yaml:4:1`]);
  });

  it('disable-next-line skips comment lines between it and the line it silences', async () => {
    const yaml = text`
      kind: 1
      # edgelint-disable-next-line yaml/duplicate-key
      # (a longer reason, on its own line)
      kind: 2
    `;
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([]);
  });

  it('disable-line silences its own line', async () => {
    const yaml = 'kind: 1\nkind: 2 # edgelint-disable-line yaml/duplicate-key -- known\nkind: 3\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([`${DUP} x.yaml:3:1`]);
  });

  it('disable … enable silences the lines between, for the named rule', async () => {
    const yaml = text`
      kind: 1
      # edgelint-disable yaml/duplicate-key -- generated block
      kind: 2
      kind: 3
      # edgelint-enable yaml/duplicate-key
      kind: 4
    `;
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([`${DUP} x.yaml:6:1`]);
  });

  it('disable without enable lasts to the end of the file; without ids it covers every rule', async () => {
    const yaml = 'kind: 1\n# edgelint-disable\nkind: 2\nkind: 3\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([]);
  });

  it('a comment naming several rules silences each, and reports the ids that silenced nothing', async () => {
    const yaml = 'kind: 1\n# edgelint-disable-next-line k8s/edge-pull-policy, yaml/duplicate-key -- both\nkind: 2\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP, 'k8s/edge-pull-policy'])).toEqual([
      `${UNUSED} x.yaml:2:1 Unused suppression: k8s/edge-pull-policy reported nothing here; remove it so it cannot hide a future problem.`,
    ]);
  });

  it('reports an unused suppression at its comment marker, and the finding it did not silence', async () => {
    const yaml = 'kind: 1\nkind: 2\nb: 1  # edgelint-disable-line yaml/duplicate-key\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([
      `${DUP} x.yaml:2:1`,
      `${UNUSED} x.yaml:3:7 Unused suppression: yaml/duplicate-key reported nothing here; remove it so it cannot hide a future problem.`,
    ]);
  });

  it('reports a suppression naming no known rule (a typo), which silences nothing', async () => {
    const yaml = 'kind: 1\n# edgelint-disable-next-line yaml/duplicate-keys -- typo\nkind: 2\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([
      `${UNUSED} x.yaml:2:1 Unused suppression: yaml/duplicate-keys is not a known rule; remove it so it cannot hide a future problem.`,
      `${DUP} x.yaml:3:1`,
    ]);
  });

  it('stays quiet about a suppression of a known rule that is turned off', async () => {
    const yaml = 'kind: 1\n# edgelint-disable-next-line k8s/edge-pull-policy\nkind: 2\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([`${DUP} x.yaml:3:1`]);
  });

  it('reports nothing unused when core/unused-suppression is off', async () => {
    const yaml = 'kind: 1\n# edgelint-disable-next-line yaml/duplicate-keys\nb: 2\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP], { unused: false })).toEqual([]);
  });

  it('cannot silence a parse error', async () => {
    const yaml = '# edgelint-disable-next-line core/parse-error\nkind: [1, 2\n';
    const rows = await findings({ 'x.yaml': yaml }, ['core/parse-error']);
    expect(rows.filter((r) => r.startsWith('core/parse-error '))).toHaveLength(1);
  });

  it('works in a file with CRLF line ends', async () => {
    const yaml = 'kind: 1\r\n# edgelint-disable-next-line yaml/duplicate-key\r\nkind: 2\r\n';
    expect(await findings({ 'x.yaml': yaml }, [DUP])).toEqual([]);
  });
});

const DAEMONSET = (annotations: string) => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: gateway
${annotations}
  spec:
    template:
      spec:
        nodeSelector:
          node-role.kubernetes.io/edge: ""
        containers:
        - name: gateway
          image: registry.example.com/gateway:1.0
`;
const PULL = 'k8s/edge-pull-policy';

describe('the edgelint.io/ignore annotation', () => {
  it('is what the fixtures need: without it, the pull-policy finding is there', async () => {
    expect(await findings({ 'ds.yaml': DAEMONSET('') }, [PULL])).toEqual([`${PULL} ds.yaml:13:16`]);
  });

  it('silences the rule it names on its object, with a reason after --', async () => {
    const ds = DAEMONSET('    annotations:\n      edgelint.io/ignore: "k8s/edge-pull-policy -- image is preloaded by the installer"');
    expect(await findings({ 'ds.yaml': ds }, [PULL])).toEqual([]);
  });

  it('takes several ids and reports those that silenced nothing at the annotation', async () => {
    const ds = DAEMONSET('    annotations:\n      edgelint.io/ignore: "k8s/edge-pull-policy,yaml/duplicate-key -- reviewed"');
    expect(await findings({ 'ds.yaml': ds }, [PULL, DUP])).toEqual([
      `${UNUSED} ds.yaml:6:25 Unused suppression: yaml/duplicate-key reported nothing here; remove it so it cannot hide a future problem.`,
    ]);
  });

  it('covers only its own object in a multi-document file', async () => {
    const annotated = DAEMONSET('    annotations:\n      edgelint.io/ignore: k8s/edge-pull-policy');
    const other = DAEMONSET('').replace('name: gateway', 'name: other');
    const rows = await findings({ 'ds.yaml': `${annotated}---\n${other}` }, [PULL]);
    expect(rows).toEqual([`${PULL} ds.yaml:28:16`]);
  });

  it('reports an id that is no rule, and does not silence the finding', async () => {
    const ds = DAEMONSET('    annotations:\n      edgelint.io/ignore: k8s/edge-pull-polcy');
    expect(await findings({ 'ds.yaml': ds }, [PULL])).toEqual([
      `${UNUSED} ds.yaml:6:25 Unused suppression: k8s/edge-pull-polcy is not a known rule; remove it so it cannot hide a future problem.`,
      `${PULL} ds.yaml:14:16`,
    ]);
  });
});

const RESTART = 'systemd/require-restart';
const UNIT = (comment: string) => `[Unit]\nDescription=broker\n\n[Service]\n${comment}ExecStart=ctr -n k8s.io run --rm --net-host docker.io/library/eclipse-mosquitto:2.0 mosquitto\n`;

describe('comment suppressions in systemd units', () => {
  it('is what the fixture needs: without a comment, Restart= is missing', async () => {
    expect(await findings({ 'broker.service': UNIT('') }, [RESTART])).toEqual([`${RESTART} broker.service:5:1`]);
  });

  it('silences with a # comment and with a ; comment', async () => {
    expect(await findings({ 'broker.service': UNIT('# edgelint-disable-next-line systemd/require-restart -- supervised by monit\n') }, [RESTART])).toEqual([]);
    expect(await findings({ 'broker.service': UNIT('; edgelint-disable-next-line systemd/require-restart\n') }, [RESTART])).toEqual([]);
  });

  it('reports an unused one in a unit at its line', async () => {
    const unit = `${UNIT('')}Restart=always\n# edgelint-disable-next-line systemd/require-restart\nRestartSec=5\n`;
    expect(await findings({ 'broker.service': unit }, [RESTART])).toEqual([
      `${UNUSED} broker.service:7:1 Unused suppression: systemd/require-restart reported nothing here; remove it so it cannot hide a future problem.`,
    ]);
  });
});

const ANON = 'mosquitto/no-anonymous';

describe('comment suppressions in mosquitto.conf', () => {
  it('is what the fixture needs: an anonymous listener is reported', async () => {
    expect(await findings({ 'mosquitto.conf': 'listener 1883\nallow_anonymous true\n' }, [ANON])).toEqual([`${ANON} mosquitto.conf:2:1`]);
  });

  it('silences with disable-next-line and with a disable … enable block', async () => {
    expect(await findings({ 'mosquitto.conf': 'listener 1883\n# edgelint-disable-next-line mosquitto/no-anonymous -- lab broker\nallow_anonymous true\n' }, [ANON])).toEqual([]);
    const block = '# edgelint-disable mosquitto/no-anonymous\nlistener 1883\nallow_anonymous true\n# edgelint-enable mosquitto/no-anonymous\n';
    expect(await findings({ 'mosquitto.conf': block }, [ANON])).toEqual([]);
  });
});

describe('comment suppressions in install scripts', () => {
  const script = (before: string, inside: string) => `#!/bin/sh\nset -e\n${before}cat > /etc/mosquitto/conf.d/extra.conf <<EOF\nlistener 8883\n${inside}allow_anonymous true\nEOF\n`;

  it('is what the fixture needs: the heredoc conf is linted on the script lines', async () => {
    expect(await findings({ 'install.sh': script('', '') }, [ANON])).toEqual([`${ANON} install.sh:5:1`]);
  });

  it('silences with a comment inside the heredoc, on the line above the finding', async () => {
    expect(await findings({ 'install.sh': script('', '# edgelint-disable-next-line mosquitto/no-anonymous -- test rig\n') }, [ANON])).toEqual([]);
  });

  it('silences with shell comments around the heredoc', async () => {
    const sh = script('# edgelint-disable mosquitto/no-anonymous\n', '').replace(/EOF\n$/, 'EOF\n# edgelint-enable mosquitto/no-anonymous\n');
    expect(await findings({ 'install.sh': sh }, [ANON])).toEqual([]);
  });

  it('silences a duplicate key in a YAML heredoc', async () => {
    const sh = '#!/bin/sh\ncat > /etc/app/config.yaml <<EOF\nkind: 1\n# edgelint-disable-next-line yaml/duplicate-key\nkind: 2\nEOF\n';
    expect(await findings({ 'install.sh': sh }, [DUP])).toEqual([]);
    expect(await findings({ 'install.sh': sh.replace('# edgelint-disable-next-line yaml/duplicate-key\n', '') }, [DUP])).toEqual([`${DUP} install.sh:4:1`]);
  });
});
