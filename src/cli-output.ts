/**
 * Standard output and standard error of the command line (src/cli.ts), written with `fs.writeSync`
 * when the descriptor is not a terminal (issue #13).
 *
 * `process.stdout` and `process.stderr` are created on first use: a `SyncWriteStream` for a file, a
 * `net.Socket` for a pipe, a `tty.WriteStream` for a terminal, and creating one loads Node's stream
 * modules (and `net` for a pipe) and compiles their functions. A one-file run paid that for a few
 * hundred bytes of report: ~9 M instructions for standard output on /dev/null, ~15 M for standard
 * error on a pipe (callgrind, `node -e` alone, a clean environment; `node -e 0` is ~86 M). For a file
 * Node's own stream writes with `writeSync` too (lib/internal/fs/sync_write_stream.js), and on Linux a
 * pipe's stream writes synchronously (https://nodejs.org/docs/latest-v20.x/api/process.html#a-note-on-process-io),
 * so the bytes and their order are the same.
 *
 * A terminal keeps the stream: the report asks it for its width and colours. A descriptor that
 * refuses a write with EAGAIN (a non-blocking pipe someone else set up) hands the rest to the stream,
 * which waits for it to drain.
 */
import { fstatSync, writeSync } from 'node:fs';

/** Linux's character-device major number of the memory devices (/dev/null, /dev/zero, /dev/full): never a terminal (Documentation/admin-guide/devices.txt). */
const MEMORY_DEVICES = 1;

/** Whether `fd` is a regular file, a pipe, a socket or a memory device such as /dev/null: no terminal. */
function notTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() || stat.isFIFO() || stat.isSocket()) return true;
    // Linux's dev_t: the major number is bits 8-19 (and 32-43, never set for these small numbers).
    return process.platform === 'linux' && stat.isCharacterDevice() && ((stat.rdev >> 8) & 0xfff) === MEMORY_DEVICES;
  } catch {
    return false;
  }
}

export class CliOutput {
  /** The first write error (an 'error' event of the stream, or what writeSync threw); nothing more is written after it. */
  error: NodeJS.ErrnoException | undefined;
  #direct: boolean | undefined;
  #stream: NodeJS.WriteStream | undefined;

  constructor(
    private readonly fd: 1 | 2,
    private readonly getStream: () => NodeJS.WriteStream,
  ) {}

  /** The stream, created on first use (and from then on written through, for order). */
  private get stream(): NodeJS.WriteStream {
    if (!this.#stream) {
      this.#stream = this.getStream();
      this.#stream.on('error', (error: NodeJS.ErrnoException) => {
        this.error ??= error;
      });
    }
    return this.#stream;
  }

  private get direct(): boolean {
    this.#direct ??= notTerminal(this.fd);
    return this.#direct;
  }

  get isTTY(): boolean {
    return !this.direct && this.stream.isTTY === true;
  }

  /** The terminal's width; undefined when this is no terminal. */
  get columns(): number | undefined {
    return this.isTTY && this.stream.columns > 0 ? this.stream.columns : undefined;
  }

  hasColors(): boolean {
    return this.isTTY && (this.stream.hasColors?.() ?? true);
  }

  /** Writes `text`; false when the stream's buffer is full (see drained()), as a stream's write() says. */
  write(text: string): boolean {
    if (this.error || !text) return true;
    if (!this.direct) return this.stream.write(text);
    let written = 0;
    let bytes: Buffer | undefined;
    try {
      written = writeSync(this.fd, text);
      if (written === Buffer.byteLength(text)) return true;
      // A short write (a signal, a pipe's buffer): the rest, by bytes.
      bytes = Buffer.from(text);
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        this.error ??= error as NodeJS.ErrnoException;
        return true;
      }
      this.#direct = false;
      bytes ??= Buffer.from(text);
      return this.stream.write(bytes.subarray(written));
    }
  }

  /** Resolves once the stream's buffer has drained or writing failed (at once when writing directly). */
  drained(): Promise<void> {
    if (this.direct || this.error) return Promise.resolve();
    const stream = this.stream;
    return new Promise<void>((done) => {
      // A pipe whose reader went away never drains: its 'error' ends the wait too.
      const finish = () => {
        stream.off('drain', finish);
        stream.off('error', finish);
        done();
      };
      stream.once('drain', finish);
      stream.once('error', finish);
    });
  }

  /** Resolves once everything written is handed on, or writing failed. */
  settled(): Promise<void> {
    if (this.direct || this.error || this.stream.destroyed) return Promise.resolve();
    const stream = this.stream;
    return new Promise((done) => {
      stream.once('error', () => done());
      stream.write('', () => done());
    });
  }
}

export const stdout = new CliOutput(1, () => process.stdout);
export const stderr = new CliOutput(2, () => process.stderr);
