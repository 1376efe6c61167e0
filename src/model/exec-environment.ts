/**
 * A service's command line with the variables systemd fills in from the unit's environment.
 *
 * systemd.service(5) "Command lines", replace_env_argv() in src/basic/env-util.c: a word that is `$NAME`
 * (the whole word after the `$`, not `${` or `$$`) becomes the variable's value split at whitespace
 * (quotes honoured, EXTRACT_UNQUOTE): zero or more words; anywhere else `${NAME}` is replaced by the
 * value as it is, inside one word, and `$$` by `$`; a `$NAME` inside a longer word stays as written.
 *
 * The environment is what the unit states (systemd.exec(5)): `Environment=` in order, then each
 * `EnvironmentFile=`, whose assignments override it. A value is known only when everything that may
 * set it is here: an environment file the deployment does not hold (or holds several candidates of)
 * may set any name, so every variable is then decided at run time; so is a name the unit unsets
 * (`UnsetEnvironment=`) or passes from the manager (`PassEnvironment=`), a value with a specifier
 * (`%`) or one a script fills in at run time (core/source.ts filledAtRunTime). A variable the unit
 * never sets is not "empty": the manager's own environment (DefaultEnvironment=) may set it. Whatever
 * is not known stays written as `$NAME`, which every reader of a command line takes as decided at run time.
 */
import { filledAtRunTime, located, span, type Located, type SourceFile, type Span } from '../core/source.js';
import { environmentOf } from '../parse/systemd-settings.js';
import type { SystemdUnit } from '../parse/systemd.js';
import { parseEnvironmentFile, type EnvFileValues } from '../parse/env-file.js';
import { basename, dirname } from './paths.js';

/** The unit's environment: the values known, or `open` when any name may be set by what is not here. */
export interface UnitEnvironment {
  values: ReadonlyMap<string, Located<string>>;
  open: boolean;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Environment files by path and by name, each read once per build. */
export class EnvFileIndex {
  private readonly byPath = new Map<string, SourceFile[]>();
  private readonly read = new Map<SourceFile, EnvFileValues>();

  constructor(files: readonly SourceFile[]) {
    for (const file of files) {
      const list = this.byPath.get(basename(file.path));
      if (list) list.push(file);
      else this.byPath.set(basename(file.path), [file]);
    }
  }

  /**
   * The one file the deployment holds at a host path: a file whose path ends with it (the repository
   * mirrors the host's tree, or a script writes it there), or else one beside the unit by the same name.
   * Undefined when there is none or more than one.
   */
  forPath(hostPath: string, unitFile: SourceFile): EnvFileValues | undefined {
    const wanted = hostPath.replace(/^\/+/, '');
    const named = this.byPath.get(basename(wanted)) ?? [];
    const mirrored = named.filter((f) => f.path.replace(/^\/+/, '') === wanted || f.path.endsWith(`/${wanted}`));
    const beside = mirrored.length > 0 ? mirrored : named.filter((f) => dirname(f.path) === dirname(unitFile.path));
    if (beside.length !== 1) return undefined;
    let values = this.read.get(beside[0]);
    if (!values) this.read.set(beside[0], (values = parseEnvironmentFile(beside[0])));
    return values;
  }
}

/** `%n` and `%N` (systemd.unit(5) "Specifiers") in an EnvironmentFile= path; undefined when another specifier stays. */
function environmentFilePath(value: string, unitName: string): string | undefined {
  const path = value.replace(/^-/, '').trim().replaceAll('%%', '\0').replaceAll('%N', unitName.replace(/\.[^.]+$/, '')).replaceAll('%n', unitName);
  return path.includes('%') || !path.startsWith('/') ? undefined : path.replaceAll('\0', '%');
}

/** The environment a service's command lines are filled from (see the module comment). */
export function unitEnvironment(unit: SystemdUnit, envFiles: EnvFileIndex): UnitEnvironment {
  const values = new Map<string, Located<string>>();
  for (const [name, value] of environmentOf(unit, 'Service')) values.set(name, value);
  let open = false;
  for (const entry of unit.getAll('Service', 'EnvironmentFile')) {
    // An empty EnvironmentFile= resets the list (config_parse_unit_env_file): earlier files are not read.
    if (entry.value.trim() === '') continue;
    const path = environmentFilePath(entry.value, unit.name);
    const file = path === undefined ? undefined : envFiles.forPath(path, unit.source);
    if (!file || file.exported.size > 0) {
      open = true;
      break;
    }
    for (const [name, value] of file.values) values.set(name, value);
  }
  if (!open && unit.getAll('Service', 'EnvironmentFile').some((e) => e.value.trim() === '')) open = true;
  for (const key of ['UnsetEnvironment', 'PassEnvironment']) {
    for (const entry of unit.getAll('Service', key)) for (const name of entry.value.split(/\s+/)) values.delete(name.replace(/=.*$/, ''));
  }
  for (const [name, value] of values) if (value.value.includes('%') || filledAtRunTime(value.span)) values.delete(name);
  return { values, open };
}

/** A value's characters as written in its file: a span per piece when the text maps one to one, else the whole. */
function pieceSpan(value: Located<string>, from: number, length: number): Span {
  const { span: at } = value;
  if (at.end - at.start !== value.value.length) return at;
  return span(at.source, at.start + from, at.start + from + length);
}

/** systemd's split of a `$NAME` value (EXTRACT_RELAX|EXTRACT_UNQUOTE): at whitespace, quotes honoured; with each piece's offset. */
function splitValue(text: string): Array<{ word: string; at: number; length: number }> | undefined {
  const words: Array<{ word: string; at: number; length: number }> = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let word = '';
    while (i < text.length && !/\s/.test(text[i])) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, i + 1);
        // A backslash in a value is an escape systemd resolves (cunescape); left to the run, as is an unclosed quote.
        if (close === -1) return undefined;
        word += text.slice(i + 1, close);
        i = close + 1;
      } else if (c === '\\') return undefined;
      else word += text[i++];
    }
    words.push({ word, at: start, length: i - start });
  }
  return words;
}

/**
 * `argv` (the program, then its arguments) with the variables the environment knows filled in in the
 * arguments (see the module comment). A word keeps its
 * text and span when a variable in it is not known, so the run decides it as before.
 */
export function expandArgv(argv: ReadonlyArray<Located<string>>, env: UnitEnvironment): Array<Located<string>> {
  const known = (name: string): Located<string> | undefined => (env.open ? undefined : env.values.get(name));
  // The program is not filled in: config_parse_exec() checks its path when the unit is loaded.
  const out: Array<Located<string>> = argv.slice(0, 1);
  for (const word of argv.slice(1)) {
    const text = word.value;
    // In a unit an unquoted heredoc writes, `$NAME` is the script's to fill in, before systemd reads the line.
    if (!text.includes('$') || filledAtRunTime(word.span)) {
      out.push(word);
      continue;
    }
    if (text[0] === '$' && text[1] !== '{' && text[1] !== '$') {
      const value = ENV_NAME.test(text.slice(1)) ? known(text.slice(1)) : undefined;
      const pieces = value ? splitValue(value.value) : undefined;
      if (!value || !pieces) out.push(word);
      else for (const piece of pieces) out.push(located(piece.word, pieceSpan(value, piece.at, piece.length)));
      continue;
    }
    let result = '';
    let whole: Located<string> | undefined;
    let unknown = false;
    const re = /\$\$|\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      result += text.slice(last, m.index);
      last = m.index + m[0].length;
      if (m[0] === '$$') {
        result += '$';
        continue;
      }
      const value = ENV_NAME.test(m[1]) ? known(m[1]) : undefined;
      if (!value) {
        unknown = true;
        break;
      }
      if (m.index === 0 && last === text.length) whole = value;
      result += value.value;
    }
    result += text.slice(last);
    if (unknown) out.push(word);
    // `${NAME}` as the whole word is the value as written: findings about it point there.
    else out.push(located(result, whole ? whole.span : word.span));
  }
  return out;
}
