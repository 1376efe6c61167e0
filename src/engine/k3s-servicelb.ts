/**
 * A K3s server started by a systemd unit (`ExecStart=/usr/local/bin/k3s server …`, the unit K3s's
 * installer writes, or one an install script writes with a heredoc), set up by K3s's install script
 * (script/k3s-install.ts: reported at the word that runs the installer) or run by a script
 * (script/k3s-run.ts: at its `server` word), runs ServiceLB, which puts a
 * `svclb-traefik` DaemonSet on every untainted node — KubeEdge edge nodes included — asking for the
 * `net.ipv4.ip_forward` sysctl that edged refuses (facts §Q5; sweep13 M-2). No manifest of the
 * repository shows that DaemonSet, so it is linted as a manifest K3s applies, every position of it at
 * the unit's `server` word, as keadm-init.ts does for the chart keadm applies.
 *
 * Not when ServiceLB is off (`--disable servicelb`, `--disable=traefik,servicelb`, `disable:` in a
 * host's /etc/rancher/k3s/config.yaml and config.yaml.d/ as K3s merges them, k3s-config.ts), when K3s's cloud controller that hosts it is off
 * (`--disable-cloud-controller`), when Traefik is not deployed (`--disable traefik`, `--no-deploy
 * traefik`) and the deployment applies no LoadBalancer Service (else the DaemonSet is the first such
 * Service's), when an argument or a config value is one the run decides, nor when the deployment already holds a `svclb-*`
 * DaemonSet (a captured one is what ServiceLB runs, not a second copy). A server of unstated release is
 * taken to set the sysctl (data/k3s.json: every K3s a KubeEdge 1.16+ cloud runs on does); one an installer is
 * told to install (INSTALL_K3S_VERSION, INSTALL_K3S_CHANNEL) from before it asked for net.ipv4.ip_forward
 * asks IPv4 Services for none.
 */
import { SourceFile } from '../core/source.js';
import type { Located } from '../core/source.js';
import type { K3sServer } from './k3s-units.js';
import type { K3sConfig } from './k3s-config.js';
import type { K3sNode } from './k3s-nodes.js';
import { ENABLE_LB_LABEL, serviceLbDaemonSet, setsIpv4Sysctl } from '../knowledge/k3s.js';
import type { CollectedInputs } from './collect.js';

/** What a server's flags and config files turn off; `undefined` when the run decides. */
interface Disabled {
  serviceLb: boolean;
  traefik: boolean;
}

/** Marks what one `disable` value (`servicelb`, `traefik,servicelb`: urfave/cli slices split at commas) turns off. */
function markDisabled(off: Disabled, value: string): void {
  for (const item of value.split(',')) {
    if (item.trim() === 'servicelb') off.serviceLb = true;
    if (item.trim() === 'traefik') off.traefik = true;
  }
}

/** `--disable a,b`, `--disable=a`, `--no-deploy a`. */
function serverFlags(args: ReadonlyArray<Located<string>>): Disabled | undefined {
  const off = { serviceLb: false, traefik: false };
  const disable = (value: string | undefined): boolean => {
    // A value systemd fills in from the environment may disable anything.
    if (value === undefined || value.includes('$')) return false;
    markDisabled(off, value);
    return true;
  };
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    // An expansion in place of a flag may be any flags (`$K3S_OPTS`); after a `--flag` it is taken as
    // that flag's value (`--node-ip ${NODE_IP}`).
    if (word.includes('$') && !word.startsWith('-') && !(i > 0 && /^--[\w-]+$/.test(args[i - 1].value))) return undefined;
    const [flag, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (flag === '--disable' || flag === '--no-deploy') {
      if (!disable(inline ?? args[++i]?.value)) return undefined;
    } else if (flag === '--disable-cloud-controller' && inline !== 'false') off.serviceLb = true;
    else if (flag === '--config' || flag === '-c') return undefined; // another config file: what it turns off is not here
  }
  return off;
}

/** `disable:` and `disable-cloud-controller:` of each host's merged K3s configuration (k3s-config.ts): ServiceLB is off where any host turns it off. */
function configDisables(configs: readonly K3sConfig[]): Disabled | undefined {
  const off = { serviceLb: false, traefik: false };
  for (const config of configs) {
    if (config.unread) return undefined;
    const disable = config.values.get('disable');
    const cloudController = config.values.get('disable-cloud-controller');
    if (disable === 'unknown' || cloudController === 'unknown') return undefined;
    for (const item of disable ?? []) markDisabled(off, item.value);
    if (cloudController?.at(-1)?.value === 'true') off.serviceLb = true;
  }
  return off;
}

/**
 * Whether some node carries ServiceLB's `enablelb` label (any value: servicelb.go nodeHasDaemonSetLabel
 * lists nodes by the key's presence), so its DaemonSets select `enablelb: "true"`: a label a script
 * sets (`kubectl label node`, `keadm join --labels`), a Node object's, or a K3s server's or agent's own
 * (`--node-label`, `node-label:` in its configuration; k3s-nodes.ts).
 */
function someNodeEnablesLb(inputs: CollectedInputs, nodes: readonly K3sNode[]): boolean {
  if ((inputs.nodeLabelings ?? []).some((l) => l.labels.some((label) => label.key === ENABLE_LB_LABEL))) return true;
  if (inputs.objects.some((o) => o.kind === 'Node' && Object.hasOwn(o.labels, ENABLE_LB_LABEL))) return true;
  return nodes.some((n) => n.labels.some((label) => label.key === ENABLE_LB_LABEL));
}

/**
 * The ServiceLB DaemonSet of the first K3s server that runs it, as a manifest file mapped onto the
 * server's word (a unit's `server`, or the word that runs the installer), or undefined (see the module
 * comment). ServiceLB gives every LoadBalancer Service a DaemonSet of its own, each asking the same
 * nodes for the same sysctl: one allowlist entry or `--disable servicelb` admits or removes them all,
 * so one is rendered — Traefik's when the server deploys Traefik, else the first LoadBalancer Service's
 * the deployment applies — and reported once.
 */
export function k3sServiceLbManifest(inputs: CollectedInputs, servers: readonly K3sServer[], configs: readonly K3sConfig[], nodes: readonly K3sNode[]): SourceFile | undefined {
  if (inputs.workloads.some((w) => w.kind === 'DaemonSet' && w.object.name.startsWith('svclb-'))) return undefined;
  let fromConfig: Disabled | undefined | null = null;
  const service = inputs.objects.find((o) => o.loadBalancer && !o.kustomizePatch);
  for (const found of servers) {
    if (found.agent) continue;
    const flags = serverFlags(found.args);
    if (fromConfig === null) fromConfig = configDisables(configs);
    if (!flags || !fromConfig || flags.serviceLb || fromConfig.serviceLb) continue;
    const traefik = !flags.traefik && !fromConfig.traefik;
    if (!traefik && !service) continue;
    const chosen = traefik
      ? { service: 'traefik', namespace: 'kube-system', families: ['IPv4'] }
      : { service: service!.name, namespace: service!.namespace ?? 'default', families: service!.loadBalancer!.families.length > 0 ? service!.loadBalancer!.families : ['IPv4'] };
    // A release from before ServiceLB asked for net.ipv4.ip_forward (sweep11: INSTALL_K3S_VERSION=v1.22.5+k3s1) asks IPv4 Services for nothing.
    const families = found.release !== undefined && setsIpv4Sysctl(found.release) === false ? chosen.families.filter((f) => f !== 'IPv4') : chosen.families;
    if (families.length === 0) continue;
    const target = { ...chosen, families };
    const at = found.at;
    const line = at.source.root.positionAt(at.source.rootOffset(at.start)).line;
    const text = serviceLbDaemonSet({ ...target, enableLbSelector: someNodeEnablesLb(inputs, nodes) });
    return new SourceFile(`${at.source.root.path} (line ${line}): K3s ServiceLB DaemonSet for Service ${target.namespace}/${target.service}`, text, 'yaml', { parent: at.source, toParentOffset: () => at.start });
  }
  return undefined;
}
