/** The one shape every output format, the Action and the library API are built from (SPEC §4, §6). */

export type Severity = 'error' | 'warning' | 'note';

export const SEVERITY_RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

/** The other side of a finding, e.g. the second listener of a port conflict. */
export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  helmSource?: string;
}

/** A text replacement in a root file (offsets into the file's text as read). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** What the fix does, in the imperative: "Set imagePullPolicy: IfNotPresent". */
  description: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path of the file, as given (relative to the working directory), `/`-separated. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For `helm template` output: the template the object came from (`chart/templates/x.yaml`). */
  helmSource?: string;
  messageId?: string;
  related?: RelatedLocation[];
  /** The deployment the finding belongs to: its root relative to cwd (`/`-separated, `.` for cwd), `ROOT#NAME` for a named group. */
  deployment?: string;
  /** A safe, unambiguous edit `--fix` may apply; offsets are into `file`'s text. */
  fix?: Fix;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
