/**
 * Ansible's line edits (`lineinfile:`, `replace:`, `blockinfile:`; src/ansible/line-edit.ts) as an
 * install script's `sed -i` is read (script/sed-edits.ts): an edit of a YAML file is a YamlLineEdit
 * for rule script/yaml-line-edit, and the text an edit rewrites in a file the deployment writes — a
 * `copy: content:`, a heredoc of a `shell:` task, a tree file a `template:`/`copy:` places — is what
 * the run decides (SourceOrigin.runtime), as a placeholder a script's `sed -i s/…/…/` fills in is:
 * no rule judges the value the edit replaces.
 */
import { located, span } from '../core/source.js';
import type { SourceFile } from '../core/source.js';
import { appendTo, mergeRanges } from '../core/arrays.js';
import { changedRanges } from '../ansible/line-edit.js';
import type { AnsibleStep } from '../ansible/tasks.js';
import type { ScriptReading, VirtualFileWrite, YamlLineEdit } from '../script/reading.js';
import type { RegexBudget } from '../script/regex-budget.js';

export type LineEditStep = Extract<AnsibleStep, { kind: 'line-edit' }>;

/** The files a line edit of YAML is about (script/file-writes.ts YAML_PATH). */
const YAML_PATH = /\.ya?ml$/i;
/** Delimiters tried for the `s` command a `replace:` task stands for. */
const DELIMITERS = ['|', '#', '@', '%', '!', ',', '~', ':', '/'];

/** Reads one line-edit step into `reading`: the YAML edit it is, and its effect on files written before it. */
export function readLineEdit(source: SourceFile, step: LineEditStep, reading: ScriptReading, searched: RegexBudget): void {
  markWrites(step, reading, searched);
  if (!YAML_PATH.test(step.path)) return;
  const at = span(source, step.at[0], step.at[1]);
  const edit: YamlLineEdit = { tool: step.module, target: located(step.path, span(source, step.pathAt[0], step.pathAt[1])), span: at, ansible: step.args };
  const args = step.args;
  if (step.module === 'replace' && !args.unknown && args.regexp !== undefined) {
    const replacement = pythonReplacement(args.replace ?? '');
    const delimiter = replacement === undefined ? undefined : DELIMITERS.find((d) => !args.regexp!.includes(d) && !replacement.includes(d));
    if (replacement !== undefined && delimiter !== undefined) {
      const script = `s${delimiter}${args.regexp}${delimiter}${replacement}${delimiter}g`;
      edit.sed = { command: 's', pattern: args.regexp, script: located(script, at), extended: true };
    }
  } else if (step.module === 'blockinfile' && !args.unknown) {
    const block = args.block ?? '';
    const where = args.insertbefore ?? args.insertafter;
    if (where === undefined || where === 'EOF') {
      edit.appended = block.endsWith('\n') ? block : `${block}\n`;
    } else {
      const before = args.insertbefore !== undefined;
      const address = where === 'BOF' ? '1' : regexAddress(where);
      if (address !== undefined) {
        edit.sed = { command: before || where === 'BOF' ? 'i' : 'a', address, text: block.replace(/\n$/, ''), script: located(block, at), extended: true, lastMatch: args.firstmatch ? 'first' : 'last' };
      }
    }
  }
  reading.yamlEdits.push(edit);
}

/** `\cREGEXc` with a delimiter the pattern does not hold (GNU sed manual, "Regexp Addresses"). */
function regexAddress(pattern: string): string | undefined {
  const delimiter = DELIMITERS.find((d) => !pattern.includes(d));
  return delimiter === undefined ? undefined : delimiter === '/' ? `/${pattern}/` : `\\${delimiter}${pattern}${delimiter}`;
}

/**
 * A Python `re.sub` replacement as sed writes the same text: `\g<N>` is `\N`, a named group is not
 * followed (undefined), and `&`, which sed reads as the whole match, is a literal `&` in Python.
 */
function pythonReplacement(text: string): string | undefined {
  if (/\\g<[^0-9>]/.test(text)) return undefined;
  return text.replace(/\\g<(\d)>/g, '\\$1').replace(/&/g, '\\&');
}

/**
 * The writes of the edited path before this edit: the text it changes there is filled in at run time
 * (the last whole write and the appends after it, as the file stands when the task runs).
 */
function markWrites(step: LineEditStep, reading: ScriptReading, searched: RegexBudget): void {
  const writes = reading.writes;
  const own = writesOf(reading).get(step.path);
  if (!own) return;
  let first = -1;
  for (const i of own) if (writes[i].mode === 'create' || first === -1) first = i;
  const pieces: Array<{ index: number; start: number }> = [];
  let text = '';
  for (const i of own) {
    if (i < first) continue;
    pieces.push({ index: i, start: text.length });
    text += writes[i].text;
  }
  const ranges = changedRanges(text, step.module, step.args, searched);
  if (ranges.length === 0) return;
  for (const { index, start } of pieces) {
    const write: VirtualFileWrite = writes[index];
    const end = start + write.text.length;
    const own: Array<[number, number]> = [];
    for (const [a, b] of ranges) if (a < end && b > start) own.push([Math.max(a, start) - start, Math.min(b, end) - start]);
    if (own.length > 0) writes[index] = { ...write, expansions: mergeRanges([...write.expansions.map(([a, b]): [number, number] => [a, b]), ...own]) };
  }
}

/** Each reading's writes by path, indexed as they are appended (a write is replaced in place, never removed). */
const writeIndex = new WeakMap<ScriptReading, { indexed: number; byPath: Map<string, number[]> }>();

/** The indexes of `reading.writes` by path: one pass over the writes for all the edits (hostile13: a pass per edit, 10,000 edits and 10,000 writes). */
function writesOf(reading: ScriptReading): Map<string, number[]> {
  let index = writeIndex.get(reading);
  if (!index) {
    index = { indexed: 0, byPath: new Map() };
    writeIndex.set(reading, index);
  }
  for (; index.indexed < reading.writes.length; index.indexed++) appendTo(index.byPath, reading.writes[index.indexed].path, index.indexed);
  return index.byPath;
}

/**
 * What the line edits of a placed file's destination rewrite in its rendered text: ranges filled in
 * at run time. Edits are those of every task list but the placing one's edits before the placement.
 */
export function placedRuntime(text: string, edits: readonly LineEditStep[], searched: RegexBudget): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const edit of edits) for (const range of changedRanges(text, edit.module, edit.args, searched)) ranges.push(range);
  return mergeRanges(ranges);
}
