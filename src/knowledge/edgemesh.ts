/**
 * What an EdgeMesh agent needs from the edgecore of the node it runs on, read from data/edgemesh.json
 * (each fact there names the kubeedge/edgemesh file and commit it comes from).
 */
import { isMap, parseDocument } from 'yaml';
import edgemeshData from '../../data/edgemesh.json' with { type: 'json' };
import type { ImageRef, K8sObject, Workload } from '../model/types.js';

export interface EdgemeshRequirement {
  id: string;
  /** Where edgecore v1alpha2 reads the setting. */
  path: string[];
  /** Where EdgeMesh's guide writes it (the pre-v1alpha2 layout); edgecore ignores it there today. */
  guidePath: string[];
  /** The value required. */
  equals?: unknown;
  /** The list must contain this fact's value (`bridgeDeviceIP`). */
  includes?: string;
  why: string;
  source: string;
}

interface EdgemeshData {
  agentImage: { repository: string; display: string; source: string };
  metaServerAddress: { value: string; source: string };
  bridgeDeviceIP: { value: string; source: string };
  bridgeDeviceIPConfigKey: { value: string; source: string };
  requires: EdgemeshRequirement[];
}

const DATA = edgemeshData as unknown as EdgemeshData;

/** The agent's own config file inside its ConfigMap (build/agent/resources/04-configmap.yaml). */
const AGENT_CONFIG_KEY = 'edgemesh-agent.yaml';


const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export class EdgemeshKnowledge {
  /** `kubeedge/edgemesh-agent`: the agent's image path, compared without the registry (offline fleets mirror it). */
  readonly agentImagePath: string;
  readonly agentImageDisplay: string;
  private readonly agentImageName: string;
  readonly defaultBridgeIP: string;
  readonly requirements: readonly EdgemeshRequirement[];
  private readonly bridgeKey: string[];
  /** metaServer's port (data/edgemesh.json metaServerAddress): a loopback master on it is metaServer. */
  private readonly metaServerPort: string;

  constructor(data: EdgemeshData = DATA) {
    this.agentImagePath = data.agentImage.repository.replace(/^[^/]+\//, '');
    this.agentImageName = this.agentImagePath.slice(this.agentImagePath.lastIndexOf('/') + 1);
    this.agentImageDisplay = data.agentImage.display;
    this.defaultBridgeIP = data.bridgeDeviceIP.value;
    this.requirements = data.requires;
    this.bridgeKey = data.bridgeDeviceIPConfigKey.value.split('.');
    this.metaServerPort = /:(\d+)\/?$/.exec(data.metaServerAddress.value)?.[1] ?? '';
  }

  /** Is this `kubeAPIConfig.master` metaServer itself (`http://127.0.0.1:10550`, `localhost:10550`)? */
  private isMetaServer(master: string): boolean {
    const found = /^(?:https?:\/\/)?(127\.0\.0\.1|localhost|\[::1\]):(\d+)\/?$/.exec(master);
    return found !== null && found[2] === this.metaServerPort;
  }

  /**
   * Is this image EdgeMesh's agent, from whichever registry it is pulled, or a fork's build of it
   * (`dayuhub/edgemesh-agent`: a fork of kubeedge/edgemesh keeps the agent's name, DaemonSet and config)?
   */
  isAgentImage(ref: ImageRef): boolean {
    return ref.path === this.agentImagePath || ref.path.endsWith(`/${this.agentImageName}`);
  }

  /**
   * The bridge device IP an agent workload uses: `commonConfig.bridgeDeviceIP` (or the older
   * `dummyDeviceIP`) in the agent's ConfigMap when the model holds it and it is a literal IPv4 address,
   * else EdgeMesh's default. The agent's ConfigMap is `<DaemonSet name>-cfg` in the DaemonSet's
   * namespace in both upstream layouts (build/agent/resources: `edgemesh-agent` / `edgemesh-agent-cfg`;
   * the Helm chart: `{{ .Release.Name }}-agent` / `{{ .Release.Name }}-agent-cfg`).
   */
  bridgeIP(workload: Workload, objects: readonly K8sObject[]): { ip: string; from?: K8sObject } {
    const config = this.agentConfig(workload, objects);
    return config.bridgeIP ? { ip: config.bridgeIP, from: config.from } : { ip: this.defaultBridgeIP };
  }

  /**
   * What the agent's own config (its ConfigMap, as `bridgeIP` finds it) says about the two things it
   * would otherwise need from edgecore:
   * - `apiServer`: where it reaches the Kubernetes API itself, when `kubeAPIConfig.kubeConfig` names a
   *   kubeconfig or `kubeAPIConfig.master` an address other than metaServer's (127.0.0.1/localhost
   *   :10550). Such an agent list-watches through that, not through metaServer (kubeedge/edgemesh
   *   docs/guide/edge-kube-api.md: metaServer is the API endpoint only when `master` points at it).
   * - `dnsInterface`: `modules.edgeDNS.listenInterface`, the host interface agents before the bridge
   *   device served DNS on (agent/pkg/dns/config/config.go, default `docker0`); such an agent puts its
   *   own address first in the host's /etc/resolv.conf every minute (agent/pkg/dns/dns.go
   *   ensureResolvForHost), which pods on a node with no clusterDNS inherit. Its address is that
   *   interface's, which no file states.
   */
  agentConfig(workload: Workload, objects: readonly K8sObject[]): { bridgeIP?: string; apiServer?: string; dnsInterface?: string; from?: K8sObject } {
    const name = `${workload.object.name}-cfg`;
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.apiVersion !== '' && o.name === name && (o.namespace ?? '') === (workload.object.namespace ?? ''));
    const inner = configMap ? this.agentConfigOf(configMap) : undefined;
    if (!configMap || !inner) return {};
    const text = (path: string[]): string | undefined => {
      const value: unknown = inner.getIn(path);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const [section, key] = this.bridgeKey;
    // Older agents named the same setting dummyDeviceIP (docs/reference/config-items.md).
    const bridgeIP = [key, 'dummyDeviceIP'].map((candidate) => text([section, candidate])).find((v) => v !== undefined && IPV4.test(v));
    const kubeConfig = text(['kubeAPIConfig', 'kubeConfig']);
    const master = text(['kubeAPIConfig', 'master']);
    const apiServer = kubeConfig ? `kubeAPIConfig.kubeConfig ${kubeConfig}` : master && !this.isMetaServer(master) ? `kubeAPIConfig.master ${master}` : undefined;
    const dnsInterface = text(['modules', 'edgeDNS', 'listenInterface']);
    return { from: configMap, ...(bridgeIP ? { bridgeIP } : {}), ...(apiServer ? { apiServer } : {}), ...(dnsInterface ? { dnsInterface } : {}) };
  }

  private agentConfigOf(configMap: K8sObject): ReturnType<typeof parseDocument> | undefined {
    const text = configMap.source.text;
    // The object's mapping re-read on its own, indented as in the file so a `kind: List` item parses too.
    const lineStart = text.lastIndexOf('\n', configMap.span.start - 1) + 1;
    const body = ' '.repeat(configMap.span.start - lineStart) + text.slice(configMap.span.start, configMap.span.end);
    const outer = parseDocument(body, { uniqueKeys: false, logLevel: 'error' });
    if (outer.errors.length > 0) return undefined;
    const agentConfig = outer.getIn(['data', AGENT_CONFIG_KEY]);
    if (typeof agentConfig !== 'string') return undefined;
    const inner = parseDocument(agentConfig, { uniqueKeys: false, logLevel: 'error' });
    if (inner.errors.length > 0 || !isMap(inner.contents)) return undefined;
    return inner;
  }
}
