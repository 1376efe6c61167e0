/**
 * mosquitto.conf: the directives as written, and the problems the broker would refuse them for.
 * What a broker of a given series binds with them is mosquitto-listeners.ts.
 *
 * Line syntax follows the broker's reader (mosquitto src/conf.c `config__read_file_core`): a line whose
 * first character is `#` is a comment, CR/LF are stripped, the rest is split on spaces; there is no
 * quoting and no continuation. Listener semantics follow mosquitto.conf(5), ChangeLog.txt 2.0.0
 * "Breaking changes" and src/conf.c / src/listeners.c; see `brokerListeners` (mosquitto-listeners.ts).
 */
import { filledAtRunTime, located, span, type Located, type SourceFile, type Span } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';

export interface MosquittoDirective {
  name: string;
  args: Located<string>[];
  /** The whole directive line without its terminator and trailing blanks. */
  span: Span;
  nameSpan: Span;
}

export interface MosquittoConfig {
  source: SourceFile;
  directives: MosquittoDirective[];
  problems: ParseProblem[];
  /** `include_dir` values (the rest of the line, trimmed), so the model can find the included files. */
  includeDirs: Located<string>[];
}

export type MosquittoSeries = '1.6' | '2.0' | '2.1';

export interface BrokerListener {
  /** 0 → unix socket or not bound; such listeners are not returned. */
  port: number;
  /** Concrete binds: `['0.0.0.0', '::']` for all interfaces, `['127.0.0.1', '::1']` for 2.x local-only mode. */
  addresses: string[];
  protocol: 'mqtt' | 'websockets' | 'http_api';
  anonymous: boolean;
  /** The `listener`/`port` directive, or for an implicit listener the given fallback span. */
  span: Span;
  /** The `allow_anonymous true` line that makes it anonymous, if any. */
  anonymousSpan?: Span;
  /** True for the default listener that exists without any `listener`/`port` line. */
  implicit: boolean;
}

export interface BrokerListenerOptions {
  /** Ports given with `-p` on the command line. */
  cmdPorts?: number[];
}

/** Directives whose value is the rest of the line (src/conf.c `conf__parse_string`, `include_dir`). */
const REST_OF_LINE = new Set(['include_dir', 'password_file', 'acl_file', 'psk_file', 'pid_file', 'persistence_location']);

export function parseMosquittoConf(source: SourceFile): MosquittoConfig {
  const directives: MosquittoDirective[] = [];
  const problems: ParseProblem[] = [];
  const includeDirs: Located<string>[] = [];
  const text = typeof source.text === 'string' ? source.text : '';
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    parseLine(source, text, lineStart, lineEnd, directives, problems, includeDirs);
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  return { source, directives, problems, includeDirs };
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v';
}

function parseLine(
  source: SourceFile,
  text: string,
  start: number,
  end: number,
  directives: MosquittoDirective[],
  problems: ParseProblem[],
  includeDirs: Located<string>[],
): void {
  // Trailing CR (CRLF files) and blanks are not part of any value: the broker strips CR/LF and
  // strtok drops trailing spaces.
  let stop = end;
  while (stop > start && isBlank(text[stop - 1])) stop--;
  let i = start;
  while (i < stop && isBlank(text[i])) i++;
  if (i >= stop || text[i] === '#') return;
  const tokens: Array<{ start: number; end: number }> = [];
  while (i < stop) {
    const tokenStart = i;
    while (i < stop && !isBlank(text[i])) i++;
    tokens.push({ start: tokenStart, end: i });
    while (i < stop && isBlank(text[i])) i++;
  }
  const nameTok = tokens[0];
  const name = text.slice(nameTok.start, nameTok.end);
  const args: Located<string>[] = [];
  if (REST_OF_LINE.has(name) && tokens.length > 1) {
    const restStart = tokens[1].start;
    args.push(located(text.slice(restStart, stop), span(source, restStart, stop)));
  } else {
    for (const tok of tokens.slice(1)) {
      // The broker treats a word starting with `#` after a listener's port as the start of a comment
      // (src/conf.c `listener`); the same reading is the only sensible one for other directives.
      if (text[tok.start] === '#') break;
      args.push(located(text.slice(tok.start, tok.end), span(source, tok.start, tok.end)));
    }
  }
  const directive: MosquittoDirective = {
    name,
    args,
    span: span(source, nameTok.start, stop),
    nameSpan: span(source, nameTok.start, nameTok.end),
  };
  directives.push(directive);
  checkDirective(directive, problems, includeDirs);
}

export function parsePort(value: string): number | undefined {
  // strtol(…, 0) in conf__parse_int accepts decimal, 0x hex and 0 octal; configs use decimal.
  if (!/^[+]?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A bind address no resolver can turn into an address: a text with characters neither a host name nor a
 * numeric IPv4/IPv6 address (zone included) holds, such as a placeholder left in (`<edge node IP>`).
 * The broker resolves a listener's address with getaddrinfo when it opens its listeners, and exits at
 * start ("Error creating listener: Name or service not known"); a `bind_address` it resolves while
 * reading the config, and refuses the file ("Error resolving bind_address"). Both mosquitto 2.0.11,
 * held to the real broker by test/system/mosquitto-oracle.test.ts. Template syntax (`${IP}`, `{{ ip }}`) is left alone: a tool edgelint
 * does not see may fill it before the broker reads the file.
 */
export function unresolvableHost(host: string): boolean {
  if (host.includes('$') || host.includes('{{')) return false;
  return /[^A-Za-z0-9._:%-]/.test(host);
}

/** The bind address of a `listener`/`bind_address` line as written: every word after `at`. */
function hostWords(d: MosquittoDirective, at: number): { text: string; span: Span } | undefined {
  const words = d.args.slice(at);
  if (words.length === 0) return undefined;
  const first = words[0].span;
  const last = words[words.length - 1].span;
  return { text: words.map((w) => w.value).join(' '), span: span(first.source, first.start, last.end) };
}

/** A bind address written in the file (not filled in at run time) that cannot resolve. */
export function unresolvable(word: Located<string>): boolean {
  return unresolvableHost(word.value) && !filledAtRunTime(word.span);
}

function checkHost(d: MosquittoDirective, at: number, problems: ParseProblem[]): void {
  const host = hostWords(d, at);
  if (!host || !unresolvableHost(d.args[at].value) || filledAtRunTime(host.span)) return;
  problems.push({
    message:
      d.name === 'bind_address'
        ? `\`bind_address\` \`${host.text}\` is no address or host name: the broker cannot resolve it and refuses the config ("Error resolving bind_address: Name or service not known")`
        : `\`listener\` bind address \`${host.text}\` is no address or host name: the broker cannot resolve it and exits at start ("Error creating listener: Name or service not known")`,
    span: host.span,
  });
}

function checkDirective(d: MosquittoDirective, problems: ParseProblem[], includeDirs: Located<string>[]): void {
  const first = d.args[0];
  const missing = (what: string): void => {
    problems.push({ message: `\`${d.name}\` needs ${what}`, span: d.span });
  };
  switch (d.name) {
    case 'listener': {
      if (!first) return missing('a port number');
      const port = parsePort(first.value);
      if (port === undefined || port > 65535) {
        problems.push({ message: `\`listener\` port \`${first.value}\` is not a port number (0-65535)`, span: first.span });
      } else if (port === 0 && !d.args[1]) {
        problems.push({ message: '`listener 0` must give a unix socket path', span: d.span });
      } else if (port !== 0) {
        checkHost(d, 1, problems);
      }
      return;
    }
    case 'port': {
      if (!first) return missing('a port number');
      const port = parsePort(first.value);
      if (port === undefined || port < 1 || port > 65535) {
        problems.push({ message: `\`port\` value \`${first.value}\` is not a port number (1-65535)`, span: first.span });
      }
      return;
    }
    case 'allow_anonymous':
    case 'per_listener_settings':
    case 'listener_allow_anonymous': {
      if (!first) return missing('`true` or `false`');
      if (parseBool(first.value) === undefined) {
        problems.push({ message: `\`${d.name}\` value \`${first.value}\` is not \`true\` or \`false\``, span: first.span });
      }
      return;
    }
    case 'socket_domain': {
      if (!first) return missing('`ipv4` or `ipv6`');
      if (first.value !== 'ipv4' && first.value !== 'ipv6') {
        problems.push({ message: `\`socket_domain\` value \`${first.value}\` is not \`ipv4\` or \`ipv6\``, span: first.span });
      }
      return;
    }
    case 'protocol': {
      if (!first) return missing('`mqtt`, `websockets` or `http_api`');
      if (!['mqtt', 'websockets', 'http_api'].includes(first.value)) {
        problems.push({ message: `\`protocol\` value \`${first.value}\` is not \`mqtt\`, \`websockets\` or \`http_api\``, span: first.span });
      }
      return;
    }
    case 'bind_address':
      if (!first) return missing('a value');
      checkHost(d, 0, problems);
      return;
    case 'password_file':
      if (!first) missing('a value');
      return;
    case 'include_dir':
      if (!first) return missing('a directory');
      includeDirs.push(first);
      return;
    default:
      return;
  }
}

export function parseBool(value: string): boolean | undefined {
  // conf__parse_bool accepts exactly these four spellings.
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}
