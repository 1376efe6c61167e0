/**
 * Which lines of a file a sed address selects (GNU sed manual, "Addresses"): a line number, `$`, or a
 * regex — POSIX BRE/ERE with GNU's extensions, translated to a JavaScript RegExp and run within a
 * budget (regex-budget.ts), never a regex run unbounded on a script's say-so.
 */
import { getOwn } from '../core/records.js';
import { backtrackingDegree, RegexBudget } from './regex-budget.js';

/**
 * Lines (0-based) a single sed address selects; ranges and step addresses are not followed. A regex
 * whose run on these lines is not bounded (regex-budget.ts) selects none: where it lands is unknown.
 */
export function matchingLines(lines: readonly string[], address: string | undefined, extended: boolean, shared?: RegexBudget): number[] {
  if (address === undefined) return [];
  // A file ending in a newline has no line after it for sed.
  const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (/^\d+$/.test(address)) {
    const n = Number(address);
    return n >= 1 && n <= count ? [n - 1] : [];
  }
  if (address === '$') return count > 0 ? [count - 1] : [];
  const regex = addressRegex(address, extended);
  const degree = regex && backtrackingDegree(regex);
  if (!regex || degree === undefined) return [];
  const budget = new RegexBudget();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!budget.charge(degree, line.length) || (shared !== undefined && !shared.charge(degree, line.length))) return [];
    if (regex.test(line)) out.push(i);
  }
  return out;
}

/** `/RE/`, `/RE/I`, `\cREc` as a JavaScript RegExp; undefined for anything else. */
export function addressRegex(address: string, extended: boolean): RegExp | undefined {
  let delimiter = '/';
  let body: string;
  if (address.startsWith('/')) body = address.slice(1);
  else if (address.startsWith('\\') && address.length > 2) {
    delimiter = address[1];
    body = address.slice(2);
  } else return undefined;
  const close = body.lastIndexOf(delimiter);
  if (close < 0) return undefined;
  const flags = body.slice(close + 1);
  if (!/^[IM]*$/.test(flags)) return undefined;
  body = body.slice(0, close);
  const source = translateRegex(body, delimiter, extended);
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, flags.includes('I') ? 'i' : '');
  } catch {
    return undefined;
  }
}

const CLASSES: Record<string, string> = {
  space: '\\s',
  blank: ' \\t',
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/**
 * POSIX BRE/ERE (with the GNU extensions sed documents: `\+`, `\?`, `\|`, `\s`, `\w`, `\<`, `\>`) to
 * JavaScript syntax. In a BRE `( ) { } + ? |` are literal and their backslashed forms are operators.
 */
function translateRegex(re: string, delimiter: string, extended: boolean): string | undefined {
  let out = '';
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '[') {
      const end = bracketEnd(re, i);
      if (end < 0) return undefined;
      out += translateBracket(re.slice(i + 1, end));
      i = end;
      atStart = false;
      continue;
    }
    if (c === '\\') {
      const n = re[i + 1];
      if (n === undefined) return undefined;
      i++;
      if (n === delimiter) out += escapeLiteral(n);
      else if (!extended && '(){}+?|'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else if ('nt'.includes(n)) out += `\\${n}`;
      else if ('sSwWbB'.includes(n)) out += `\\${n}`;
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else out += escapeLiteral(n);
      atStart = !extended && n === '(';
      continue;
    }
    if (!extended && '(){}+?|'.includes(c)) out += `\\${c}`;
    else if (c === '*' && atStart) out += '\\*';
    else out += c;
    atStart = c === '^' || (extended && (c === '(' || c === '|'));
  }
  return out;
}

function bracketEnd(re: string, open: number): number {
  let i = open + 1;
  if (re[i] === '^') i++;
  if (re[i] === ']') i++;
  for (; i < re.length; i++) {
    if (re[i] === '[' && (re[i + 1] === ':' || re[i + 1] === '.' || re[i + 1] === '=')) {
      const close = re.indexOf(`${re[i + 1]}]`, i + 2);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    if (re[i] === ']') return i;
  }
  return -1;
}

function translateBracket(inner: string): string {
  let out = '[';
  let i = 0;
  if (inner[0] === '^') {
    out += '^';
    i = 1;
  }
  for (; i < inner.length; i++) {
    const c = inner[i];
    if (c === '[' && inner[i + 1] === ':') {
      const close = inner.indexOf(':]', i + 2);
      const name = inner.slice(i + 2, close);
      out += getOwn(CLASSES, name) ?? '';
      i = close + 1;
      continue;
    }
    // A backslash is an ordinary character inside a POSIX bracket expression; `]` and `[` need escaping in JS.
    out += c === '\\' || c === ']' || c === '[' ? `\\${c}` : c;
  }
  return `${out}]`;
}

function escapeLiteral(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
