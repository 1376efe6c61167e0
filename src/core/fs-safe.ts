/**
 * Reading files of an untrusted repository without letting it choose what is read. A committed
 * symlink can point at `/dev/zero`, `/dev/urandom` or a FIFO: opened normally those grow without end
 * or block forever. So every file is opened with O_NONBLOCK (open(2): a FIFO opened for reading
 * returns at once instead of waiting for a writer), checked with fstat on the open descriptor (no
 * window between the check and the read), refused unless it is a regular file, and read up to the
 * size fstat reported and never past the cap.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

export type RegularRead = { ok: true; bytes: Buffer } | { ok: false; reason: string; code?: string };
export type RegularText = { ok: true; text: string } | RegularRead;

export function readRegularFile(path: string, maxBytes: number): RegularRead {
  return read(path, maxBytes, false) as RegularRead;
}

/**
 * As readRegularFile, but text that is plainly UTF-8 comes back as a string the runtime decoded
 * without a JavaScript Buffer (Node 20's `readFileSync(fd, 'utf8')`): the bytes of a 111 MB Helm
 * stream held as a Buffer stayed alive, unreferenced, until the next full garbage collection,
 * after the parse (+111 MB at the run's peak). Text holding what decodeBytes judges (a NUL, a
 * replacement character, which is also what invalid UTF-8 decodes to, a BOM) comes back as bytes,
 * as does a file that grew past the size fstat reported.
 */
export function readRegularText(path: string, maxBytes: number): RegularText {
  return read(path, maxBytes, true);
}

function read(path: string, maxBytes: number, asText: boolean): RegularText {
  let fd: number | undefined;
  try {
    // O_NONBLOCK is only meaningful for FIFOs and devices; on a regular file it changes nothing.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: `not a regular file (${kindOf(stat)}; not read)`, code: 'ENOTREG' };
    if (stat.size > maxBytes) return { ok: false, reason: `file is ${stat.size} bytes, over the ${maxBytes}-byte limit`, code: 'EFBIG' };
    if (asText) {
      const text = readFileSync(fd, 'utf8');
      if (text.length <= stat.size && text.indexOf('\0') === -1 && text.indexOf('\ufffd') === -1 && text.charCodeAt(0) !== 0xfeff) return { ok: true, text };
    }
    return { ok: true, bytes: readOpenFile(fd, stat.size) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: `file cannot be read (${code ?? String(error)})`, code };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/** `child` is `parent` or below it (both absolute, already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** realpath, or undefined when the path (or a link on the way) does not resolve (ENOENT, ELOOP, EACCES). */
export function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The path is itself a symbolic link (not followed). */
export function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Paths for reports are `/`-separated. Only on Windows is `\` a separator: on POSIX it is an ordinary
 * character of a file name (`a\b.yaml` is one file), so converting it there would name another file.
 */
export function toPosixPath(path: string): string {
  return sep === '\\' ? path.split('\\').join('/') : path;
}

/** Control characters of a file name shown as `\xNN`, so a notice naming it stays one line. */
export function printablePath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Up to `size` bytes of the open file `fd` from its start: fewer when the file shrank since its fstat. */
export function readOpenFile(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, buffer, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}
