import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceFile, resolveSpan, span, type Span } from '../../src/core/source.js';
import { brokerListeners } from '../../src/parse/mosquitto-listeners.js';
import {
  parseMosquittoConf,
  type BrokerListener,
  type MosquittoConfig,
  type MosquittoSeries,
} from '../../src/parse/mosquitto.js';
import { upstream } from '../upstream.js';


const conf = (text: string, path = 'mosquitto.conf'): MosquittoConfig =>
  parseMosquittoConf(new SourceFile(path, text, 'mosquitto'));

const pos = (s: Span): string => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
};

const fallbackFile = new SourceFile('unit.service', 'ExecStart=/usr/sbin/mosquitto', 'systemd');
const fallback = span(fallbackFile, 10, 29);

/** Listeners as comparable rows: `port/addresses/protocol/anon`. */
const rows = (ls: BrokerListener[]): string[] =>
  ls.map((l) => `${l.port} ${l.addresses.join(',')} ${l.protocol} ${l.anonymous ? 'anon' : 'auth'}${l.implicit ? ' implicit' : ''}`);

describe('parseMosquittoConf: lines and positions', () => {
  const cases: Array<{ name: string; text: string; expected: Array<[string, string[], string]> }> = [
    { name: 'plain directive', text: 'listener 1883\n', expected: [['listener', ['1883'], '1:1-1:14']] },
    { name: 'address argument', text: 'listener 1883 10.0.0.5', expected: [['listener', ['1883', '10.0.0.5'], '1:1-1:23']] },
    {
      name: 'comments and blank lines are skipped',
      text: '# comment\n\n   \n#listener 1\nallow_anonymous true\n',
      expected: [['allow_anonymous', ['true'], '5:1-5:21']],
    },
    {
      name: 'CRLF and trailing blanks are not part of the value',
      text: 'listener 1883 \r\nallow_anonymous true\t\r\n',
      expected: [
        ['listener', ['1883'], '1:1-1:14'],
        ['allow_anonymous', ['true'], '2:1-2:21'],
      ],
    },
    { name: 'leading and repeated blanks', text: '  port   1884', expected: [['port', ['1884'], '1:3-1:14']] },
    { name: 'word starting with # ends the arguments', text: 'listener 1883 # all interfaces', expected: [['listener', ['1883'], '1:1-1:31']] },
    {
      name: 'string options keep the rest of the line',
      text: 'password_file /etc/mosquitto/pass words\ninclude_dir /etc/mosquitto/conf.d',
      expected: [
        ['password_file', ['/etc/mosquitto/pass words'], '1:1-1:40'],
        ['include_dir', ['/etc/mosquitto/conf.d'], '2:1-2:34'],
      ],
    },
    { name: 'unknown directives are kept', text: 'frobnicate a b', expected: [['frobnicate', ['a', 'b'], '1:1-1:15']] },
    { name: 'empty file', text: '', expected: [] },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    const parsed = conf(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.directives.map((d) => [d.name, d.args.map((a) => a.value), pos(d.span)])).toEqual(expected);
  });

  it('argument and name spans point at the words', () => {
    const parsed = conf('\n  listener  1884   127.0.0.1\r\n');
    const d = parsed.directives[0];
    expect(pos(d.nameSpan)).toBe('2:3-2:11');
    expect(d.args.map((a) => pos(a.span))).toEqual(['2:13-2:17', '2:20-2:29']);
  });

  it('collects include_dir values', () => {
    const parsed = conf('include_dir /etc/mosquitto/conf.d\ninclude_dir  /srv/more ');
    expect(parsed.includeDirs.map((d) => [d.value, pos(d.span)])).toEqual([
      ['/etc/mosquitto/conf.d', '1:13-1:34'],
      ['/srv/more', '2:14-2:23'],
    ]);
  });
});

describe('parseMosquittoConf: problems', () => {
  const cases: Array<{ text: string; message: RegExp; at: string }> = [
    { text: 'listener', message: /`listener` needs a port number/, at: '1:1-1:9' },
    { text: 'listener abc', message: /port `abc` is not a port number/, at: '1:10-1:13' },
    { text: 'listener 70000', message: /port `70000` is not a port number/, at: '1:10-1:15' },
    { text: 'listener 0', message: /unix socket path/, at: '1:1-1:11' },
    { text: '\nport 0', message: /`port` value `0`/, at: '2:6-2:7' },
    { text: 'allow_anonymous yes', message: /is not `true` or `false`/, at: '1:17-1:20' },
    { text: 'socket_domain ipv5', message: /`socket_domain` value `ipv5`/, at: '1:15-1:19' },
    { text: 'listener 1\nprotocol mqtts', message: /`protocol` value `mqtts`/, at: '2:10-2:15' },
    { text: 'include_dir', message: /`include_dir` needs a directory/, at: '1:1-1:12' },
    { text: 'listener 1883 <edge node IP>', message: /^`listener` bind address `<edge node IP>` is no address or host name: .*exits at start/, at: '1:15-1:29' },
    { text: 'port 1883\nbind_address <edge-ip>', message: /^`bind_address` `<edge-ip>` is no address or host name: .*refuses the config/, at: '2:14-2:23' },
  ];
  it.each(cases)('$text', ({ text, message, at }) => {
    const parsed = conf(text);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].message).toMatch(message);
    expect(pos(parsed.problems[0].span)).toBe(at);
  });
});

describe('parseMosquittoConf: corpus files', () => {
  it('1.6.15 and 2.0.22 default configs have no active directive', () => {
    expect(conf(upstream('tarballConf16')).directives).toEqual([]);
    expect(conf(upstream('tarballConf20')).directives).toEqual([]);
  });
  it('reads the 2.1 image config', () => {
    const parsed = conf(upstream('imageConf21'));
    expect(parsed.directives.map((d) => `${resolveSpan(d.span).line} ${d.name} ${d.args.map((a) => a.value).join(' ')}`)).toEqual([
      '4 listener 1883',
      '5 allow_anonymous true',
      '7 listener 9883',
      '8 protocol http_api',
      '9 http_dir /usr/share/mosquitto/dashboard',
    ]);
  });
  it("reads Debian's config with its include_dir", () => {
    const parsed = conf(upstream('debianConf'));
    expect(parsed.directives.map((d) => d.name)).toEqual(['pid_file', 'persistence', 'persistence_location', 'log_dest', 'include_dir']);
    expect(parsed.includeDirs.map((d) => [d.value, resolveSpan(d.span).line, resolveSpan(d.span).column])).toEqual([['/etc/mosquitto/conf.d', 13, 13]]);
  });
});

describe('brokerListeners', () => {
  const cases: Array<{ name: string; series: MosquittoSeries; files: string[]; expected: string[]; cmdPorts?: number[] }> = [
    // 1.6
    { name: '1.6 no config file', series: '1.6', files: [], expected: ['1883 0.0.0.0,:: mqtt anon implicit'] },
    { name: '1.6 empty config', series: '1.6', files: [''], expected: ['1883 0.0.0.0,:: mqtt anon implicit'] },
    { name: '1.6 port', series: '1.6', files: ['port 1884'], expected: ['1884 0.0.0.0,:: mqtt anon'] },
    { name: '1.6 bind_address restricts the default listener', series: '1.6', files: ['bind_address 127.0.0.1'], expected: ['1883 127.0.0.1 mqtt anon'] },
    { name: '1.6 -p', series: '1.6', files: [''], cmdPorts: [1999], expected: ['1999 0.0.0.0,:: mqtt anon implicit'] },
    { name: '1.6 password_file disables anonymous', series: '1.6', files: ['password_file /p'], expected: ['1883 0.0.0.0,:: mqtt auth implicit'] },
    { name: '1.6 listener replaces the default', series: '1.6', files: ['listener 8883 10.0.0.5'], expected: ['8883 10.0.0.5 mqtt anon'] },
    {
      name: '1.6 per-listener anonymous',
      series: '1.6',
      files: ['per_listener_settings true\nlistener 1883\npassword_file /p\nlistener 1884\nallow_anonymous false\nlistener 1885'],
      expected: ['1883 0.0.0.0,:: mqtt auth', '1884 0.0.0.0,:: mqtt auth', '1885 0.0.0.0,:: mqtt anon'],
    },
    // 2.0
    { name: '2.0 no config file: local only', series: '2.0', files: [], expected: ['1883 127.0.0.1,::1 mqtt anon implicit'] },
    { name: '2.0 all-comment config: local only', series: '2.0', files: ['# nothing\n'], expected: ['1883 127.0.0.1,::1 mqtt anon implicit'] },
    { name: '2.0 -p in local only mode', series: '2.0', files: [''], cmdPorts: [1999, 2000], expected: ['1999 127.0.0.1,::1 mqtt anon implicit', '2000 127.0.0.1,::1 mqtt anon implicit'] },
    { name: '2.0 allow_anonymous false in local only mode (2.0.22)', series: '2.0', files: ['allow_anonymous false'], expected: ['1883 127.0.0.1,::1 mqtt auth implicit'] },
    { name: '2.0 listener defaults to no anonymous', series: '2.0', files: ['listener 1883'], expected: ['1883 0.0.0.0,:: mqtt auth'] },
    { name: '2.0 -p ignored with a listener', series: '2.0', files: ['listener 1883'], cmdPorts: [1999], expected: ['1883 0.0.0.0,:: mqtt auth'] },
    { name: '2.0 no-auth conf', series: '2.0', files: ['listener 1883\nallow_anonymous true'], expected: ['1883 0.0.0.0,:: mqtt anon'] },
    { name: '2.0 listener with address', series: '2.0', files: ['listener 1883 127.0.0.1\nallow_anonymous true'], expected: ['1883 127.0.0.1 mqtt anon'] },
    { name: '2.0 listener localhost', series: '2.0', files: ['listener 1883 localhost'], expected: ['1883 127.0.0.1,::1 mqtt auth'] },
    { name: '2.0 socket_domain ipv4', series: '2.0', files: ['listener 1883\nsocket_domain ipv4'], expected: ['1883 0.0.0.0 mqtt auth'] },
    { name: '2.0 socket_domain ipv6', series: '2.0', files: ['listener 1883\nsocket_domain ipv6'], expected: ['1883 :: mqtt auth'] },
    { name: '2.0 websockets', series: '2.0', files: ['listener 9001\nprotocol websockets\nallow_anonymous true'], expected: ['9001 0.0.0.0,:: websockets anon'] },
    { name: '2.0 port (deprecated) still binds all interfaces', series: '2.0', files: ['port 1884'], expected: ['1884 0.0.0.0,:: mqtt auth'] },
    { name: '2.0 port + bind_address', series: '2.0', files: ['bind_address 127.0.0.1\nport 1884\nallow_anonymous true'], expected: ['1884 127.0.0.1 mqtt anon'] },
    { name: '2.0 default-listener option leaves local only mode', series: '2.0', files: ['max_connections 10'], expected: ['1883 0.0.0.0,:: mqtt auth'] },
    { name: '2.0 default-listener option at its default value creates no default listener', series: '2.0', files: ['max_connections -1\nmax_qos 2\nprotocol mqtt\nrequire_certificate false\nlistener 8883\nallow_anonymous true'], expected: ['8883 0.0.0.0,:: mqtt anon'] },
    { name: '1.6 default-listener option at its default value keeps the listener alone', series: '1.6', files: ['max_connections -1\nlistener 8883'], expected: ['8883 0.0.0.0,:: mqtt anon'] },
    { name: '2.0 a websockets protocol before any listener still makes the default listener', series: '2.0', files: ['protocol websockets\nlistener 8883'], expected: ['1883 0.0.0.0,:: websockets auth', '8883 0.0.0.0,:: mqtt auth'] },
    { name: '2.1 default-listener option stays local only', series: '2.1', files: ['max_connections 10'], expected: ['1883 127.0.0.1,::1 mqtt anon implicit'] },
    { name: '2.1 default-listener option at its default value still creates the default listener', series: '2.1', files: ['max_connections -1\nlistener 8883'], expected: ['1883 0.0.0.0,:: mqtt auth', '8883 0.0.0.0,:: mqtt auth'] },
    { name: '2.0 unix socket listener is skipped', series: '2.0', files: ['listener 0 /run/m.sock\nlistener 1883'], expected: ['1883 0.0.0.0,:: mqtt auth'] },
    {
      name: '2.0 per-listener anonymous',
      series: '2.0',
      files: ['per_listener_settings true\nlistener 1883 127.0.0.1\nallow_anonymous true\nlistener 1884'],
      expected: ['1883 127.0.0.1 mqtt anon', '1884 0.0.0.0,:: mqtt auth'],
    },
    { name: '2.0 global allow_anonymous: last one wins', series: '2.0', files: ['allow_anonymous true\nlistener 1883\nallow_anonymous false'], expected: ['1883 0.0.0.0,:: mqtt auth'] },
    // 2.1
    {
      name: '2.1 image config',
      series: '2.1',
      files: [upstream('imageConf21')],
      expected: ['1883 0.0.0.0,:: mqtt anon', '9883 0.0.0.0,:: http_api anon'],
    },
    { name: '2.1 listener_allow_anonymous', series: '2.1', files: ['listener 1883\nlistener_allow_anonymous true\nlistener 1884'], expected: ['1883 0.0.0.0,:: mqtt anon', '1884 0.0.0.0,:: mqtt auth'] },
    { name: '2.0 ignores listener_allow_anonymous', series: '2.0', files: ['listener 1883\nlistener_allow_anonymous true'], expected: ['1883 0.0.0.0,:: mqtt auth'] },
    // include_dir
    {
      name: 'include_dir adds a listener to a local-only main config',
      series: '2.0',
      files: ['include_dir /etc/mosquitto/conf.d', 'listener 1883\nallow_anonymous true'],
      expected: ['1883 0.0.0.0,:: mqtt anon'],
    },
  ];
  it.each(cases)('$name', ({ series, files, expected, cmdPorts }) => {
    const confs = files.map((text, i) => conf(text, i === 0 ? 'mosquitto.conf' : `/etc/mosquitto/conf.d/${i}.conf`));
    expect(rows(brokerListeners(confs, series, fallback, { cmdPorts }))).toEqual(expected);
  });

  it('a listener on an address no resolver knows opens nothing; the others stay, with their own settings', () => {
    const main = conf('per_listener_settings true\nlistener 1883 <edge node IP>\nallow_anonymous true\nlistener 1884 10.0.0.1\n');
    expect(rows(brokerListeners([main], '2.0', fallback))).toEqual(['1884 10.0.0.1 mqtt auth']);
  });

  it('host names, addresses with zones and template text are not judged', () => {
    for (const host of ['edge-01.plant.local', 'fe80::1%eth0', '${BIND_IP}', '{{ bind_ip }}', 'localhost']) {
      expect(conf(`listener 1883 ${host}`).problems, host).toEqual([]);
    }
  });

  it('spans: listener line, allow_anonymous line, fallback for implicit listeners', () => {
    const main = conf('allow_anonymous true\n\nlistener 1883 127.0.0.1\n');
    const [l] = brokerListeners([main], '2.0', fallback);
    expect(pos(l.span)).toBe('3:1-3:24');
    expect(l.anonymousSpan && pos(l.anonymousSpan)).toBe('1:1-1:21');
    const [implicit] = brokerListeners([conf('')], '1.6', fallback);
    expect(implicit.span).toBe(fallback);
    expect(implicit.anonymousSpan).toBeUndefined();
    const [auth] = brokerListeners([conf('listener 1')], '2.0', fallback);
    expect(auth.anonymousSpan).toBeUndefined();
  });

  it('included files are read where include_dir stands, in the given order', () => {
    const main = conf('include_dir /etc/mosquitto/conf.d\nallow_anonymous false', '/etc/mosquitto/mosquitto.conf');
    const a = conf('listener 1883\nallow_anonymous true', '/etc/mosquitto/conf.d/a.conf');
    const b = conf('listener 1884 127.0.0.1', '/etc/mosquitto/conf.d/b.conf');
    const ls = brokerListeners([main, a, b], '2.0', fallback);
    expect(rows(ls)).toEqual(['1883 0.0.0.0,:: mqtt auth', '1884 127.0.0.1 mqtt auth']);
    expect(ls[0].span.source.path).toBe('/etc/mosquitto/conf.d/a.conf');
  });

  it('include_dir in an included file is not followed', () => {
    const main = conf('listener 1883', 'main.conf');
    const inc = conf('include_dir /other', 'conf.d/x.conf');
    const nested = conf('listener 9999', '/other/y.conf');
    expect(rows(brokerListeners([main, inc, nested], '2.0', fallback)).map((r) => r.split(' ')[0])).toEqual(['1883', '9999']);
    // Without any include_dir in the main file, extra files are read after it.
    expect(inc.includeDirs.map((d) => d.value)).toEqual(['/other']);
  });
});

describe('never throws', () => {
  const line = fc.oneof(
    fc.constantFrom('listener', 'port', 'bind_address', 'allow_anonymous', 'per_listener_settings', 'socket_domain', 'protocol', 'include_dir', 'listener_allow_anonymous', 'password_file', 'max_connections', '#'),
    fc.string(),
  );
  const word = fc.oneof(fc.constantFrom('1883', '0', '-1', '99999', 'true', 'false', 'ipv4', 'ipv6', 'websockets', 'http_api', '127.0.0.1', 'localhost', '::', '#x', ''), fc.string());
  const confText = fc.array(fc.tuple(line, fc.array(word, { maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r', ' \n', '\t\n')), { maxLength: 20 }).map((ls) =>
    ls.map(([n, ws, eol]) => [n, ...ws].join(' ') + eol).join(''),
  );

  it('parseMosquittoConf and brokerListeners accept any text', () => {
    fc.assert(
      fc.property(fc.oneof(confText, fc.string({ unit: 'binary' })), fc.array(confText, { maxLength: 2 }), fc.constantFrom<MosquittoSeries>('1.6', '2.0', '2.1'), (text, extra, series) => {
        const main = conf(text);
        for (const p of main.problems) {
          expect(p.span.start).toBeGreaterThanOrEqual(0);
          expect(p.span.end).toBeLessThanOrEqual(text.length);
        }
        for (const d of main.directives) expect(text.slice(d.nameSpan.start, d.nameSpan.end)).toBe(d.name);
        const ls = brokerListeners([main, ...extra.map((t, i) => conf(t, `conf.d/${i}.conf`))], series, fallback, { cmdPorts: [0, 1884] });
        for (const l of ls) {
          expect(l.port).toBeGreaterThan(0);
          expect(l.port).toBeLessThanOrEqual(65535);
          expect(l.addresses.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('a listener whose host its socket domain cannot bind', () => {
  it('binds nothing (found by the property test: bind_address :: with socket_domain ipv4)', () => {
    expect(brokerListeners([conf(''), conf('bind_address ::\nsocket_domain ipv4\n', 'conf.d/a.conf')], '1.6', fallback)).toEqual([]);
    for (const series of ['1.6', '2.0', '2.1'] as const) {
      for (const text of ['bind_address ::\nsocket_domain ipv4\n', 'listener 1883 ::\nsocket_domain ipv4\n', 'listener 1883 127.0.0.1\nsocket_domain ipv6\n']) {
        for (const l of brokerListeners([conf(''), conf(text, 'conf.d/a.conf')], series, fallback)) expect(l.addresses.length).toBeGreaterThan(0);
      }
    }
  });
});
