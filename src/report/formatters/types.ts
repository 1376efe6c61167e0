import type { Severity } from '../../core/finding.js';

/** What a formatter knows about a rule that ran; built by the engine from `RuleModule`. */
export interface RuleInfo {
  id: string;
  description: string;
  severity: Severity;
  remediation: string;
  category: string;
  docsUrl?: string;
  /** The rule's markdown doc; may be long. */
  helpText?: string;
}

export interface FormatContext {
  /** Working directory; `finding.file` is already relative to it and `/`-separated. */
  cwd: string;
  /** Every rule that ran, including those without findings. */
  rules: RuleInfo[];
  toolVersion: string;
  /** File text by path, for code frames and SARIF fingerprints; may lack a file. */
  readSource?: (file: string) => string | undefined;
  /** `stylish` only; default false. */
  color?: boolean;
  /** `stylish` only: terminal columns every line fits in; default 100. */
  width?: number;
}
