/**
 * A long run of blanks inside a line, where a regex ending in `\s+$` or `(\S.*?)\s*$` looked for the
 * line's trailing blanks: such a regex tries every start in the run and scans it to its end each time,
 * quadratic in the run (hostile16: 60,000 spaces took 5.2 s of CPU in a `# Source:` comment, 1.8 s in a
 * Dockerfile RUN line, 1.7 s in an environment file's key; then 80,000 in a mapping key before an
 * over-indented line, 3.8 s; the 900,000 here took minutes). Each case
 * runs the built CLI with a 256 MB heap and a 60 s bound that only turns a hang into a failure: an
 * honest run takes under a second.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SIBLING, expectSurvived, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const BLANKS = ' '.repeat(900_000);

const CASES: Array<{ name: string; files: Record<string, string>; expected: string[] }> = [
  {
    name: 'a Helm `# Source:` comment',
    files: { 'rendered.yaml': `---\n# Source: chart/templates/a.yaml${BLANKS}b\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n` },
    expected: ['rendered.yaml:7:3 yaml/duplicate-key'],
  },
  {
    name: 'a Dockerfile RUN line a compose service builds',
    files: {
      'compose.yaml': 'services:\n  mqtt:\n    build: .\n    ports: ["1883:1883"]\n',
      Dockerfile: `FROM eclipse-mosquitto:2.0\nRUN true${BLANKS}x\nCOPY mosquitto.conf /mosquitto/config/mosquitto.conf\n`,
      'mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
    },
    expected: ['mosquitto.conf:2:1 mosquitto/no-anonymous'],
  },
  {
    name: 'a key of an edgecore unit’s environment file',
    files: {
      'etc/kubeedge/edgecore.env': `A${BLANKS}B=1\nOPTS=--config=/etc/kubeedge/config/edgecore.yaml\n`,
      'etc/systemd/system/edgecore.service': '[Unit]\nDescription=edgecore\n[Service]\nEnvironmentFile=/etc/kubeedge/edgecore.env\nExecStart=/usr/local/bin/edgecore $OPTS\nRestart=always\n[Install]\nWantedBy=multi-user.target\n',
    },
    expected: [],
  },
  {
    // The key before an over-indented line (yaml-compact-mapping.ts keyBefore): 80,000 took 3.8 s.
    name: 'a mapping key whose next line is indented too deep',
    files: { 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a${BLANKS}b: modbus\n    slaveID: 1\n` },
    expected: ['cm.yaml:7:5 core/parse-error'],
  },
];

describe.each(CASES)('hostile blanks: 900,000 spaces in $name', ({ files, expected }) => {
  it('ends, with the findings it would give without the blanks', () => {
    const dir = makeTree({ ...files, [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    const others = run.findings.filter((f) => f.file !== SIBLING.path).map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);
    expect(others.sort()).toEqual(expected);
  });
});
