/**
 * What a K3s server runs on every node besides what the repository applies (data/k3s.json): the
 * ServiceLB DaemonSet for the bundled Traefik's LoadBalancer Service, with the `net.ipv4.ip_forward`
 * sysctl edged refuses (facts §Q5).
 */
import data from '../../data/k3s.json' with { type: 'json' };

/** The `svclb-traefik` DaemonSet as ServiceLB renders it, as YAML text. */
export function serviceLbDaemonSet(): string {
  return `${data.serviceLb.manifest.join('\n')}\n`;
}
