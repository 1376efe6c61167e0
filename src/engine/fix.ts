/**
 * `--fix` and `--fix-dry-run`. Fixes are text edits rules declared safe; they are applied per file
 * from the end backwards so offsets stay valid, overlapping edits are skipped (the next run picks
 * them up), and a file is only written when the edited text still parses as well as before (a fix
 * never leaves a file that no longer parses). Files are replaced atomically: written beside the
 * original under an unpredictable name created exclusively, then renamed over it, in the original's
 * encoding, with its permissions (and owner, as root).
 */
import { closeSync, constants, fchmodSync, fchownSync, fstatSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { TextEdit } from '../core/finding.js';
import { isInside, readOpenFile, realpathOrUndefined } from '../core/fs-safe.js';
import { nodeCrypto } from '../core/lazy-builtins.js';
import { SourceFile } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { parseMosquittoConf } from '../parse/mosquitto.js';
import { parseUnitFile } from '../parse/systemd.js';
import { yamlDocuments } from '../parse/yaml.js';
import { findDuplicateKeys } from '../parse/yaml-duplicate-keys.js';
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
 * `real`, the path outsideTree resolved and judged (a symlink's target, never the link). Throws when
 * the file changed since it was linted, so an editor's unsaved-then-saved work is never lost, for a
 * file without its owner's write bit, and for a file with more than one hard link.
 *
 * `real` is opened with O_NOFOLLOW and judged by fstat on that descriptor, so a symlink planted
 * there after outsideTree looked (to /dev/zero, to a file outside the tree) is refused, not read or
 * compared; just before the rename the name must still be the inode that was read, unchanged (device,
 * inode, size, mtime) in a directory that still resolves to itself: a file swapped or saved meanwhile
 * is not clobbered. A hard link's other names live anywhere (link(2) needs no permission on the
 * target's directory), and a rename would silently split them, the fix reaching one name only; so a
 * file with st_nlink > 1 is not fixed, with a notice.
 *
 * The temporary name carries this process's id and random bytes and is created exclusively (O_EXCL):
 * a file already there — planted, or left by a run killed with -9 whose PID is reused (PID 1 in every
 * container) — is never written through nor deleted by this run. Such leftovers of dead runs of the
 * same user are removed when the next run fixes the same file.
 */
function replaceFile(real: string, expected: string, text: string): void {
  const { current, stat } = readUnfollowed(real);
  const decoded = decodeBytes(current);
  if (!decoded.ok || decoded.text !== expected) throw new Error('the file changed since it was read');
  const who = runningAs();
  if (!mayRewrite(stat, who)) throw new Error(who.uid === 0 || who.uid === stat.uid ? 'the file is read-only' : 'the file is not writable by this user');
  if (stat.nlink > 1) throw new Error(`the file has ${stat.nlink} hard links, and a fix would reach only this name (not written)`);
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
    if (!unchangedSince(real, stat)) throw new Error('the file changed since it was read');
    renameSync(temporary, real);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(temporary, { force: true });
    throw error;
  }
}

/** Who this process is to the kernel's permission check (POSIX only; elsewhere the owner-bit rule applies). */
export interface Identity {
  uid: number;
  groups: readonly number[];
}

function runningAs(): Identity {
  const uid = process.geteuid?.() ?? 0;
  const groups = process.getgroups?.() ?? [];
  const gid = process.getegid?.();
  return { uid, groups: gid === undefined ? groups : [gid, ...groups] };
}

/**
 * Whether a fix may replace this file. The rename that replaces it asks only for the directory's
 * write permission, so a user who may not write the file itself (root's 0644 file in a directory
 * anyone may write) would otherwise replace it, and own what replaced it. So the file's own bits are
 * asked the way the kernel asks them for a write (fs/namei.c generic_permission: the owner's class
 * for the owner, the group's for a member, the others' for the rest; ACLs not read). Root may write
 * anything, but a file its owner made read-only is still not rewritten behind their back. (Its stat
 * is typed by shape, not as node:fs's Stats: the package's declarations must compile without @types/node.)
 */
export function mayRewrite(stat: { mode: number; uid: number; gid: number }, who: Identity): boolean {
  if (who.uid === 0 || who.uid === stat.uid) return (stat.mode & 0o200) !== 0;
  if (who.groups.includes(stat.gid)) return (stat.mode & 0o020) !== 0;
  return (stat.mode & 0o002) !== 0;
}

/** The bytes and fstat of `real`, opened without following a symlink or blocking on a FIFO. */
function readUnfollowed(real: string): { current: Buffer; stat: Stats } {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    // ELOOP is what O_NOFOLLOW answers for a symlink: one planted after the path was judged.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new Error('the file changed since it was read (now a symlink)');
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('the file changed since it was read (now not a regular file)');
    return { current: readOpenFile(fd, stat.size), stat };
  } finally {
    closeSync(fd);
  }
}

/** `real` is still the inode `read` described, unmodified, in a directory that resolves to itself. */
function unchangedSince(real: string, read: Stats): boolean {
  try {
    const now = lstatSync(real);
    return (
      now.dev === read.dev && now.ino === read.ino && now.size === read.size && now.mtimeMs === read.mtimeMs &&
      realpathSync(dirname(real)) === dirname(real)
    );
  } catch {
    return false;
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
 * The real path to write, or why the file must not be written (SPEC §7: `--fix` writes only regular
 * files inside the linted tree). A file is only written when its real path lies inside the
 * deployment's root or the working directory: an explicitly named link to /etc/… is never fixed,
 * nor a file reached through a committed symlink to a directory outside (`link/x.service`, link →
 * /etc/systemd/system), whose path looks inside the tree but whose bytes are not.
 */
function outsideTree(target: string, tree: string, cwd: string): { real: string } | { refused: string } {
  let real: string;
  try {
    real = realpathSync(target);
  } catch (error) {
    return { refused: (error as NodeJS.ErrnoException).code ?? 'cannot be resolved' };
  }
  const roots = [tree, cwd].map((r) => realpathOrUndefined(r) ?? r);
  if (!roots.some((root) => isInside(root, real))) {
    return { refused: lstatSync(target).isSymbolicLink() ? 'a symlink to a file outside the linted tree (not written through)' : 'reached through a symlinked directory outside the linted tree (not written through)' };
  }
  if (!statSync(real).isFile()) return { refused: 'not a regular file' };
  return { real };
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
      const judged = outsideTree(resolve(options.cwd, file), treeOf(result, fixes.deployment, options.cwd), options.cwd);
      if ('refused' in judged) {
        skipped.push({ file, reason: judged.refused });
        continue;
      }
      try {
        replaceFile(judged.real, original, text);
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
