/**
 * `sed -i` on a YAML file: a line edit (rule `script/yaml-line-edit`), with its one command parsed
 * the way GNU sed reads it (sed-script.ts). Options per the GNU sed manual, "Command-Line Options".
 */
import { located, span } from '../core/source.js';
import { YAML_PATH } from './file-writes.js';
import type { YamlLineEdit } from './reading.js';
import type { ScriptReader } from './script-reader.js';
import { parseSedScript, substitutionsOf } from './sed-script.js';
import type { ShStmt, ShWord } from './shell-syntax.js';
import { wordText } from './words.js';

/** The parts of a `sed` command line: in-place or not, the script pieces, the file operands. */
interface SedLine {
  inPlace: boolean;
  extended: boolean;
  /** Script pieces: a whole word, or the part of a word after `-e` / `--expression=`. */
  scripts: Array<{ word: ShWord; skip: number }>;
  scriptFromFile: boolean;
  operands: ShWord[];
}

export function parseSedLine(reader: ScriptReader, words: ShWord[]): SedLine {
  const line: SedLine = { inPlace: false, extended: false, scripts: [], scriptFromFile: false, operands: [] };
  let options = true;
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    const value = reader.literal(word);
    if (!options || value === undefined || !value.startsWith('-') || value === '-') {
      line.operands.push(word);
      continue;
    }
    if (value === '--') {
      options = false;
      continue;
    }
    if (value.startsWith('--')) {
      const eq = value.indexOf('=');
      const flag = eq === -1 ? value : value.slice(0, eq);
      if (flag === '--in-place') line.inPlace = true;
      else if (flag === '--regexp-extended') line.extended = true;
      else if (flag === '--expression') {
        if (eq !== -1) line.scripts.push({ word, skip: eq + 1 });
        else if (i + 1 < words.length) line.scripts.push({ word: words[++i], skip: 0 });
      } else if (flag === '--file') {
        line.scriptFromFile = true;
        if (eq === -1) i++;
      } else if (flag === '--line-length' && eq === -1) i++;
      continue;
    }
    // A cluster of short options (`-ri`, `-Ee`): `-i` takes the rest as a backup suffix, `-e`/`-f`/`-l`
    // take the rest or the next word.
    for (let k = 1; k < value.length; k++) {
      const c = value[k];
      if (c === 'i') {
        line.inPlace = true;
        break;
      }
      if (c === 'E' || c === 'r') line.extended = true;
      else if (c === 'e' || c === 'f' || c === 'l') {
        if (k + 1 === value.length) {
          if (i + 1 < words.length) {
            i++;
            if (c === 'e') line.scripts.push({ word: words[i], skip: 0 });
          }
        } else if (c === 'e') line.scripts.push({ word, skip: k + 1 });
        if (c === 'f') line.scriptFromFile = true;
        break;
      }
    }
  }
  if (line.scripts.length === 0 && !line.scriptFromFile && line.operands.length > 0) line.scripts.push({ word: line.operands.shift()!, skip: 0 });
  return line;
}

/** What a command substitution reads as inside a sed script: a value known only at run time, with no sed delimiter in it. */
const COMMAND_SUBSTITUTION = '$(…)';

export function readSed(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): boolean {
  const line = parseSedLine(reader, words);
  if (!line.inPlace) return false;
  const known = line.operands
    .map((w) => ({ word: w, path: reader.pathValue(w)?.value }))
    .filter((t): t is { word: ShWord; path: string } => t.path !== undefined);
  // Variables assigned once are read in (`"/edged:/a\    clusterDNS: ${EDGEMESH_DNS}"`); others stay as written.
  // A command substitution is one value bash puts in before sed reads the script, whatever its own text
  // holds (`$(awk '/Serial/ {print $3}' /proc/cpuinfo)` has slashes sed never sees): it stands as `$(…)`.
  const scripts = line.scripts.length > 0 && !line.scriptFromFile ? line.scripts.map((piece) => (reader.resolveWord(piece.word, 0) ?? wordText(reader.script, piece.word, COMMAND_SUBSTITUTION)).slice(piece.skip)) : [];
  // Each `-e s/…/…/` piece replaces text in every file, whatever its kind: placeholders filled at run time.
  // (An address only narrows the lines; every match is taken as replaced, which can only make a value unknown.)
  for (const piece of scripts) {
    for (const { pattern } of substitutionsOf(piece)) {
      for (const target of known) reader.reading.substitutions.push({ path: target.path, pattern, extended: line.extended, span: reader.stmtSpan(stmt) });
    }
  }
  const targets: Array<{ word: ShWord; path: string; openDirectory?: boolean }> = known.filter((t) => YAML_PATH.test(t.path));
  // A file under a directory the script computes (`${KUBEEDGE_ROOT}/_output/local/bin/edgecore.yaml`, the
  // root from `$(cd "$(dirname …)" && pwd)`) is still a YAML file edited as text (sweep22 M-1).
  for (const word of line.operands) {
    const open = known.some((t) => t.word === word) ? undefined : reader.openPathValue(word);
    if (open && YAML_PATH.test(open.value)) targets.push({ word, path: open.value, openDirectory: true });
  }
  if (targets.length === 0) return false;
  let sed: YamlLineEdit['sed'];
  if (scripts.length > 0) {
    // GNU sed joins the pieces of several -e with newlines into one script.
    const text = scripts.join('\n');
    const scriptSpan = span(reader.source, reader.start(line.scripts[0].word), reader.end(line.scripts[line.scripts.length - 1].word));
    sed = { ...parseSedScript(text), script: located(text, scriptSpan) };
    if (line.extended) sed.extended = true;
    if ((sed.command === 'r' || sed.command === 'R') && sed.file !== undefined) {
      const written = writtenText(reader, sed.file);
      const lines = written?.replace(/\n$/, '');
      // `R` inserts one line of the file per matching line: known only for a file of one line.
      if (lines !== undefined && lines !== '' && (sed.command === 'r' || !lines.includes('\n'))) {
        sed.command = 'a';
        sed.text = lines;
      }
    }
  }
  for (const target of targets) {
    const edit: YamlLineEdit = { tool: 'sed', target: reader.located(target.path, target.word), span: reader.stmtSpan(stmt) };
    if (target.openDirectory) edit.openDirectory = true;
    if (sed) edit.sed = sed;
    reader.reading.yamlEdits.push(edit);
  }
  return true;
}

/**
 * The text of `path` as the script has written it so far: its last `cat > PATH <<` (or `tee`) and the
 * heredoc appends after it; undefined when the script wrote no whole file there.
 */
function writtenText(reader: ScriptReader, path: string): string | undefined {
  const want = path.replace(/^\.\//, '');
  const writes = reader.reading.writes;
  let text: string | undefined;
  for (const write of writes) {
    if (write.path.replace(/^\.\//, '') !== want) continue;
    text = write.mode === 'create' ? write.text : text === undefined ? undefined : text + write.text;
  }
  return text;
}
