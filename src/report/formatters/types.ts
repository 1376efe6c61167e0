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
  /** `json` and `sarif`: the deployments of the run, written as run-level data when given. */
  deployments?: readonly DeploymentInfo[];
}

/** A deployment as reports describe it: where it is rooted and which KubeEdge release judged it. */
export interface DeploymentInfo {
  /** The root directory relative to cwd, `/`-separated, `.` for cwd. */
  root: string;
  /** For a named group of a config's `deployments:`. */
  name?: string;
  /** The config file it used, relative to cwd. */
  config?: string;
  /** How many files it linted. */
  files: number;
  kubeedgeVersion: string;
  /** No `kubeedgeVersion` was configured: the newest release edgelint knows stood in. */
  kubeedgeVersionAssumed: boolean;
}
