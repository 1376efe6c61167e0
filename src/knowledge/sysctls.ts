/**
 * What edged's vendored kubelet does with a pod's sysctls (pkg/kubelet/sysctl/allowlist.go,
 * safe_sysctls.go, namespace.go of the Kubernetes version vendored by the KubeEdge release).
 */
import sysctlData from '../../data/sysctls.json' with { type: 'json' };
import kubeedgeData from '../../data/kubeedge.json' with { type: 'json' };
import { KUBEEDGE_VERSIONS, compareMinor, inRange, minorOf } from './versions.js';
import { getOwn } from '../core/records.js';

export type SysctlNamespace = 'ipc' | 'net';

export class SysctlKnowledge {
  /** The newest KubeEdge minor the data knows (what an unset `kubeedgeVersion` means). */
  newestKubeEdge(): string {
    return kubeedgeData.newest;
  }

  /** The oldest KubeEdge minor the data (and the edgecore schemas) know. */
  oldestKubeEdge(): string {
    return KUBEEDGE_VERSIONS[0];
  }

  /**
   * Kubernetes version vendored by a KubeEdge version (`1.22` → `1.31.12`); the newest for unknown
   * versions, the oldest known for older ones: the safe list only grew (safe_sysctls.go), so an older
   * kubelet rejects at least what the oldest known one rejects.
   */
  kubernetesFor(kubeedgeVersion: string | undefined): string {
    const minor = kubeedgeVersion === undefined ? undefined : minorOf(kubeedgeVersion);
    const versions = kubeedgeData.versions as Record<string, { kubernetes: string }>;
    const oldest = KUBEEDGE_VERSIONS[0];
    const key = minor ? (compareMinor(`${minor[0]}.${minor[1]}`, oldest) < 0 ? oldest : `${minor[0]}.${minor[1]}`) : kubeedgeData.newest;
    return (getOwn(versions, key) ?? versions[kubeedgeData.newest]).kubernetes;
  }

  /** The safe list in force for a Kubernetes version. */
  safeList(kubernetesVersion: string): string[] {
    return sysctlData.safe.filter((s) => compareMinor(kubernetesVersion, s.since) >= 0).map((s) => s.name);
  }

  /** Sysctls are written with dots or slashes (`net/ipv4/ip_forward`); the kubelet compares dotted names. */
  normalise(name: string): string {
    const first = name.search(/[./]/);
    if (first === -1 || name[first] === '.') return name;
    return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
  }

  namespaceOf(name: string, kubernetesVersion: string): SysctlNamespace | undefined {
    const table = sysctlData.namespaced.find((t) => inRange(kubernetesVersion, t));
    if (!table) return undefined;
    const exact = getOwn(table.exact as Record<string, string>, name);
    if (exact) return exact as SysctlNamespace;
    for (const [prefix, ns] of Object.entries(table.prefixes as Record<string, string>)) {
      if (name.startsWith(prefix)) return ns as SysctlNamespace;
    }
    return undefined;
  }

  /** Does an `allowedUnsafeSysctls` entry admit `name`? Entries ending in `*` are prefixes. */
  patternMatches(pattern: string, name: string): boolean {
    const p = this.normalise(pattern);
    const star = p.indexOf('*');
    if (star !== -1) return name.startsWith(p.slice(0, star));
    return p === name;
  }

  /** The kubelet's rejection text for a version: `not allowlisted` (≥1.23) or `not whitelisted`. */
  notAllowedText(kubernetesVersion: string): string {
    return sysctlData.messages.notAllowed.find((m) => inRange(kubernetesVersion, m))?.text ?? 'not allowlisted';
  }

  hostNetText(kubernetesVersion: string): string {
    return sysctlData.messages.hostNet.find((m) => inRange(kubernetesVersion, m))?.text ?? 'not allowed with host Net enabled';
  }

  /** `not allowed with host ipc enabled` (≤1.28) or `… host IPC …`: the namespace name the kubelet prints. */
  hostIpcText(kubernetesVersion: string): string {
    return sysctlData.messages.hostIpc.find((m) => inRange(kubernetesVersion, m))?.text ?? 'not allowed with host IPC enabled';
  }
}
