/**
 * A task's module arguments as Ansible reads them (lib/ansible/parsing/mod_args.py): a mapping, or
 * free-form `key=value` words, then the task's `args:`; and the command text of `command`/`shell`/
 * `raw`, with each character mapped back to the task file so findings land on the playbook's line.
 */
import { isMap, isSeq } from 'yaml';
import type { SourceFile } from '../core/source.js';
import { MappedBuilder } from './text-map.js';
import type { MappedText } from './text-map.js';
import { get, mappedScalar, scalarText } from './playbook.js';

/** Ansible's free-form parameters of `command`/`shell` (modules/command.py): not part of the command. */
const COMMAND_PARAMS = /(^|\s)(?:chdir|creates|removes|executable|stdin|stdin_add_newline|strip_empty_ends|warn)=(?:"[^"]*"|'[^']*'|\S)*/g;

/** The command text of a `shell:`/`command:`/`raw:` task: free-form, `cmd:`, or `argv:` words quoted for a shell. */
export function commandBody(source: SourceFile, value: unknown, extra: unknown): MappedText | undefined {
  const free = mappedScalar(source, value);
  if (free) {
    // Same-length blanks keep every offset: the parameters are gone, the command's positions stay.
    const text = free.text.replace(COMMAND_PARAMS, (m, lead: string) => lead + ' '.repeat(m.length - lead.length));
    return { text, map: free.map };
  }
  const args = isMap(value) ? value : isMap(extra) ? extra : undefined;
  if (!args) return undefined;
  const cmd = mappedScalar(source, get(args, 'cmd')) ?? mappedScalar(source, get(args, '_raw_params'));
  if (cmd) return cmd;
  const argv = get(args, 'argv');
  if (!isSeq(argv)) return undefined;
  const builder = new MappedBuilder();
  let words = 0;
  for (const item of argv.items) {
    const word = mappedScalar(source, item);
    if (!word) return undefined;
    if (words++ > 0) builder.literal(' ', word.map[0]);
    // Each argv word is one word whatever it holds: quoted for the shell reader, `'` as `'\''`.
    builder.literal("'", word.map[0]);
    let from = 0;
    for (let i = word.text.indexOf("'"); i !== -1; i = word.text.indexOf("'", i + 1)) {
      builder.copy(word, from, i);
      builder.replace("'\\''", word.map[i], word.map[i] + 1);
      from = i + 1;
    }
    builder.copy(word, from, word.text.length);
    builder.literal("'", word.map[word.text.length]);
  }
  const built = builder.done();
  return built.text.length > 0 ? built : undefined;
}

/**
 * A module's arguments by name: a mapping's scalar values, or the `key=value` words of a free-form
 * string (quotes around a value removed), then `args:` for names not given.
 */
export function argsOf(source: SourceFile, value: unknown, extra: unknown): Map<string, MappedText> {
  const args = new Map<string, MappedText>();
  const fromMap = (map: unknown) => {
    if (!isMap(map)) return;
    for (const pair of map.items) {
      const key = scalarText(pair.key);
      const mapped = mappedScalar(source, pair.value);
      if (key !== undefined && mapped && !args.has(key)) args.set(key, mapped);
    }
  };
  const free = mappedScalar(source, value);
  if (free) {
    for (const [key, mapped] of keyValues(free)) if (!args.has(key)) args.set(key, mapped);
  } else fromMap(value);
  fromMap(extra);
  return args;
}

/** `src=a.j2 dest="/etc/x y" mode=0644`: words split at blanks outside quotes and Jinja tags. */
export function keyValues(text: MappedText): Map<string, MappedText> {
  const out = new Map<string, MappedText>();
  const s = text.text;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i])) i++;
    const start = i;
    let quote = '';
    let jinja = 0;
    while (i < s.length) {
      const c = s[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = '';
      } else if (c === '{' && (s[i + 1] === '{' || s[i + 1] === '%')) {
        jinja++;
        i++;
      } else if ((c === '}' || c === '%') && s[i + 1] === '}' && jinja > 0) {
        jinja--;
        i++;
      } else if (jinja === 0 && (c === '"' || c === "'")) quote = c;
      else if (jinja === 0 && /\s/.test(c)) break;
      i++;
    }
    const end = Math.min(i, s.length);
    const word = s.slice(start, end);
    const eq = word.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word.slice(0, eq))) {
      let a = start + eq + 1;
      let b = end;
      if (b - a >= 2 && (s[a] === '"' || s[a] === "'") && s[b - 1] === s[a]) {
        a++;
        b--;
      }
      out.set(word.slice(0, eq), { text: s.slice(a, b), map: text.map.slice(a, b + 1) });
    }
  }
  return out;
}
