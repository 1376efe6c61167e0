/**
 * What a K3s server runs on the nodes besides what the repository applies (data/k3s.json): ServiceLB's
 * DaemonSet for a LoadBalancer Service (the bundled Traefik's, or one of the repository's), with the
 * forwarding sysctls edged refuses (facts §Q5).
 */
import data from '../../data/k3s.json' with { type: 'json' };
import { compareMinor, minorOf } from './versions.js';

/** What the DaemonSet is rendered for. */
export interface ServiceLbFor {
  /** The Service's name and namespace. */
  service: string;
  namespace: string;
  /** `spec.ipFamilies` (IPv4, IPv6) in order: one sysctl each (servicelb.go newDaemonSet). */
  families: readonly string[];
  /** Some node carries `svccontroller.k3s.cattle.io/enablelb`: the pods go only where it is "true". */
  enableLbSelector: boolean;
}

/** The sysctl ServiceLB asks for per IP family of the Service. */
export function serviceLbSysctl(family: string): string | undefined {
  return (data.serviceLb.sysctlByFamily as Record<string, string | undefined>)[family];
}

/**
 * The DaemonSet as ServiceLB renders it, as YAML text. Its name is `svclb-<service>` (ServiceLB adds
 * the first 8 characters of the Service's UID, which no file holds).
 */
export function serviceLbDaemonSet(target: ServiceLbFor): string {
  const name = `svclb-${target.service.slice(0, 48).replace(/-+$/, '')}`;
  const sysctls = target.families.map(serviceLbSysctl).filter((s): s is string => s !== undefined);
  const lines: string[] = [];
  for (const line of data.serviceLb.manifest) {
    if (line.trim() === '{{sysctls}}') {
      const indent = line.slice(0, line.indexOf('{'));
      for (const sysctl of sysctls) lines.push(`${indent}- name: ${sysctl}`, `${indent}  value: "1"`);
    } else if (line.trim() === '{{nodeSelector}}') {
      const indent = line.slice(0, line.indexOf('{'));
      if (target.enableLbSelector) lines.push(`${indent}nodeSelector:`, `${indent}  ${data.serviceLb.enableLbLabel}: "true"`);
    } else lines.push(line.replaceAll('{{name}}', name).replaceAll('{{service}}', target.service).replaceAll('{{namespace}}', target.namespace));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Does a K3s release's ServiceLB ask for `net.ipv4.ip_forward`? `release` is what an installer is told
 * (`INSTALL_K3S_VERSION=v1.22.5+k3s1`, or a channel `v1.22`, taken as that minor's newest patch).
 * Undefined when it does not name a release (`stable`, `latest`, a value the run decides).
 */
export function setsIpv4Sysctl(release: string): boolean | undefined {
  const minor = minorOf(release);
  if (!minor) return undefined;
  if (compareMinor(release, data.ipv4SysctlFrom.minor) < 0) return false;
  const firstPatch = (data.ipv4SysctlFrom.patch as Record<string, number | undefined>)[minor.join('.')];
  const patch = /^\s*v?\d+\.\d+\.(\d+)/.exec(release)?.[1];
  return firstPatch === undefined || patch === undefined || Number(patch) >= firstPatch;
}

/** The node label whose presence on any node restricts ServiceLB's pods to the nodes where it is "true". */
export const ENABLE_LB_LABEL: string = data.serviceLb.enableLbLabel;
