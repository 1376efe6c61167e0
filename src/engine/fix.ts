/**
 * `--fix` and `--fix-dry-run`. Fixes are text edits rules declared safe; they are applied per file
 * from the end backwards so offsets stay valid, overlapping edits are skipped (the next run picks
 * them up), and a file is only written when the edited text still parses as well as before (a fix
 * never leaves a file that no longer parses). Files are replaced atomically: written beside the
 * original under an unpredictable name created exclusively, then renamed over it, in the original's
 * encoding, with its permissions (and owner, as root).
 */
import { closeSync, fchmodSync, fchownSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { TextEdit } from '../core/finding.js';
import { isInside, realpathOrUndefined } from '../core/fs-safe.js';
import { nodeCrypto } from '../core/lazy-builtins.js';
import { SourceFile } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { parseMosquittoConf } from '../parse/mosquitto.js';
import { parseUnitFile } from '../parse/systemd.js';
import { findDuplicateKeys, yamlDocuments } from '../parse/yaml.js';
import { classify } from './classify.js';
import type { LintResult } from './lint.js';
import { decodeBytes } from './read.js';

export interface FixOutcome {
  applied: number;
  files: string[];
  /** Unified diff of every change (what --fix-dry-run prints). */
  diff: string;
  /** Files whose fixes were not applied, and why. */
  skipped: Array<{ file: string; reason: string }>;
}

export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const applied: TextEdit[] = [];
  const seen = new Set<string>();
  // Pieces from the end backwards, joined once: slicing the whole text per edit is quadratic.
  const pieces: string[] = [];
  let floor = text.length;
  let cursor = text.length;
  for (const edit of sorted) {
    if (edit.end > floor || edit.start < 0 || edit.end > text.length || edit.start > edit.end) continue;
    // Two insertions at one offset are the same fix reported twice (one container seen by two classes).
    const key = `${edit.start}\0${edit.end}\0${edit.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pieces.push(text.slice(edit.end, cursor), edit.text);
    cursor = edit.start;
    applied.push(edit);
    floor = edit.start;
  }
  pieces.push(text.slice(0, cursor));
  return { text: pieces.reverse().join(''), applied };
}

/**
 * How badly a text parses, by the kind edgelint reads it as: YAML errors (duplicate keys included, so a
 * fix that moves a key next to an existing one counts as worse), systemd and mosquitto parse problems.
 */
function parseProblemCount(path: string, text: string): number {
  const kind = classify(path, text);
  if (kind === 'yaml' || kind === 'tentative-yaml') {
    // Read as the lint read it (yaml.ts: documents over the parser's budget are one problem each, not
    // parsed), and repeated keys found per mapping, not by yaml's uniqueKeys: a 100 KB fixable
    // document beside 3 MB of nested `[` ran a 256 MB heap out, 80,000 keys in one mapping took 126 s.
    const source = new SourceFile(path, text, 'yaml');
    const problems: ParseProblem[] = [];
    let count = 0;
    for (const { doc } of yamlDocuments(source, problems)) count += doc.errors.length + findDuplicateKeys(source, doc).length;
    return count + problems.length;
  }
  if (kind === 'systemd') return parseUnitFile(new SourceFile(path, text, 'systemd')).problems.length;
  if (kind === 'mosquitto') return parseMosquittoConf(new SourceFile(path, text, 'mosquitto')).problems.length;
  return 0;
}

/** The bytes to write for `text` in the encoding the file was read in (read.ts strips the BOM it decodes). */
function encodeLike(original: Buffer, text: string): Buffer {
  if (original[0] === 0xff && original[1] === 0xfe) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (original[0] === 0xfe && original[1] === 0xff) return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/**
 * Replaces the file atomically: the new bytes go to a temporary file in the same directory (a rename
 * is only atomic within one file system), with the original's permission bits (a 0600 file must not
 * come back world-readable) and, when running as root, its owner and group; then it is renamed over
 * the real file (through a symlink, not over it). Throws when the file changed since it was linted, so
 * an editor's unsaved-then-saved work is never lost, and for a file without its owner's write bit.
 *
 * The temporary name carries this process's id and random bytes and is created exclusively (O_EXCL):
 * a file already there — planted, or left by a run killed with -9 whose PID is reused (PID 1 in every
 * container) — is never written through nor deleted by this run. Such leftovers of dead runs of the
 * same user are removed when the next run fixes the same file.
 */
function replaceFile(target: string, expected: string, text: string): void {
  const real = realpathSync(target);
  const current = readFileSync(real);
  const decoded = decodeBytes(current);
  if (!decoded.ok || decoded.text !== expected) throw new Error('the file changed since it was read');
  const stat = statSync(real);
  if ((stat.mode & 0o200) === 0) throw new Error('the file is read-only');
  removeStaleTemporaries(real);
  const temporary = join(dirname(real), `.${basename(real)}.edgelint-${process.pid}-${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temporary, 'wx', stat.mode & 0o7777);
    created = true;
    const bytes = encodeLike(current, text);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    if (process.getuid?.() === 0) fchownSync(fd, stat.uid, stat.gid);
    // The mode given to open() is reduced by the umask; set it exactly.
    fchmodSync(fd, stat.mode & 0o7777);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, real);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(temporary, { force: true });
    throw error;
  }
}

const TEMPORARY = /^\.(.+)\.edgelint-(\d+)(?:-[0-9a-f]{12})?\.tmp$/;

/** Temporaries for `file` left by dead edgelint runs of this user: regular files only, never followed. */
function removeStaleTemporaries(file: string): void {
  const name = basename(file);
  let entries: string[];
  try {
    entries = readdirSync(dirname(file));
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = TEMPORARY.exec(entry);
    if (!m || m[1] !== name || Number(m[2]) === process.pid || isAlive(Number(m[2]))) continue;
    const path = join(dirname(file), entry);
    try {
      const info = lstatSync(path);
      if (info.isFile() && info.uid === (process.getuid?.() ?? info.uid)) unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The deployment root a file was linted in (absolute), from its findings' `deployment`. */
function treeOf(result: LintResult, deployment: string | undefined, cwd: string): string {
  const entry = (result.deployments ?? []).find((d) => (d.name === undefined ? d.root : `${d.root}#${d.name}`) === deployment);
  return resolve(cwd, entry?.root ?? '.');
}

/**
 * Why a file must not be written, if it must not (SPEC §7: `--fix` writes only regular files inside
 * the linted tree). A symlink is only written through when its target resolves inside the
 * deployment's root or the working directory: an explicitly named link to /etc/… is never fixed.
 */
function outsideTree(target: string, tree: string, cwd: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(target);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'cannot be resolved';
  }
  if (lstatSync(target).isSymbolicLink()) {
    const roots = [tree, cwd].map((r) => realpathOrUndefined(r) ?? r);
    if (!roots.some((root) => isInside(root, real))) return 'a symlink to a file outside the linted tree (not written through)';
  }
  if (!statSync(real).isFile()) return 'not a regular file';
  return undefined;
}

export function applyFixes(result: LintResult, options: { write: boolean; cwd: string }): FixOutcome {
  const byFile = new Map<string, TextEdit[][] & { deployment?: string }>();
  for (const finding of result.findings) {
    if (!finding.fix?.edits.length) continue;
    const list = byFile.get(finding.file) ?? Object.assign([] as TextEdit[][], { deployment: finding.deployment });
    list.push(finding.fix.edits);
    byFile.set(finding.file, list);
  }
  let applied = 0;
  const files: string[] = [];
  const skipped: FixOutcome['skipped'] = [];
  let diff = '';
  for (const [file, fixes] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const original = result.sources.get(file);
    if (original === undefined) continue;
    const { text, applied: edits } = applyEdits(original, fixes.flat());
    if (text === original) continue;
    if (parseProblemCount(file, text) > parseProblemCount(file, original)) {
      skipped.push({ file, reason: 'the fixed file would not parse as well as before' });
      continue;
    }
    if (options.write) {
      const refused = outsideTree(resolve(options.cwd, file), treeOf(result, fixes.deployment, options.cwd), options.cwd);
      if (refused) {
        skipped.push({ file, reason: refused });
        continue;
      }
      try {
        replaceFile(resolve(options.cwd, file), original, text);
      } catch (error) {
        skipped.push({ file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
        continue;
      }
    }
    const done = new Set(edits);
    applied += fixes.filter((group) => group.every((e) => done.has(e))).length;
    files.push(file);
    diff += createTwoFilesPatch(`a/${file}`, `b/${file}`, original, text, undefined, undefined, { context: 3 });
  }
  return { applied, files, diff, skipped };
}
