/**
 * Which KubeEdge release a deployment runs, from the deployment itself when `.edgelint.yaml` does not
 * say: what its install scripts install by name (the release tarball, keadm's, a release download
 * URL, `keadm join --kubeedge-version=`) and the `edgecoreVersion` an edgecore.yaml carries (edgecore
 * writes it from v1.21 on, facts §1.1). One place for every version-dependent check: the edgecore
 * schemas, script edits of keadm's edgecore.yaml, the sysctls edged admits, and the notices.
 */
import type { Span } from '../core/source.js';
import { resolveSpan } from '../core/source.js';
import type { EdgecoreConfig } from './edgecore.js';
import { lookup, statedEdgecoreVersion } from './edgecore.js';
import { minorOf } from '../knowledge/versions.js';

export interface ReleaseEvidence {
  /** `1.13` */
  minor: string;
  /** As written, without a leading `v`: `1.13.0`. */
  version: string;
  span: Span;
  /** What states it: `the release tarball kubeedge-v1.13.0-linux-amd64.tar.gz`. */
  how: string;
}

/** `v1.13.0`, `1.13`, `1.13.0-rc.1` → `1.13`; undefined for anything else. */
function minorOfRelease(version: string): string | undefined {
  const minor = minorOf(version);
  return minor ? `${minor[0]}.${minor[1]}` : undefined;
}

export function evidence(version: string, span: Span, how: string): ReleaseEvidence | undefined {
  const minor = minorOfRelease(version);
  return minor ? { minor, version: version.trim().replace(/^v/, ''), span, how } : undefined;
}

/** The `edgecoreVersion` of an edgecore.yaml as evidence, located at its value. */
export function edgecoreVersionEvidence(config: EdgecoreConfig): ReleaseEvidence | undefined {
  const stated = statedEdgecoreVersion(config.value);
  if (stated === undefined) return undefined;
  const at = lookup(config, ['edgecoreVersion']).value?.span ?? config.span;
  return evidence(stated, at, `its edgecoreVersion ${stated}`);
}

/**
 * A directory of the config's path named after a release: `v1.9.2/config/edgecore.yaml` in a repository
 * that keeps one config per release it upgrades through (`/etc/kubeedge/upgrade/v1.10.0/config/…`), or
 * the unpacked release tarball `kubeedge-v1.13.0-linux-amd64/…` (sweep4 FP-1). A bare `1.2.0/` is left
 * out: it is as often a project's own version.
 */
const RELEASE_DIRECTORY = /^(?:kubeedge-)?v(1\.\d{1,3}(?:\.\d{1,4})?)(?:-linux-[\w-]+)?$/;

export function pathReleaseEvidence(config: EdgecoreConfig): ReleaseEvidence | undefined {
  const path = config.source.path;
  const directories = path.split('/').slice(0, -1);
  for (let i = directories.length - 1; i >= 0; i--) {
    const m = RELEASE_DIRECTORY.exec(directories[i]);
    if (m) return evidence(m[1], config.span, `its path (${directories.slice(i).join('/')}/…)`);
  }
  return undefined;
}

/** What the file itself says of its release: its `edgecoreVersion`, else a release directory on its path. */
export function ownReleaseEvidence(config: EdgecoreConfig): ReleaseEvidence | undefined {
  return edgecoreVersionEvidence(config) ?? pathReleaseEvidence(config);
}

/** `install.sh:16:7` for a message. */
export function where(e: ReleaseEvidence): string {
  const at = resolveSpan(e.span);
  return `${at.file}:${at.line}:${at.column}`;
}

export interface DeploymentRelease {
  /** The one release the deployment states, when its evidence agrees on one minor. */
  minor?: string;
  /** All of it, in model order. */
  evidence: ReleaseEvidence[];
}

export function deploymentRelease(evidence: ReleaseEvidence[]): DeploymentRelease {
  const minors = new Set(evidence.map((e) => e.minor));
  return minors.size === 1 ? { minor: evidence[0].minor, evidence } : { evidence };
}

export interface ReleaseInUse {
  /** `major.minor`; undefined when nothing states one (each check then assumes the newest it knows). */
  minor?: string;
  from: 'config' | 'file' | 'deployment' | 'none';
  /** For `file` and `deployment`: what states it (the first piece of agreeing evidence). */
  evidence?: ReleaseEvidence;
  /** For `none`: the minors the deployment states when they disagree (empty when it states none). */
  stated?: string[];
}

/**
 * The release a config (or, without one, the deployment) is judged by: `kubeedgeVersion` in
 * `.edgelint.yaml`, else what the file says of itself (its `edgecoreVersion`, a release directory on its
 * path), else the one release the deployment states.
 */
export function releaseInUse(configured: string | undefined, deployment: DeploymentRelease, config?: EdgecoreConfig): ReleaseInUse {
  const fromConfig = configured === undefined ? undefined : minorOfRelease(configured);
  if (fromConfig) return { minor: fromConfig, from: 'config' };
  const own = config && !config.assumed ? ownReleaseEvidence(config) : undefined;
  if (own) return { minor: own.minor, from: 'file', evidence: own };
  if (deployment.minor) return { minor: deployment.minor, from: 'deployment', evidence: deployment.evidence[0] };
  return { from: 'none', stated: [...new Set(deployment.evidence.map((e) => e.minor))] };
}

/** The release the deployment is judged by when it states one: configured, else the deployment's own. */
export function statedRelease(configured: string | undefined, deployment: DeploymentRelease): string | undefined {
  return configured ?? deployment.minor;
}
