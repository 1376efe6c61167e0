import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceFile, resolveSpan, type Span } from '../../src/core/source.js';
import { mergeUnit, parseUnitFile, unitNameOf, type UnitEntry } from '../../src/parse/systemd.js';
import { environmentOf, parseEnvironment, serviceTypeOf, splitCommandLine, splitCommandLines } from '../../src/parse/systemd-settings.js';
import { UPSTREAM, upstream, type UpstreamFile } from '../upstream.js';

/** A real unit (test/fixtures/upstream), under the path it has in its package or repository. */
const real = (name: UpstreamFile): SourceFile => new SourceFile(UPSTREAM[name].corpus, upstream(name), 'systemd');

/** `line:col-endLine:endCol` (end exclusive) of a span. */
function at(s: Span): string {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
}

const unit = (text: string, path = 'test.service'): SourceFile => new SourceFile(path, text, 'systemd');

function only(text: string, key: string): UnitEntry {
  const { entries } = parseUnitFile(unit(text));
  const found = entries.filter((e) => e.key === key);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('parseUnitFile on real units', () => {
  it('reads the Debian mosquitto.service', () => {
    const source = real('debianUnit');
    const { entries, problems } = parseUnitFile(source);
    expect(problems).toEqual([]);
    expect(entries.map((e) => `${e.section}.${e.key}`)).toEqual([
      'Unit.Description',
      'Unit.Documentation',
      'Unit.After',
      'Unit.Wants',
      'Service.Type',
      'Service.NotifyAccess',
      'Service.ExecStart',
      'Service.ExecReload',
      'Service.Restart',
      'Service.ExecStartPre',
      'Service.ExecStartPre',
      'Service.ExecStartPre',
      'Service.ExecStartPre',
      'Install.WantedBy',
    ]);
    const execStart = entries[6];
    expect(execStart.value).toBe('/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf');
    expect(at(execStart.keySpan)).toBe('10:1-10:10');
    expect(at(execStart.valueSpan)).toBe('10:11-10:63');
    expect(at(execStart.span)).toBe('10:1-10:63');
  });

  it.each([
    ['debianUnit', 'on-failure', '/usr/sbin/mosquitto', 'notify'],
    ['upstreamNotifyUnit', 'on-failure', '/usr/sbin/mosquitto', 'notify'],
    ['upstreamSimpleUnit', 'on-failure', '/usr/sbin/mosquitto', undefined],
    ['edgecoreUnit', 'always', '/usr/local/bin/edgecore', 'simple'],
  ] as const)('%s: Restart=%s, program %s, Type=%s', (name, restart, program, type) => {
    const path = UPSTREAM[name].corpus;
    const merged = mergeUnit(unitNameOf(path) ?? path, real(name), []);
    expect(merged.problems).toEqual([]);
    expect(merged.get('Service', 'Restart')?.value).toBe(restart);
    expect(merged.get('Service', 'Type')?.value).toBe(type);
    const start = merged.get('Service', 'ExecStart');
    expect(start).toBeDefined();
    expect(splitCommandLine(start!).argv[0].value).toBe(program);
  });

  it('splits the Debian ExecStart and ExecStartPre lines with exact word positions', () => {
    const merged = mergeUnit('mosquitto.service', real('debianUnit'), []);
    const { argv, prefixes, problems } = splitCommandLine(merged.get('Service', 'ExecStart')!);
    expect(problems).toEqual([]);
    expect(prefixes).toBe('');
    expect(argv.map((w) => [w.value, at(w.span)])).toEqual([
      ['/usr/sbin/mosquitto', '10:11-10:30'],
      ['-c', '10:31-10:33'],
      ['/etc/mosquitto/mosquitto.conf', '10:34-10:63'],
    ]);
    const pre = merged.getAll('Service', 'ExecStartPre').map((e) => splitCommandLine(e).argv.map((w) => w.value).join(' '));
    expect(pre).toEqual([
      '/bin/mkdir -m 740 -p /var/log/mosquitto',
      '/bin/chown mosquitto /var/log/mosquitto',
      '/bin/mkdir -m 740 -p /run/mosquitto',
      '/bin/chown mosquitto /run/mosquitto',
    ]);
    // `$MAINPID` is expanded by systemd at run time: the word keeps its text.
    expect(splitCommandLine(merged.get('Service', 'ExecReload')!).argv.map((w) => w.value)).toEqual(['/bin/kill', '-HUP', '$MAINPID']);
  });
});

describe('parseUnitFile syntax', () => {
  const SEED =
    '[Service]\n' +
    'ExecStart=ctr -n k8s.io run --rm --net-host \\\n' +
    '  docker.io/library/eclipse-mosquitto:2.0 mosquitto \\\n' +
    '  mosquitto -c /mosquitto-no-auth.conf\n' +
    'Restart=always\n';

  it('joins continued lines with the backslash turned into a space, spans ending on the last line', () => {
    const e = only(SEED, 'ExecStart');
    expect(e.value).toBe(
      'ctr -n k8s.io run --rm --net-host    docker.io/library/eclipse-mosquitto:2.0 mosquitto    mosquitto -c /mosquitto-no-auth.conf',
    );
    expect(at(e.span)).toBe('2:1-4:39');
    expect(at(e.valueSpan)).toBe('2:11-4:39');
    expect(at(e.keySpan)).toBe('2:1-2:10');
    expect(only(SEED, 'Restart').value).toBe('always');
  });

  it('drops comment lines inside a continuation (systemd.syntax(7))', () => {
    const text = '[Service]\nExecStart=/bin/a \\\n# a comment \\\n; another\n  --flag\n';
    const e = only(text, 'ExecStart');
    expect(e.value).toBe('/bin/a    --flag');
    expect(at(e.span)).toBe('2:1-5:9');
    const words = splitCommandLine(e).argv;
    expect(words.map((w) => [w.value, at(w.span)])).toEqual([
      ['/bin/a', '2:11-2:17'],
      ['--flag', '5:3-5:9'],
    ]);
  });

  it.each([
    ['spaces around =', '[S]\nKey   =   some value  \n', 'some value', '2:11-2:21'],
    ['tab before key', '[S]\n\tKey=v\n', 'v', '2:6-2:7'],
    ['empty value', '[S]\nKey=\n', '', '2:5-2:5'],
    ['= inside the value', '[S]\nKey=a=b\n', 'a=b', '2:5-2:8'],
    ['even backslashes do not continue', '[S]\nKey=a\\\\\nOther=x\n', 'a\\\\', '2:5-2:8'],
    ['a blank line ends a continuation', '[S]\nKey=a \\\n\nOther=x\n', 'a', '2:5-2:6'],
    ['CRLF line endings', '[S]\r\nKey=a \\\r\n  b\r\nOther=x\r\n', 'a    b', '2:5-3:4'],
    ['byte order mark', '\uFEFF[S]\nKey=v\n', 'v', '2:5-2:6'],
    ['no final newline', '[S]\nKey=v', 'v', '2:5-2:6'],
  ])('%s', (_name, text, value, valueAt) => {
    // The line syntax is the same in every unit type; a .timer's sections are not checked here.
    const { entries, problems } = parseUnitFile(unit(text, 'syntax.timer'));
    expect(problems).toEqual([]);
    const e = entries.find((x) => x.key === 'Key');
    expect(e?.value).toBe(value);
    expect(at(e!.valueSpan)).toBe(valueAt);
    expect(e!.section).toBe('S');
  });

  it.each([
    ['a dangling backslash at end of file', '[S]\nKey=a \\', ['Line continuation (`\\`) at end of file: nothing follows it@2:7-2:8'], ['a']],
    ['an entry before any section', 'Key=v\n[S]\nOther=w\n', ['Assignment outside of any [Section]: systemd ignores it@1:1-1:6'], ['w']],
    ['a line without =', '[S]\nJustWords here\nKey=v\n', ["Missing '=': systemd ignores this line@2:1-2:15"], ['v']],
    ['a key-less assignment', '[S]\n  =v\n', ["Missing key name before '=': systemd ignores this line@2:3-2:5"], []],
    [
      'an unterminated section header',
      'Key=u\n[S\nKey=v\n[T]\nKey=w\n',
      [
        'Assignment outside of any [Section]: systemd ignores it@1:1-1:6',
        'Invalid section header `[S`: it must end with `]`; systemd stops reading the file here and refuses to load it, so the 3 lines after it are never applied@2:1-2:3',
      ],
      [],
    ],
  ])('reports %s', (_name, text, expected, values) => {
    const { entries, problems } = parseUnitFile(unit(text, 'syntax.timer'));
    expect(problems.map((p) => `${p.message}@${at(p.span)}`)).toEqual(expected);
    expect(entries.map((e) => e.value)).toEqual(values);
  });

  // One root cause, one finding: conf-parser.c parse_line() warns once for an unknown section and then
  // skips its assignments silently, and a header systemd cannot read hides every line after it.
  it.each([
    [
      'a misspelled [Service] header, its assignments counted',
      '[Unit]\nDescription=d\n[Servcie]\nExecStart=/usr/bin/mosquitto\nRestart=always\nUser=mqtt\n[Install]\nWantedBy=multi-user.target\n',
      ['Unknown section [Servcie]: systemd ignores it and the 3 assignments in it; did you mean [Service]?@3:1-3:10'],
      ['Unit.Description', 'Install.WantedBy'],
    ],
    ['an unknown section with nothing near it', '[Container]\nImage=x\n', ['Unknown section [Container]: systemd ignores it and the 1 assignment in it@1:1-1:12'], []],
    ['an X- section is skipped silently', '[X-Vendor]\nKey=v\n[Service]\nType=simple\n', [], ['Service.Type']],
    [
      'a header without its opening bracket before any section',
      'Service]\nExecStart=/usr/bin/edgecore\nRestart=always\n',
      ['`Service]` is not a section header (write `[Service]`): systemd ignores this line, and the 2 assignments after it with it@1:1-1:9'],
      [],
    ],
    [
      'a header without brackets inside [Unit]',
      '[Unit]\nDescription=d\nService\nExecStart=/usr/bin/edgecore\n[Install]\nWantedBy=multi-user.target\n',
      ['`Service` is not a section header (write `[Service]`): systemd ignores this line, and reads the 1 assignment after it as part of [Unit]@3:1-3:8'],
      ['Unit.Description', 'Unit.ExecStart', 'Install.WantedBy'],
    ],
    [
      'a drop-in without any header',
      'Environment=A=1\nEnvironment=B=2\nRestart=always\n',
      ['3 assignments outside of any [Section]: systemd ignores them@1:1-1:16'],
      [],
    ],
    [
      'an unterminated header hides the rest of the file',
      '[Unit]\nDescription=d\n[Service\nExecStart=/usr/bin/mosquitto\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n',
      ['Invalid section header `[Service`: it must end with `]`; systemd stops reading the file here and refuses to load it, so the 4 lines after it are never applied@3:1-3:9'],
      ['Unit.Description'],
    ],
  ])('reports %s once', (_name, text, expected, entries) => {
    const parsed = parseUnitFile(unit(text, 'broker.service'));
    expect(parsed.problems.map((p) => `${p.message}@${at(p.span)}`)).toEqual(expected);
    expect(parsed.entries.map((e) => `${e.section}.${e.key}`)).toEqual(entries);
  });

  it('keeps repeated keys in order', () => {
    const { entries } = parseUnitFile(unit('[Service]\nEnvironment=A=1\nEnvironment=B=2\n'));
    expect(entries.map((e) => [e.value, at(e.span)])).toEqual([
      ['A=1', '2:1-2:16'],
      ['B=2', '3:1-3:16'],
    ]);
  });
});

describe('mergeUnit', () => {
  const main = unit(
    '[Service]\nExecStart=/usr/bin/old\nExecStartPre=/bin/one\nEnvironment=A=main B=main\nRestart=always\n',
    '/etc/systemd/system/broker.service',
  );
  const later = unit('[Service]\nExecStart=\nExecStart=/usr/bin/new --x\nEnvironment=B=drop\n', '/etc/systemd/system/broker.service.d/20-later.conf');
  const earlier = unit('[Service]\nExecStartPre=/bin/two\nRestart=\n', '/run/systemd/system/broker.service.d/10-earlier.conf');

  const merged = mergeUnit('broker.service', main, [later, earlier]);

  it('applies drop-ins sorted by file name, whatever their directory or the order given', () => {
    expect(merged.dropIns.map((d) => d.path)).toEqual([earlier.path, later.path]);
    expect(merged.entries.map((e) => e.source.path)).toEqual([
      main.path, main.path, main.path, main.path,
      earlier.path, earlier.path,
      later.path, later.path, later.path,
    ]);
    expect(merged.source).toBe(main);
  });

  it('an emptied ExecStart= is replaced by the drop-in command', () => {
    const starts = merged.getAll('Service', 'ExecStart');
    expect(starts.map((e) => e.value)).toEqual(['/usr/bin/new --x']);
    expect(at(starts[0].span)).toBe('3:1-3:27');
    expect(starts[0].source).toBe(later);
  });

  it('list keys accumulate across files', () => {
    expect(merged.getAll('Service', 'ExecStartPre').map((e) => e.value)).toEqual(['/bin/one', '/bin/two']);
  });

  it('an empty assignment resets a single value to unset', () => {
    expect(merged.get('Service', 'Restart')).toBeUndefined();
    expect(merged.get('Service', 'ExecStart')?.value).toBe('/usr/bin/new --x');
    expect(merged.get('Service', 'Nope')).toBeUndefined();
  });

  it('Environment= assignments merge in order, later names overriding', () => {
    const env = environmentOf(merged);
    expect([...env].map(([k, v]) => [k, v.value, v.span.source.path, at(v.span)])).toEqual([
      ['A', 'main', main.path, '4:15-4:19'],
      ['B', 'drop', later.path, '4:15-4:19'],
    ]);
  });

  it('a unit made only of drop-ins takes the first drop-in as its source', () => {
    const m = mergeUnit('broker.service', undefined, [later, earlier]);
    expect(m.source).toBe(earlier);
    expect(m.get('Service', 'ExecStart')?.value).toBe('/usr/bin/new --x');
  });

  it('a unit with no file at all is empty, not an exception', () => {
    const m = mergeUnit('ghost.service', undefined, []);
    expect(m.entries).toEqual([]);
    expect(m.source.path).toBe('ghost.service');
  });

  it.each([
    ['/etc/systemd/system/mosquitto.service', 'mosquitto.service'],
    ['/etc/systemd/system/mosquitto.service.d/override.conf', 'mosquitto.service'],
    ['edgecore.socket', 'edgecore.socket'],
    ['/etc/mosquitto/mosquitto.conf', undefined],
    ['/etc/systemd/system/service.d/10-all.conf', undefined],
    ['install.sh', undefined],
    ['/etc/systemd/system/broker.service.d/notes.txt', undefined],
  ])('unitNameOf(%s) = %s', (path, name) => {
    expect(unitNameOf(path)).toBe(name);
  });
});

describe('splitCommandLine', () => {
  const exec = (value: string): UnitEntry => only(`[Service]\nExecStart=${value}\n`, 'ExecStart');
  const words = (value: string) => splitCommandLine(exec(value));

  it.each([
    ['plain words', '/bin/a b  c', '', ['/bin/a', 'b', 'c']],
    ['ignore-failure prefix', '-/bin/a b', '-', ['/bin/a', 'b']],
    ['stacked prefixes', '-+/bin/a', '-+', ['/bin/a']],
    ['double bang', '!!/bin/a', '!!', ['/bin/a']],
    ['+ and ! exclude each other', '+!/bin/a', '+', ['!/bin/a']],
    ['a prefix only once', '--/bin/a', '-', ['-/bin/a']],
    ['double quotes keep spaces', '/bin/sh -c "echo a  b"', '', ['/bin/sh', '-c', 'echo a  b']],
    ['single quotes', "/bin/sh -c 'x y'", '', ['/bin/sh', '-c', 'x y']],
    ['quotes in mid-word', '/bin/a --opt="x y"z', '', ['/bin/a', '--opt=x yz']],
    ['C escapes', '/bin/a \\t\\x41\\101\\s\\\\', '', ['/bin/a', '\tAA \\']],
    ['escapes inside quotes', '/bin/a "q\\"uote"', '', ['/bin/a', 'q"uote']],
    ['variables stay as text', '/bin/a $FOO ${BAR} x$Y', '', ['/bin/a', '$FOO', '${BAR}', 'x$Y']],
    ['specifiers stay as text', '/bin/a %n %%', '', ['/bin/a', '%n', '%%']],
    ['escaped semicolon is a word', '/usr/bin/find . -exec rm {} \\;', '', ['/usr/bin/find', '.', '-exec', 'rm', '{}', ';']],
    ['semicolon glued to a word is text', '/bin/a b;', '', ['/bin/a', 'b;']],
  ])('%s', (_name, value, prefixes, argv) => {
    const result = words(value);
    expect(result.problems).toEqual([]);
    expect(result.prefixes).toBe(prefixes);
    expect(result.argv.map((w) => w.value)).toEqual(argv);
  });

  it('strips prefixes from the program span too', () => {
    const { argv } = words('-/usr/bin/ctr run');
    expect(at(argv[0].span)).toBe('2:12-2:24');
  });

  it('spans cover the raw text of quoted words', () => {
    const { argv } = words('/bin/sh -c "echo hi"');
    expect(argv.map((w) => at(w.span))).toEqual(['2:11-2:18', '2:19-2:21', '2:22-2:31']);
  });

  it('the @ prefix moves the second word out of argv into argv0', () => {
    const result = words('@/usr/bin/mosquitto mqtt-broker -c /x.conf');
    expect(result.prefixes).toBe('@');
    expect(result.argv.map((w) => w.value)).toEqual(['/usr/bin/mosquitto', '-c', '/x.conf']);
    expect(result.argv0?.value).toBe('mqtt-broker');
    expect(at(result.argv0!.span)).toBe('2:31-2:42');
  });

  it('a lone ; separates command lines', () => {
    const { commands, problems } = splitCommandLines(exec('/bin/a 1 ; -/bin/b 2'));
    expect(problems).toEqual([]);
    expect(commands.map((c) => [c.prefixes, c.argv.map((w) => w.value), at(c.span)])).toEqual([
      ['', ['/bin/a', '1'], '2:11-2:19'],
      ['-', ['/bin/b', '2'], '2:22-2:31'],
    ]);
    expect(splitCommandLine(exec('/bin/a 1 ; /bin/b')).argv.map((w) => w.value)).toEqual(['/bin/a', '1']);
  });

  it.each([
    ['an unterminated double quote', '/bin/a "open', 'Unterminated double quote: systemd rejects this assignment@2:18-2:19'],
    ['an unterminated single quote', "/bin/a x'open", 'Unterminated single quote: systemd rejects this assignment@2:19-2:20'],
    ['a prefix without a program', '- /bin/a', 'Empty executable path after the command prefixes: systemd rejects this command@2:11-2:12'],
    ['@ without argv[0]', '@/bin/a', 'The `@` prefix needs a second word to pass as argv[0]@2:11-2:18'],
  ])('reports %s at its position', (_name, value, problem) => {
    const result = words(value);
    expect(result.problems.map((p) => `${p.message}@${at(p.span)}`)).toEqual([problem]);
  });

  // extract_first_word_and_warn() (src/basic/extract-word.c) retries a word with an unknown escape in
  // EXTRACT_CUNESCAPE_RELAX mode: the backslash stays, a warning is logged, the command is used.
  it.each([
    [
      'an unknown escape keeps its backslash',
      '/bin/echo \\d',
      ['/bin/echo', '\\d'],
      ['warning Unknown escape `\\d` in a command line: systemd keeps the backslash and passes `\\d` on as written (it logs "Ignoring unknown escape sequences"); write `\\\\` where a literal backslash is meant@2:21-2:23'],
    ],
    [
      'several in one quoted word: one warning, at the first',
      '/bin/sh -c "grep -E \\d+\\.\\d+ /etc/os-release"',
      ['/bin/sh', '-c', 'grep -E \\d+\\.\\d+ /etc/os-release'],
      ['warning Unknown escapes `\\d`, `\\.` in a command line: systemd keeps the backslashes and passes them on as written (it logs "Ignoring unknown escape sequences"); write `\\\\` where a literal backslash is meant@2:31-2:33'],
    ],
    ['known escapes around an unknown one', '/bin/a \\t\\q\\x41', ['/bin/a', '\t\\qA'], ['warning Unknown escape `\\q` in a command line: systemd keeps the backslash and passes `\\q` on as written (it logs "Ignoring unknown escape sequences"); write `\\\\` where a literal backslash is meant@2:20-2:22']],
    ['an escaped semicolon glued to text', '/bin/a b\\;c', ['/bin/a', 'b\\;c'], ['warning Unknown escape `\\;` in a command line: systemd keeps the backslash and passes `\\;` on as written (it logs "Ignoring unknown escape sequences"); write `\\\\` where a literal backslash is meant@2:19-2:21']],
    // The relaxed retry still fails on unbalanced quoting: one error, no escape warning.
    ['an unknown escape inside an unterminated quote', '/bin/a "x\\d', ['/bin/a', 'x\\d'], ['error Unterminated double quote: systemd rejects this assignment@2:18-2:19']],
  ])('%s', (_name, value, argv, expected) => {
    const result = words(value);
    expect(result.argv.map((w) => w.value)).toEqual(argv);
    expect(result.problems.map((p) => `${p.severity ?? 'error'} ${p.message}@${at(p.span)}`)).toEqual(expected);
  });

  it('works on hand-built entries without an offset map', () => {
    const source = unit('xx /bin/a "b c"');
    const entry: UnitEntry = {
      section: 'Service',
      key: 'ExecStart',
      value: '/bin/a "b c"',
      source,
      span: { source, start: 3, end: 15 },
      keySpan: { source, start: 0, end: 2 },
      valueSpan: { source, start: 3, end: 15 },
    };
    expect(splitCommandLine(entry).argv.map((w) => [w.value, at(w.span)])).toEqual([
      ['/bin/a', '1:4-1:10'],
      ['b c', '1:11-1:16'],
    ]);
  });
});

describe('parseEnvironment', () => {
  it('reads several quoted assignments per line with value spans', () => {
    const e = only('[Service]\nEnvironment=A=1 "B=two words" C= \'D=x\\ty\'\n', 'Environment');
    const { assignments, problems } = parseEnvironment(e);
    expect(problems).toEqual([]);
    expect(assignments.map((a) => [a.name.value, a.value.value, at(a.name.span), at(a.value.span)])).toEqual([
      ['A', '1', '2:13-2:14', '2:15-2:16'],
      ['B', 'two words', '2:18-2:19', '2:20-2:29'],
      ['C', '', '2:31-2:32', '2:33-2:33'],
      ['D', 'x\ty', '2:35-2:36', '2:37-2:41'],
    ]);
  });

  it('reports words systemd ignores', () => {
    const e = only('[Service]\nEnvironment=NOEQUALS 1X=y OK=1\n', 'Environment');
    const { assignments, problems } = parseEnvironment(e);
    expect(assignments.map((a) => a.name.value)).toEqual(['OK']);
    expect(problems.map((p) => at(p.span))).toEqual(['2:13-2:21', '2:22-2:26']);
  });

  // config_parse_environ() has no relaxed retry: a bad word logs "Invalid syntax, ignoring" and ends
  // the line; the assignments before it are already applied.
  it.each([
    ['an unknown escape', 'A=1 B=x\\dy C=3', ['A'], 'Unknown escape `\\d` in Environment=: systemd ignores this word and the rest of the line ("Invalid syntax, ignoring")@2:20-2:22'],
    ['an unterminated quote', 'A=1 "B=x C=3', ['A'], 'Unterminated double quote: systemd ignores this word and the rest of the line ("Invalid syntax, ignoring")@2:17-2:18'],
  ])('stops at %s, keeping the words before it', (_name, value, names, problem) => {
    const { assignments, problems } = parseEnvironment(only(`[Service]\nEnvironment=${value}\n`, 'Environment'));
    expect(assignments.map((a) => a.name.value)).toEqual(names);
    expect(problems.map((p) => `${p.message}@${at(p.span)}`)).toEqual([problem]);
    expect(problems.every((p) => p.severity === undefined)).toBe(true);
  });

  it('an empty Environment= clears earlier assignments', () => {
    const m = mergeUnit('x.service', unit('[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\n'), []);
    expect([...environmentOf(m).keys()]).toEqual(['B']);
  });

  it('reads Environment= from the [Socket] section of a socket unit', () => {
    const m = mergeUnit('x.socket', unit('[Service]\nEnvironment=A=1\n[Socket]\nEnvironment=S=2\n', 'x.socket'), []);
    expect([...environmentOf(m).keys()]).toEqual(['S']);
  });
});

describe('never throws', () => {
  const dense = fc.string({
    unit: fc.constantFrom('[', ']', '=', '\\', '\n', '\r', '#', ';', '"', "'", ' ', '\t', 'a', 'x', '$', '%', '@', '-', '+', '!', '\uFEFF', '0', '7'),
    maxLength: 200,
  });
  const arbitrary = fc.oneof(dense, fc.string({ unit: 'binary', maxLength: 200 }));

  const inBounds = (s: Span, text: string): boolean => s.start >= 0 && s.start <= s.end && s.end <= text.length;

  it('parses any text into entries and problems with spans inside the file', () => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        const source = unit(text);
        const { entries, problems } = parseUnitFile(source);
        for (const e of entries) {
          expect(inBounds(e.span, text) && inBounds(e.keySpan, text) && inBounds(e.valueSpan, text)).toBe(true);
          expect(e.valueOffsets).toHaveLength(e.value.length);
        }
        for (const p of problems) expect(inBounds(p.span, text)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('splits any value into words and assignments with spans inside the file', () => {
    fc.assert(
      fc.property(arbitrary, (value) => {
        const text = `[Service]\nExecStart=${value.replace(/[\r\n]/g, ' ')}\n`;
        const merged = mergeUnit('p.service', unit(text), []);
        for (const e of merged.entries) {
          const split = splitCommandLines(e);
          for (const c of split.commands) for (const w of c.argv) expect(inBounds(w.span, text)).toBe(true);
          for (const p of split.problems) expect(inBounds(p.span, text)).toBe(true);
          const env = parseEnvironment(e);
          for (const a of env.assignments) expect(inBounds(a.value.span, text)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('serviceTypeOf', () => {
  const typeOf = (text: string, dropIn?: string) =>
    serviceTypeOf(mergeUnit('broker.service', unit(text, 'broker.service'), dropIn ? [unit(dropIn, 'broker.service.d/10-type.conf')] : []));

  it.each([
    ['no Type= with ExecStart=', '[Service]\nExecStart=/usr/bin/mosquitto\n', 'simple', []],
    ['no Type= and no ExecStart=', '[Service]\nExecStop=/bin/true\n', 'oneshot', []],
    ['BusName=', '[Service]\nBusName=org.example.Broker\nExecStart=/usr/bin/b\n', 'dbus', []],
    ['a valid Type=', '[Service]\nType=notify\nExecStart=/usr/bin/mosquitto\n', 'notify', []],
    [
      'a mis-cased Type= (service_type_from_string is case-sensitive)',
      '[Service]\nType=OneShot\nExecStart=/usr/bin/docker run eclipse-mosquitto:2.0\n',
      'simple',
      ['Invalid Type=OneShot: systemd logs "Failed to parse service type, ignoring" and runs the service as Type=simple, the default for a service with ExecStart=; did you mean Type=oneshot?@2:6-2:13'],
    ],
    [
      'an unknown Type= with nothing near it',
      '[Service]\nType=daemon\nExecStart=/usr/bin/mosquitto\n',
      'simple',
      ['Invalid Type=daemon: systemd logs "Failed to parse service type, ignoring" and runs the service as Type=simple, the default for a service with ExecStart=@2:6-2:12'],
    ],
    [
      'an empty Type= does not reset (DEFINE_CONFIG_PARSE_ENUM has no empty case)',
      '[Service]\nType=forking\nType=\nExecStart=/usr/sbin/mosquitto -d\n',
      'forking',
      ['Empty Type=: systemd logs "Failed to parse service type, ignoring" and keeps Type=forking (broker.service:2)@3:1-3:6'],
    ],
  ])('%s', (_name, text, type, problems) => {
    const result = typeOf(text);
    expect(result.type).toBe(type);
    expect(result.problems.map((p) => `${p.message}@${at(p.span)}`)).toEqual(problems);
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('an invalid Type= in a drop-in keeps the main file\'s valid one', () => {
    const result = typeOf('[Service]\nType=oneshot\nExecStart=/usr/bin/import\n', '[Service]\nType=one-shot\n');
    expect(result.type).toBe('oneshot');
    expect(result.explicit?.source.path).toBe('broker.service');
    expect(result.invalid.map((e) => e.source.path)).toEqual(['broker.service.d/10-type.conf']);
  });
});
