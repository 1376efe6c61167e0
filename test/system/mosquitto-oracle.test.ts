/**
 * Oracle: `brokerListeners` checked against the real broker.
 *
 * Each case starts Debian's `mosquitto` binary (2.0.x, so series 2.0) with a config, reads the TCP
 * sockets the process actually listens on from /proc, and connects an anonymous MQTT 3.1.1 client to
 * each predicted bind. Ports are rewritten to free high ports (`listener`/`port` lines, `-p` in local-only
 * mode) and mapped back before comparing; nothing else in the config changes except paths the broker
 * writes (pid, persistence, log, include_dir). Part of `npm run test:system`; .ci/run installs mosquitto first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SourceFile, span } from '../../src/core/source.js';
import { parseMosquittoConf, type BrokerListener, type MosquittoSeries } from '../../src/parse/mosquitto.js';
import { brokerListeners } from '../../src/parse/mosquitto-listeners.js';
import { corpus } from './corpus.js';


const WAIT_MS = 5000;

function brokerVersion(): string {
  const probe = spawnSync('mosquitto', ['-h'], { encoding: 'utf8', timeout: WAIT_MS });
  if (probe.error) {
    throw new Error(
      `The mosquitto oracle needs the real broker: \`mosquitto\` is not on PATH (${probe.error.message}). Install it with \`apt-get install -y mosquitto\`.`,
    );
  }
  const m = /mosquitto version (\d+\.\d+\.\d+)/.exec(`${probe.stdout}${probe.stderr}`);
  if (!m) throw new Error(`Cannot read the mosquitto version from \`mosquitto -h\`: ${probe.stdout}${probe.stderr}`);
  return m[1];
}

// ------------------------------------------------------------------------------------------------
// Sockets of a process, from /proc
// ------------------------------------------------------------------------------------------------

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // fd closed between readdir and readlink
    }
  }
  return inodes;
}

function hexV4(hex: string): string {
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

function hexV6(hex: string): string {
  // /proc/net/tcp6 prints the address as four host-order (little-endian) 32-bit words.
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** `address:port` of every TCP socket in LISTEN state the process holds. */
function listeningSockets(pid: number): string[] {
  const inodes = socketInodes(pid);
  const out: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', hexV4],
    ['/proc/net/tcp6', hexV6],
  ] as const) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9])) continue;
      const [addr, port] = cols[1].split(':');
      out.push(`${decode(addr)}:${parseInt(port, 16)}`);
    }
  }
  return out.sort();
}

// ------------------------------------------------------------------------------------------------
// Ports, processes, MQTT
// ------------------------------------------------------------------------------------------------

const usedPorts = new Set<number>();

/** A port free on every address (dual-stack wildcard bind), not handed out before. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen({ port: 0, host: '::', ipv6Only: false }, () => {
        const address = server.address();
        const p = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(p));
      });
    });
    if (port > 1024 && !usedPorts.has(port)) {
      usedPorts.add(port);
      return port;
    }
  }
}

interface Running {
  child: ChildProcess;
  log: () => string;
}

const running: Running[] = [];

async function startBroker(args: string[]): Promise<Running> {
  const child = spawn('mosquitto', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += String(d)));
  child.stderr!.on('data', (d) => (log += String(d)));
  const r: Running = { child, log: () => log };
  running.push(r);
  const deadline = Date.now() + WAIT_MS;
  while (!/mosquitto version \S+ running/.test(log)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`mosquitto exited (${child.exitCode ?? child.signalCode}):\n${log}`);
    if (Date.now() > deadline) throw new Error(`mosquitto did not report running within ${WAIT_MS} ms:\n${log}`);
    await new Promise((res) => setTimeout(res, 25));
  }
  return r;
}

async function stopBroker(r: Running): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  const exited = new Promise<void>((res) => r.child.once('exit', () => res()));
  r.child.kill('SIGTERM');
  const timer = setTimeout(() => r.child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** MQTT 3.1.1 CONNECT with a client id, no credentials, clean session, keepalive 60 s. */
function connectPacket(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const variable = Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c]);
  const payload = Buffer.concat([Buffer.from([id.length >> 8, id.length & 255]), id]);
  const remaining = variable.length + payload.length;
  return Buffer.concat([Buffer.from([0x10, remaining]), variable, payload]);
}

/** The CONNACK return code an anonymous client gets (0 accepted, 5 not authorised). */
function anonymousConnack(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no CONNACK from ${host}:${port} within ${WAIT_MS} ms`));
    }, WAIT_MS);
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`connect to ${host}:${port}: ${e.message}`));
    });
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 4) {
        clearTimeout(timer);
        socket.destroy();
        if (data[0] !== 0x20 || data[1] !== 0x02) reject(new Error(`not a CONNACK: ${data.toString('hex')}`));
        else resolve(data[3]);
      }
    });
    socket.on('close', () => {
      if (data.length < 4) {
        clearTimeout(timer);
        reject(new Error(`${host}:${port} closed the connection without CONNACK`));
      }
    });
    socket.connect({ host, port }, () => socket.write(connectPacket(`edgelint-oracle-${port}`)));
  });
}

const clientHost = (bind: string): string => (bind === '0.0.0.0' ? '127.0.0.1' : bind === '::' ? '::1' : bind);

// ------------------------------------------------------------------------------------------------
// Cases
// ------------------------------------------------------------------------------------------------

const workRoot = mkdtempSync(join(tmpdir(), 'edgelint-oracle-'));
chmodSync(workRoot, 0o755);

interface OracleCase {
  name: string;
  /** Series whose prediction is compared: the binary is 2.0, so 2.1 only where the semantics coincide. */
  series: MosquittoSeries;
  main: string;
  /** Files of `/etc/mosquitto/conf.d`, for configs with `include_dir /etc/mosquitto/conf.d`. */
  includes?: Array<{ name: string; text: string }>;
  cmdPorts?: number[];
  /** Lines the 2.0 binary cannot run (2.1-only options), dropped from the run, not from the prediction. */
  dropForRun?: RegExp;
  /** What the prediction must look like before it is run: guards against a vacuous comparison. */
  predicted: string[];
}

const debianConf = corpus('debian/bookworm/mosquitto_2.0.11-1.2+deb12u2/etc/mosquitto/mosquitto.conf');

const cases: OracleCase[] = [
  {
    name: 'eclipse-mosquitto 2.0.22 image default config (all comments): local only',
    series: '2.0',
    main: corpus('eclipse-mosquitto/v2.0.22/mosquitto.conf'),
    predicted: ['127.0.0.1,::1:1883 anon'],
  },
  {
    name: "Debian's /etc/mosquitto/mosquitto.conf with an empty conf.d: local only",
    series: '2.0',
    main: debianConf,
    includes: [],
    predicted: ['127.0.0.1,::1:1883 anon'],
  },
  {
    name: "Debian's config + conf.d listener on loopback",
    series: '2.0',
    main: debianConf,
    includes: [{ name: 'local.conf', text: 'listener 1883 127.0.0.1\nallow_anonymous true\n' }],
    predicted: ['127.0.0.1:1883 anon'],
  },
  {
    name: "Debian's config + conf.d wildcard listener without allow_anonymous",
    series: '2.0',
    main: debianConf,
    includes: [{ name: 'wild.conf', text: 'listener 1883\n' }],
    predicted: ['0.0.0.0,:::1883 auth'],
  },
  {
    name: '2.0 image /mosquitto-no-auth.conf',
    series: '2.0',
    main: corpus('eclipse-mosquitto/5217863b/docker/2.0/mosquitto-no-auth.conf'),
    predicted: ['0.0.0.0,:::1883 anon'],
  },
  {
    // 2.1 semantics checked only where they coincide with 2.0: the mqtt listener. The http_api
    // listener (2.1 only) is dropped from the run and from the comparison.
    name: '2.1 image config, mqtt listener (2.1 prediction, where 2.0 and 2.1 coincide)',
    series: '2.1',
    main: corpus('eclipse-mosquitto/5b74cce8/docker/2.1-alpine/mosquitto.conf'),
    dropForRun: /^(listener 9883|protocol http_api|http_dir .*)$/,
    predicted: ['0.0.0.0,:::1883 anon', '0.0.0.0,:::9883 anon http_api'],
  },
  { name: 'listener with an address', series: '2.0', main: 'listener 1883 127.0.0.1\n', predicted: ['127.0.0.1:1883 auth'] },
  {
    name: 'two listeners, global allow_anonymous',
    series: '2.0',
    main: 'listener 1883 127.0.0.1\nlistener 1884\nallow_anonymous true\n',
    predicted: ['127.0.0.1:1883 anon', '0.0.0.0,:::1884 anon'],
  },
  // One `-p` only: Debian's 2.0.11 dies with SIGSEGV when given two `-p` ports in local-only mode.
  { name: 'no listener, started with -p', series: '2.0', main: '# no listener\n', cmdPorts: [1884], predicted: ['127.0.0.1,::1:1884 anon'] },
  { name: 'no config file at all (-p only)', series: '2.0', main: '', cmdPorts: [1886], predicted: ['127.0.0.1,::1:1886 anon'] },
  {
    name: 'deprecated port + bind_address',
    series: '2.0',
    main: 'bind_address 127.0.0.1\nport 1884\nallow_anonymous true\n',
    predicted: ['127.0.0.1:1884 anon'],
  },
  { name: 'deprecated port alone binds all interfaces', series: '2.0', main: 'port 1884\n', predicted: ['0.0.0.0,:::1884 auth'] },
  {
    name: 'allow_anonymous per listener',
    series: '2.0',
    main: 'per_listener_settings true\nlistener 1883 127.0.0.1\nallow_anonymous true\nlistener 1884 127.0.0.1\n',
    predicted: ['127.0.0.1:1883 anon', '127.0.0.1:1884 auth'],
  },
  {
    name: 'socket_domain ipv4',
    series: '2.0',
    main: 'listener 1883\nsocket_domain ipv4\nallow_anonymous true\n',
    predicted: ['0.0.0.0:1883 anon'],
  },
  {
    name: 'CRLF line endings and trailing blanks',
    series: '2.0',
    main: 'listener 1883 127.0.0.1  \r\nallow_anonymous true\r\n',
    predicted: ['127.0.0.1:1883 anon'],
  },
];

const summary = (ls: BrokerListener[]): string[] =>
  ls.map((l) => `${l.addresses.join(',')}:${l.port} ${l.anonymous ? 'anon' : 'auth'}${l.protocol === 'mqtt' ? '' : ` ${l.protocol}`}`);

describe('mosquitto oracle', () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map(stopBroker));
  });
  afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

  it('the real broker is installed and is a 2.0.x build', () => {
    expect(brokerVersion()).toMatch(/^2\.0\.\d+$/);
  });

  it.each([
    ['a placeholder left in a listener line', (port: number) => `listener ${port} <edge node private IP>\nallow_anonymous true\n`],
    ['a placeholder as bind_address', (port: number) => `port ${port}\nbind_address <edge-ip>\n`],
  ])('an unresolvable bind address: edgelint reports it, and the broker exits at start (%s)', async (_title, conf) => {
    brokerVersion();
    const port = await freePort();
    const text = conf(port);
    const parsed = parseMosquittoConf(new SourceFile('/etc/mosquitto/mosquitto.conf', text, 'mosquitto'));
    expect(parsed.problems.map((p) => p.message)).toEqual([expect.stringMatching(/(bind address|bind_address`) `<.*>` is no address or host name/)]);
    expect(brokerListeners([parsed], '2.0', span(parsed.source, 0, 0)).map((l) => l.port)).toEqual([]);
    const dir = mkdtempSync(join(workRoot, 'unresolvable-'));
    const path = join(dir, 'mosquitto.conf');
    writeFileSync(path, text);
    const run = spawnSync('mosquitto', ['-c', path], { encoding: 'utf8', timeout: WAIT_MS });
    expect(run.status, `${run.stdout}${run.stderr}`).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/Error creating listener|Error resolving bind_address/);
  });

  it.each(cases)('$name', async (c) => {
    brokerVersion();
    const dir = mkdtempSync(join(workRoot, 'case-'));
    chmodSync(dir, 0o777);
    const confDir = join(dir, 'conf.d');
    mkdirSync(confDir);
    chmodSync(confDir, 0o755);

    // The model reads the files as deployed.
    const mainSource = new SourceFile('/etc/mosquitto/mosquitto.conf', c.main, 'mosquitto');
    const confs = [parseMosquittoConf(mainSource), ...(c.includes ?? []).map((f) => parseMosquittoConf(new SourceFile(`/etc/mosquitto/conf.d/${f.name}`, f.text, 'mosquitto')))];
    const predicted = brokerListeners(confs, c.series, span(mainSource, 0, 0), { cmdPorts: c.cmdPorts });
    expect(summary(predicted)).toEqual(c.predicted);
    const comparable = predicted.filter((l) => l.protocol === 'mqtt');

    // Every predicted port maps to a free one; `-p` carries the local-only ports.
    const portMap = new Map<number, number>();
    for (const l of predicted) if (!portMap.has(l.port)) portMap.set(l.port, await freePort());
    const mapPort = (p: string) => String(portMap.get(Number(p)) ?? p);
    const rewrite = (text: string): string =>
      text
        .split('\n')
        .filter((line) => !(c.dropForRun && c.dropForRun.test(line.replace(/\r$/, ''))))
        .map((line) =>
          line
            .replace(/^(\s*(?:listener|port)\s+)(\d+)/, (_m, head: string, p: string) => head + mapPort(p))
            .replace(/^pid_file .*$/, `pid_file ${join(dir, 'mosquitto.pid')}`)
            .replace(/^persistence_location .*$/, `persistence_location ${dir}/`)
            .replace(/^log_dest .*$/, 'log_dest stderr')
            .replace(/^include_dir .*$/, `include_dir ${confDir}`),
        )
        .join('\n');
    const args: string[] = [];
    if (c.main !== '' || c.includes) {
      const mainPath = join(dir, 'mosquitto.conf');
      writeFileSync(mainPath, rewrite(c.main));
      for (const f of c.includes ?? []) writeFileSync(join(confDir, f.name), rewrite(f.text));
      args.push('-c', mainPath);
    }
    if (predicted.every((l) => l.implicit)) for (const l of predicted) args.push('-p', mapPort(String(l.port)));

    const broker = await startBroker(args);
    const actual = listeningSockets(broker.child.pid!);
    const expected = comparable.flatMap((l) => l.addresses.map((a) => `${a}:${portMap.get(l.port)}`)).sort();
    expect(actual, broker.log()).toEqual(expected);

    for (const l of comparable) {
      for (const address of l.addresses) {
        const rc = await anonymousConnack(clientHost(address), portMap.get(l.port)!);
        expect(rc, `${address}:${l.port} (run as ${portMap.get(l.port)})\n${broker.log()}`).toBe(l.anonymous ? 0 : 5);
      }
    }
  });
});
