/**
 * `mosquitto -d -p 1883`, `mosquitto -c /etc/mosquitto/mosquitto.conf -d`, `nohup mosquitto &` in an
 * install script: a broker on the host the script provisions, as surely as a unit running it would
 * be (sweep leftovers: package brokers started from scripts were not modelled). Read per mosquitto(8)
 * and src/conf.c `config__parse_args`: `-c FILE` reads a config, `-p PORT` (repeatable) sets the port
 * of the default listener, `-d` daemonizes, `-v`/`-q` change logging; `-h`/`--help`, `--version` and
 * any other option print and exit without starting a broker. What the broker binds from these is the
 * model's (listeners.ts `hostBrokerListeners`).
 */
import { located } from '../core/source.js';
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';

/** Options that take no value and change nothing bound. */
const PLAIN_FLAGS = new Set(['-d', '--daemon', '-v', '--verbose', '-q', '--quiet']);

/** `words[0]` is the mosquitto program word (after `sudo`, `nohup`, … resolved by the reader). */
export function readBrokerRun(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): void {
  const program = reader.pathValue(words[0]);
  if (!program) return;
  const ports: number[] = [];
  let configPath: ReturnType<ScriptReader['pathValue']>;
  let unknown = false;
  for (let i = 1; i < words.length; i++) {
    const flag = reader.literal(words[i]);
    // A word the run decides may be any option, a config included: what the broker binds is unknown.
    if (flag === undefined) {
      unknown = true;
      continue;
    }
    if (flag === '-c' || flag === '--config-file') {
      const value = words[i + 1] ? reader.pathValue(words[i + 1]) : undefined;
      i++;
      if (value) configPath = value;
      else unknown = true;
    } else if (flag === '-p' || flag === '--port') {
      const value = words[i + 1] ? reader.literal(words[i + 1]) : undefined;
      i++;
      // `atoi` then a 1–65535 check (src/conf.c): anything else stops mosquitto with an error.
      if (value === undefined) unknown = true;
      else if (/^[0-9]{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535) ports.push(Number(value));
      else return;
    } else if (flag === '--tls-keylog') i++;
    else if (!PLAIN_FLAGS.has(flag)) return;
  }
  reader.reading.brokers.push({ program: located(program.value, program.span), ...(configPath ? { configPath } : {}), ports, unknown, span: reader.stmtSpan(stmt) });
}
