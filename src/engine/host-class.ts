/**
 * The node class a host-side file (script, unit, mosquitto.conf, compose file) belongs to when no
 * `hosts:` entry of .edgelint.yaml names it. Real repositories keep both halves of a deployment side
 * by side (`cloud.sh` beside `edge.sh`, `docker-compose-cloud.yml` beside `docker-compose-edge.yml`):
 * what a cloud-host file binds or imports is the control-plane node's, never an edge node's.
 *
 * 1. An edgecore config is always an edge node's (edgecore runs nowhere else).
 * 2. A script's own commands decide first: starting a control plane (`keadm init`, `kubeadm init`,
 *    `k3s server`, cloudcore) with nothing that makes an edge node (`keadm join`, edgecore) is the
 *    cloud host's; anything joining an edge node is the edge's (src/script/host-side.ts).
 * 3. Otherwise the path: the segment nearest the file (its name, then its directories) that says a
 *    side by a whole word decides. `cloud`, `cloudcore`, `master`, `control-plane` say cloud; `edge`,
 *    `edgecore`, `edged`, `edgenode` say edge, and so do `cloud-init`/`cloud-config`: cloud-init
 *    provisions the edge devices themselves. A segment saying both sides says nothing.
 * 4. Anything else is the edge's (SPEC §1: host-side files are the edge nodes' by default).
 */
export type HostSide = 'cloud' | 'edge';

const CLOUD_WORDS = new Set(['cloud', 'cloudcore', 'master', 'controlplane']);
const EDGE_WORDS = new Set(['edge', 'edges', 'edgecore', 'edged', 'edgenode', 'edgenodes', 'cloudinit', 'cloudconfig']);

export function defaultHostSide(path: string, kind: string | undefined, scriptSide: HostSide | undefined): HostSide {
  if (kind === 'edgecore') return 'edge';
  if (scriptSide) return scriptSide;
  const segments = path.split('/');
  for (let i = segments.length - 1; i >= 0; i--) {
    const side = sideOfSegment(i === segments.length - 1 ? withoutExtension(segments[i]) : segments[i]);
    if (side) return side;
  }
  return 'edge';
}

/** The name without its last `.` and what follows it. */
function withoutExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/** Every word of CLOUD_WORDS and EDGE_WORDS holds one of these: a segment without any names neither side. */
const SIDE_STEMS = ['edge', 'cloud', 'master', 'control'];

function sideOfSegment(segment: string): HostSide | undefined {
  // Most segments (`etc`, `systemd`, `mosquitto.service`) name no side: answered without the
  // regular expressions below, each compiled on its first use in a run (issue #13).
  const lower = segment.toLowerCase();
  if (!SIDE_STEMS.some((stem) => lower.includes(stem))) return undefined;
  const words = segment
    // `cloudCore`, `EdgeNode`: a case change inside a name starts a word.
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    // Compound names that are one word here.
    .replace(/control[-_ ]?plane/g, 'controlplane')
    .replace(/cloud[-_ ]?(init|config)/g, 'cloud$1')
    .replace(/edge[-_ ]?node/g, 'edgenode')
    .replace(/cloud[-_ ]?core/g, 'cloudcore')
    .replace(/edge[-_ ]?core/g, 'edgecore')
    .split(/[^a-z0-9]+/);
  let cloud = false;
  let edge = false;
  for (const word of words) {
    if (CLOUD_WORDS.has(word)) cloud = true;
    else if (EDGE_WORDS.has(word)) edge = true;
  }
  return cloud === edge ? undefined : cloud ? 'cloud' : 'edge';
}
