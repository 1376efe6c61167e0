/**
 * Source files and positions.
 *
 * Everything the model holds points back into a `SourceFile` by character offsets (`Span`); offsets
 * become 1-based line/column only when a finding is reported. Virtual files (a heredoc inside an
 * install script) keep a link to the file they were cut from, so a finding in the heredoc lands on the
 * script's own lines.
 */
import { firstIndex } from './arrays.js';
import { lineIndex } from './line-index.js';
import type { LineIndex } from './line-index.js';

/** What a file was recognised as. */
export type SourceKind =
  | 'yaml' // any YAML stream: Kubernetes objects, edgecore config, or neither
  | 'systemd' // a unit or a drop-in
  | 'mosquitto' // mosquitto.conf
  | 'shell' // an install script
  | 'image-list' // an offline bundle list named in config
  | 'unknown';

/** 1-based line and column. Columns count UTF-16 code units, as editors and SARIF do. */
export interface Position {
  line: number;
  column: number;
}

/** Maps an offset in a virtual file to an offset in the file it was cut from. */
export interface SourceOrigin {
  parent: SourceFile;
  toParentOffset(offset: number): number;
  /**
   * Ranges of this virtual file's text (sorted, disjoint, end exclusive) that the script writing it
   * fills in at run time: expansions kept as their source text in an unquoted heredoc (`${CLOUD_IP}`)
   * and placeholders a later `sed -i 's|__CLOUD_IP__|…|'` replaces. What is written there is not the
   * value the consumer will read.
   */
  runtime?: ReadonlyArray<readonly [number, number]>;
  /**
   * The task that puts this file in place (an Ansible `template:`/`copy:` of a file under the role's
   * templates/ or files/): a finding in the file names it as a related location, since the template
   * alone does not say where it lands or which play renders it.
   */
  placedBy?: { at: Span; message: string };
}

export class SourceFile {
  private lines: LineIndex | undefined;
  /**
   * For a repository file an install script copies and then fills in (`cp TEMPLATE DEST; sed -i
   * 's|__X__|…|' DEST`): the ranges of its text (sorted, disjoint, end exclusive) the script fills in
   * at run time, as SourceOrigin.runtime does for the files a script writes. Set once all files are read.
   */
  runtime?: ReadonlyArray<readonly [number, number]>;
  /**
   * Why a reader of YAML beside the linted files (parse/side-yaml.ts: a K3s configuration, a compose
   * file, a kustomization, a vars file) did not read this file: over the parser's budget. Read by the
   * engine, which names the file in a notice rather than leave its settings silently unapplied.
   */
  unread?: string;

  constructor(
    /** Path as given by the user (or the virtual path written by a script), `/`-separated. */
    readonly path: string,
    readonly text: string,
    readonly kind: SourceKind,
    /** Set for virtual files: where their text really lives. */
    readonly origin?: SourceOrigin,
  ) {}

  /** The file a reader can open: the script for a heredoc, the file itself otherwise. */
  get root(): SourceFile {
    return this.origin ? this.origin.parent.root : this;
  }

  /** An offset in this file mapped to an offset in `root`. */
  rootOffset(offset: number): number {
    if (!this.origin) return offset;
    return this.origin.parent.rootOffset(this.origin.toParentOffset(offset));
  }

  /** 1-based position of an offset in this file's own text. */
  positionAt(offset: number): Position {
    const lines = this.lineIndex();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = lines.lineAt(clamped);
    return { line: line + 1, column: clamped - lines.startOf(line) + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  offsetOfLine(line: number): number {
    const lines = this.lineIndex();
    if (line <= 1) return 0;
    if (line > lines.count) return this.text.length;
    return lines.startOf(line - 1);
  }

  /** The text of a 1-based line without its terminator. */
  lineText(line: number): string {
    const lines = this.lineIndex();
    if (line < 1 || line > lines.count) return '';
    const start = lines.startOf(line - 1);
    const end = line < lines.count ? lines.startOf(line) : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, '');
  }

  get lineCount(): number {
    return this.lineIndex().count;
  }

  private lineIndex(): LineIndex {
    this.lines ??= lineIndex(this.text);
    return this.lines;
  }
}

/** A half-open range `[start, end)` of character offsets in one source file. */
export interface Span {
  readonly source: SourceFile;
  readonly start: number;
  readonly end: number;
}

/** A value read from a file, with the place it was read from. */
export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

export function span(source: SourceFile, start: number, end: number): Span {
  return { source, start, end: Math.max(start, end) };
}

/**
 * Does `at` overlap text a script fills in at run time (SourceOrigin.runtime)? Followed up through
 * the virtual files it was cut from (a document of a heredoc stream is a piece of the heredoc's file).
 */
export function filledAtRunTime(at: Span): boolean {
  let source: SourceFile | undefined = at.source;
  let start = at.start;
  let end = Math.max(at.end, at.start + 1);
  for (let depth = 0; source && depth < 8; depth++) {
    const ranges = source.origin ? source.origin.runtime : source.runtime;
    if (ranges && ranges.length > 0) {
      // The first range ending after `start`, then whether it starts before `end`.
      const first = firstIndex(ranges.length, (i) => ranges[i][1] > start);
      if (first < ranges.length && ranges[first][0] < end) return true;
    }
    const origin: SourceOrigin | undefined = source.origin;
    if (!origin) break;
    const mappedStart = origin.toParentOffset(start);
    end = origin.toParentOffset(end - 1) + 1;
    start = mappedStart;
    source = origin.parent;
  }
  return false;
}

export function located<T>(value: T, at: Span): Located<T> {
  return { value, span: at };
}

/** A resolved, reportable range: the root file's path and 1-based start/end positions. */
export interface ResolvedRange {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function resolveSpan(at: Span): ResolvedRange {
  const root = at.source.root;
  const start = root.positionAt(at.source.rootOffset(at.start));
  // The end offset is exclusive; map the last character so a virtual file's end stays on its line.
  const endOffset = at.end > at.start ? at.source.rootOffset(at.end - 1) + 1 : at.source.rootOffset(at.start);
  const end = root.positionAt(endOffset);
  return { file: root.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The span of a whole file's first line: where file-level findings point. */
export function fileStartSpan(source: SourceFile): Span {
  // A lone CR ends a line too (see lineStarts), so the first line stops at whichever comes first.
  const firstLineEnd = source.text.search(/[\r\n]/);
  return span(source, 0, firstLineEnd === -1 ? source.text.length : firstLineEnd);
}
