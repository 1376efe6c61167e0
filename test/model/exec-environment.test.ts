/**
 * `$NAME` and `${NAME}` in a unit's ExecStart, filled from its Environment= and EnvironmentFile=
 * (systemd.service(5) "Command lines", replace_env_argv; systemd.exec(5) EnvironmentFile=): a value the
 * deployment does not hold stays decided at run time.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import { parseEnvironmentFile } from '../../src/parse/env-file.js';

const CONF = 'listener 1884\nallow_anonymous false\npassword_file /etc/mosquitto/passwd\n';
const SYSTEMD = 'edge/etc/systemd/system';

/** The edge class's listeners a unit owns, and where each is reported. */
async function unitListeners(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd' });
  return result.model.nodeClass('edge')!.listeners.filter((l) => !l.assumed && l.origin === 'unit').map((l) => {
    const at = resolveSpan(l.span);
    return `${l.address}:${l.port} ${l.owner} @${at.file}:${at.line}:${at.column}`;
  });
}

const unit = (...service: string[]) => ['[Unit]', 'Description=edge broker', '[Service]', ...service, 'Restart=always', ''].join('\n');

describe('a mosquitto unit whose ExecStart names its config through a variable', () => {
  const owned = [`0.0.0.0:1884 broker.service @edge/etc/mosquitto/site.conf:1:1`, `:::1884 broker.service @edge/etc/mosquitto/site.conf:1:1`];
  it.each([
    ['Environment= and $CONF', ['Environment=CONF=/etc/mosquitto/site.conf', 'ExecStart=/usr/sbin/mosquitto -c $CONF'], {}],
    ['Environment= and ${CONF}', ['Environment="CONF=/etc/mosquitto/site.conf"', 'ExecStart=/usr/sbin/mosquitto -c ${CONF}'], {}],
    ['$OPTS split at whitespace', ['Environment="OPTS=-c /etc/mosquitto/site.conf"', 'ExecStart=/usr/sbin/mosquitto $OPTS'], {}],
    ['${DIR} inside a word', ['Environment=DIR=/etc/mosquitto', 'ExecStart=/usr/sbin/mosquitto -c ${DIR}/site.conf'], {}],
    ['an environment file the repository mirrors', ['EnvironmentFile=/etc/default/broker', 'ExecStart=/usr/sbin/mosquitto -c $CONF'], { 'edge/etc/default/broker': '# where the broker reads its settings\nCONF="/etc/mosquitto/site.conf"\n' }],
    ['an environment file overriding Environment=', ['Environment=CONF=/etc/mosquitto/other.conf', 'EnvironmentFile=-/etc/default/%N', 'ExecStart=/usr/sbin/mosquitto -c $CONF'], { 'edge/etc/default/broker': 'CONF=/etc/mosquitto/site.conf\n' }],
  ])('%s: the unit reads the file', async (_name, service, extra) => {
    expect(await unitListeners({ 'edge/etc/mosquitto/site.conf': CONF, [`${SYSTEMD}/broker.service`]: unit(...service), ...extra })).toEqual(owned);
  });

  it.each([
    ['a variable the unit never sets', ['ExecStart=/usr/sbin/mosquitto -c $CONF'], {}],
    ['an environment file the repository does not hold', ['Environment=CONF=/etc/mosquitto/site.conf', 'EnvironmentFile=-/etc/default/broker', 'ExecStart=/usr/sbin/mosquitto -c $CONF'], {}],
    ['a name the unit unsets', ['Environment=CONF=/etc/mosquitto/site.conf', 'UnsetEnvironment=CONF', 'ExecStart=/usr/sbin/mosquitto -c $CONF'], {}],
    ['$NAME inside a longer word, which systemd passes as written', ['Environment=NAME=site', 'ExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/$NAME.conf'], {}],
    ['a value with a specifier', ['Environment=CONF=/etc/mosquitto/%i.conf', 'ExecStart=/usr/sbin/mosquitto -c $CONF'], {}],
    ['an environment file that exports (systemd drops the line)', ['EnvironmentFile=/etc/default/broker', 'ExecStart=/usr/sbin/mosquitto -c $CONF'], { 'edge/etc/default/broker': 'export CONF=/etc/mosquitto/site.conf\n' }],
  ])('%s: the config is not known, nothing is claimed for the unit', async (_name, service, extra) => {
    expect(await unitListeners({ 'edge/etc/mosquitto/site.conf': CONF, [`${SYSTEMD}/broker.service`]: unit(...service), ...extra })).toEqual([]);
  });

  it.each([
    ["<<'EOF'", ['0.0.0.0:1884 broker.service @edge/etc/mosquitto/site.conf:1:1', ':::1884 broker.service @edge/etc/mosquitto/site.conf:1:1']],
    // Unquoted, the script fills in ${CONF} (its own variable, unset here) before systemd reads the unit.
    ['<<EOF', []],
  ])('a unit an install script writes with %s', async (heredoc, owned) => {
    const script = ['#!/bin/sh', `cat > /etc/systemd/system/broker.service ${heredoc}`, unit('Environment=CONF=/etc/mosquitto/site.conf', 'ExecStart=/usr/sbin/mosquitto -c ${CONF}').trimEnd(), 'EOF', ''].join('\n');
    expect(await unitListeners({ 'edge/etc/mosquitto/site.conf': CONF, 'edge/install.sh': script })).toEqual(owned);
  });

  it.each([
    ['known', 'Environment=PORT=1885', ['127.0.0.1:1885', '::1:1885']],
    ['not known', 'EnvironmentFile=/etc/default/broker', []],
  ])('a port from the environment, %s: the local-only listener on it', async (_name, environment, addresses) => {
    const files = { [`${SYSTEMD}/broker.service`]: unit(environment, 'ExecStart=/usr/sbin/mosquitto -p ${PORT}') };
    expect(await unitListeners(files)).toEqual(addresses.map((a) => `${a} broker.service @${SYSTEMD}/broker.service:5:11`));
  });
});

describe('an environment file read as systemd reads it', () => {
  it.each([
    ['A=1', 'A', '1'],
    ['  A = spaced value   ', 'A', 'spaced value'],
    ['A="quoted \\"x\\" \\n"', 'A', 'quoted "x" \\n'],
    ["A='single $x'", 'A', 'single $x'],
    ['A="one "\'two\'', 'A', 'one two'],
    ['A=unquoted "quote" kept', 'A', 'unquoted "quote" kept'],
    ['A=line \\\n  continued', 'A', 'line   continued'],
    ['# A=commented\nB=2', 'B', '2'],
    ['; A=commented\r\nB=3', 'B', '3'],
    ['A=first\nA=second', 'A', 'second'],
  ])('%j: %s is %j', (text, name, value) => {
    expect(parseEnvironmentFile(new SourceFile('env', text, 'unknown')).values.get(name)?.value).toBe(value);
  });

  it.each([['# A=commented'], ['A'], ['1A=x'], ['export A=x']])('%j sets no A', (text) => {
    expect(parseEnvironmentFile(new SourceFile('env', text, 'unknown')).values.has('A')).toBe(false);
  });
});
