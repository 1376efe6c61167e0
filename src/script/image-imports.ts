/**
 * Image tarballs a script imports into a container runtime (`ctr images import`, `docker load`,
 * `nerdctl load`, `podman load`, `isula load`, `k3s ctr …`): the offline bundle of the node the script installs.
 * A tarball the same script wrote with `docker|nerdctl|podman save` holds the images saved into it.
 */
import { located } from '../core/source.js';
import type { Located, Span } from '../core/source.js';
import type { ImageImport, ImageSave, ScriptReading } from './reading.js';
import type { ScriptReader } from './script-reader.js';
import { skipOptions, soleSubstitutedCall } from './programs.js';
import { RedirOp } from './shell-syntax.js';
import type { ShStmt, ShWord } from './shell-syntax.js';
import { literalWord, soleParameter } from './words.js';

export function readImport(reader: ScriptReader, stmt: ShStmt, words: ShWord[], program: string): boolean {
  let i = 1;
  let runtime: ImageImport['runtime'];
  if (program === 'k3s') {
    // `k3s ctr …` is containerd's ctr built into k3s.
    if (reader.literal(words[1]) !== 'ctr') return false;
    i = 2;
    runtime = 'ctr';
  } else runtime = program as ImageImport['runtime'];
  let tarball: ShWord | undefined;
  if (runtime === 'ctr') {
    i = containerSubcommandIndex(reader, words, 'ctr', i);
    const group = reader.literal(words[i]);
    if (group !== 'images' && group !== 'image' && group !== 'i') return false;
    if (reader.literal(words[i + 1]) !== 'import') return false;
    const at = skipOptions(reader, words, i + 2, CTR_IMPORT_VALUE_OPTIONS, false);
    tarball = words[at];
  } else {
    i = containerSubcommandIndex(reader, words, runtime, i);
    if (reader.literal(words[i]) === 'image') i++;
    if (reader.literal(words[i]) === 'save') return readSave(reader, stmt, words, i + 1);
    if (reader.literal(words[i]) !== 'load') return false;
    for (let k = i + 1; k < words.length; k++) {
      const value = reader.literal(words[k]);
      if (value === '-i' || value === '--input') {
        tarball = words[k + 1];
        break;
      }
      if (value?.startsWith('--input=') || (value?.startsWith('-i') && value.length > 2 && !value.startsWith('--'))) {
        // `--input=F` / `-iF`: the path is part of this word; only a fully literal word is usable.
        const path = value.startsWith('--') ? value.slice('--input='.length) : value.slice(2);
        if (!path || /[*?[\]]/.test(path)) return openImport(reader, stmt);
        pushImport(reader, located(path, reader.wordSpan(words[k])), runtime, stmt);
        return true;
      }
    }
  }
  if (!tarball || reader.literal(tarball) === '-') {
    // `docker load < F`, `ctr images import - < F`: the tarball is standard input.
    const redirect = reader.stdinRedirect(stmt);
    tarball = redirect && redirect.Op === RedirOp.RdrIn && redirect.Word ? redirect.Word : undefined;
  }
  const value = tarball ? tarballValue(reader, tarball) : undefined;
  // An archive named by the run (`$dir/app-$arch.tar`, `$1`, a glob) is imported all the same: the
  // bundle holds images nothing here can name.
  if (!value) return tarball ? openImport(reader, stmt) : false;
  pushImport(reader, value, runtime, stmt);
  return true;
}

function openImport(reader: ScriptReader, stmt: ShStmt): true {
  reader.reading.openImports.push(reader.stmtSpan(stmt));
  return true;
}

function pushImport(reader: ScriptReader, tarball: Located<string>, runtime: ImageImport['runtime'], stmt: ShStmt): void {
  reader.reading.imports.push({ tarball, runtime, span: reader.stmtSpan(stmt) });
}

/**
 * A tarball word's value: its literal value; for `"$VAR"` where VAR is assigned exactly once to a
 * literal, that literal (located at the assignment, where the version is written); or from
 * `$(find … -name NAME.tar …)` with a literal NAME, that NAME (located at the `-name` argument). Any
 * other word made of literal text and variables assigned once resolves to its value at the word. A
 * name with glob characters stays unknown.
 */
function tarballValue(reader: ScriptReader, word: ShWord): Located<string> | undefined {
  const script = reader.script;
  const literal = literalWord(script, word);
  if (literal) return literal.pattern ? undefined : located(literal.value, reader.wordSpan(word));
  const param = soleParameter(script, word);
  const assigned = param === undefined ? undefined : reader.assignments.only(param);
  if (assigned) {
    const assignedLiteral = literalWord(script, assigned);
    if (assignedLiteral) return assignedLiteral.pattern ? undefined : located(assignedLiteral.value, reader.wordSpan(assigned));
    const call = soleSubstitutedCall(reader, assigned);
    if (call && reader.literal(call.Args[0]) === 'find') {
      for (let k = 1; k + 1 < call.Args.length; k++) {
        const flag = reader.literal(call.Args[k]);
        if (flag !== '-name' && flag !== '-iname') continue;
        const name = literalWord(script, call.Args[k + 1]);
        if (!name || /[*?[\]]/.test(name.value) || !/\.(tar|tar\.gz|tgz|tar\.zst)$/.test(name.value)) return undefined;
        return located(name.value, reader.wordSpan(call.Args[k + 1]));
      }
      return undefined;
    }
  }
  return reader.pathValue(word);
}

/**
 * `docker|nerdctl|podman [image] save [-o|--output FILE] IMAGE…` (docker-save(1), nerdctl save,
 * podman-save(1)): the archive goes to FILE, or without `-o` to standard output (`> FILE`). Recorded
 * when the path is known; the images are each literal or from variables assigned once, else unknown.
 */
function readSave(reader: ScriptReader, stmt: ShStmt, words: ShWord[], from: number): boolean {
  let output: string | undefined;
  let named = false;
  const images: ShWord[] = [];
  let options = true;
  for (let k = from; k < words.length; k++) {
    const value = reader.literal(words[k]) ?? reader.resolveWord(words[k], 0);
    if (options && value !== undefined && value.startsWith('-') && value !== '-') {
      if (value === '--') options = false;
      else if (value === '-o' || value === '--output') {
        named = true;
        output = k + 1 < words.length ? reader.pathValue(words[++k])?.value : undefined;
      } else if (value.startsWith('--output=') || /^-o[^-]/.test(value)) {
        named = true;
        // pflag reads `-o=FILE` as `-o FILE` (parseSingleShortArg).
        const path = value.slice(value.startsWith('--') ? '--output='.length : value[2] === '=' ? 3 : 2);
        output = path && !/[*?[\]]/.test(path) ? path : undefined;
      } else if (SAVE_VALUE_OPTIONS.has(value)) k++;
      continue;
    }
    images.push(words[k]);
  }
  if (!named) {
    const out = reader.stdout(stmt);
    output = out?.mode === 'create' ? out.path : undefined;
  }
  if (!output || images.length === 0) return false;
  const values: Array<Located<string>> = [];
  for (const word of images) {
    const value = imageValue(reader, word);
    if (!value) {
      reader.reading.saves.push({ tarball: tarballKey(output), images: undefined, span: reader.stmtSpan(stmt) });
      return true;
    }
    values.push(value);
  }
  reader.reading.saves.push({ tarball: tarballKey(output), images: values, span: reader.stmtSpan(stmt) });
  return true;
}

/**
 * An image operand's value: literal (located at the word); `"$IMAGE"` with IMAGE assigned once
 * (located at the assignment, where the tag is written); or literal text and variables assigned once
 * (located at the word).
 */
function imageValue(reader: ScriptReader, word: ShWord): Located<string> | undefined {
  const param = soleParameter(reader.script, word);
  const assigned = param === undefined ? undefined : reader.assignments.only(param);
  const at = assigned ?? word;
  const literal = literalWord(reader.script, at);
  const value = literal ? (literal.pattern ? undefined : literal.value) : reader.resolveWord(at, 0);
  return value ? located(value, reader.wordSpan(at)) : undefined;
}

/** One spelling per path: `./agent.tar` and `agent.tar` are one file. */
function tarballKey(path: string): string {
  return path.replace(/^(?:\.\/)+/, '');
}

/**
 * Gives each import the images of the last save of its tarball's path before it, in script order
 * (bodies of `bash -c` strings included: the reading is one script).
 */
export function noteSavedImages(reading: ScriptReading): void {
  if (reading.saves.length === 0 || reading.imports.length === 0) return;
  const at = (s: Span) => s.source.rootOffset(s.start);
  const saves = [...reading.saves].sort((a, b) => at(a.span) - at(b.span));
  const imports = [...reading.imports].sort((a, b) => at(a.span) - at(b.span));
  const latest = new Map<string, ImageSave>();
  let next = 0;
  for (const imported of imports) {
    const start = at(imported.span);
    for (; next < saves.length && at(saves[next].span) < start; next++) latest.set(saves[next].tarball, saves[next]);
    const images = latest.get(tarballKey(imported.tarball.value))?.images;
    if (images) imported.saved = images;
  }
}

/** docker / nerdctl / podman `save` options that take a value. */
const SAVE_VALUE_OPTIONS = new Set(['--platform', '--format']);

/** ctr global options that take a value (`ctr --help`). */
const CTR_GLOBAL_VALUE_OPTIONS = new Set(['-n', '--namespace', '-a', '--address', '--timeout', '--connect-timeout']);

/**
 * Where a container CLI's subcommand sits in `words` (program first, or from `from`): its global
 * options skipped with their values (`ctr -n k8s.io images …`, `docker -H tcp://… run …`).
 */
export function containerSubcommandIndex(reader: ScriptReader, words: ShWord[], program: string, from = 1): number {
  return skipOptions(reader, words, from, program === 'ctr' ? CTR_GLOBAL_VALUE_OPTIONS : RUNTIME_GLOBAL_VALUE_OPTIONS, false);
}

/** `ctr images import` options that take a value. */
const CTR_IMPORT_VALUE_OPTIONS = new Set(['--base-name', '--index-name', '--platform', '--snapshotter', '--label']);

/** docker / nerdctl / podman global options that take a value. */
const RUNTIME_GLOBAL_VALUE_OPTIONS = new Set([
  '-n',
  '--namespace',
  '-a',
  '--address',
  '-H',
  '--host',
  '-c',
  '--context',
  '--config',
  '-l',
  '--log-level',
  '--root',
  '--runroot',
  '--storage-driver',
  '--url',
  '--connection',
  '--data-root',
  '--cgroup-manager',
  '--snapshotter',
]);
