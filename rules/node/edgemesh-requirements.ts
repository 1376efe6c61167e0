import { ASSUMED_EDGECORE_NOTE, EDGECORE_DEFAULTS, defineRule, edgecoreOf, filledAtRunTime, isEdgeClass, lookup, statedRelease, versionOf, where } from '../../src/rule-api.js';
import type { EdgecoreConfig, EdgemeshRequirement, Knowledge, Model, Span, Workload } from '../../src/rule-api.js';

/**
 * EdgeMesh's agent needs two things from edgecore on every edge node it runs on (kubeedge/edgemesh
 * docs/guide/README.md, Prerequisites; data/edgemesh.json): metaServer, the local API server it
 * list-watches Services through, and edged's clusterDNS pointing at the agent's DNS on its bridge
 * device, so pods resolve Service names through it. Without the first the agent sees no Service;
 * without the second pods never ask it.
 */

interface Agent {
  workload: Workload;
  /** The container image that makes it the agent: where the workload is named in messages. */
  at: Span;
  bridgeIP: string;
  bridgeFrom: string;
  /**
   * Requirements the agent's own config makes moot (sweep19 FP-1): `metaServer` when it reaches the
   * API server through a kubeconfig or another master, `clusterDNS` when it serves DNS on a host
   * interface and writes itself into the host's resolv.conf, as agents before the bridge device did.
   */
  waived: Set<string>;
}

function agentsOf(model: Model, knowledge: Knowledge): Agent[] {
  const agents: Agent[] = [];
  for (const workload of model.workloads) {
    const container = workload.containers.find((c) => !c.init && c.imageRef && knowledge.edgemesh.isAgentImage(c.imageRef));
    if (!container?.image) continue;
    const bridge = knowledge.edgemesh.bridgeIP(workload, model.objects);
    const config = knowledge.edgemesh.agentConfig(workload, model.objects);
    const waived = new Set<string>();
    if (config.apiServer) waived.add('metaServer');
    if (config.dnsInterface) waived.add('clusterDNS');
    agents.push({
      workload,
      at: container.image.span,
      bridgeIP: bridge.ip,
      bridgeFrom: bridge.from ? `commonConfig.bridgeDeviceIP in ConfigMap ${bridge.from.name}` : "EdgeMesh's default bridge device IP",
      waived,
    });
  }
  return agents;
}

function describeAgent(agent: Agent): string {
  return `${agent.workload.kind} ${agent.workload.object.name} (${where(agent.at)})`;
}

function asList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export default defineRule({
  id: 'node/edgemesh-requirements',
  description: 'Require edgecore settings the EdgeMesh agent depends on, on every edge node it runs on',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation:
    'In edgecore.yaml set modules.metaManager.metaServer.enable: true and put the agent bridge IP (169.254.96.16 unless the agent config changes it) in modules.edged.tailoredKubeletConfig.clusterDNS, then restart edgecore.',
  messages: {
    metaServer:
      "{{agent}} runs on {{nodeClass}} nodes, but this edgecore does not serve metaServer ({{state}}): the agent list-watches Services and Endpoints through edgecore's local API server on 127.0.0.1:10550, so EdgeMesh proxies and resolves nothing. Set modules.metaManager.metaServer.enable: true.",
    clusterDNS:
      "{{agent}} runs on {{nodeClass}} nodes, but edged's clusterDNS {{state}}{{hint}}: pods there do not resolve Service names through EdgeMesh's DNS on {{ip}} ({{ipFrom}}). Set modules.edged.tailoredKubeletConfig.clusterDNS to [{{ip}}].",
    clusterDomain:
      '{{agent}} runs on {{nodeClass}} nodes, but edged\'s clusterDomain is {{value}}: EdgeMesh\'s guide requires {{expected}}, the domain Service names are resolved under{{hint}}.',
    noEdgecore:
      "{{agent}} runs on {{nodeClass}} nodes, whose edgecore by default {{unmet}} ({{assumed}}); EdgeMesh cannot work with that. Where the edgecore.yaml of these nodes is kept, {{fix}}; lint it with this deployment (config `hosts`) to check it.",
  },
  check({ model, knowledge, report }) {
    const agents = agentsOf(model, knowledge);
    if (agents.length === 0) return;
    const reported = new Set<string>();
    const once = (key: string): boolean => {
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    };
    for (const agent of agents) {
      const name = describeAgent(agent);
      const helmSource = agent.workload.object.helmSource;
      for (const className of agent.workload.landsOn) {
        const nodeClass = model.nodeClass(className);
        if (!nodeClass || !isEdgeClass(nodeClass.nodeClass)) continue;
        for (const config of edgecoreOf(nodeClass)) {
          const version = knowledge.edgecore ? versionOf(config, statedRelease(model.settings.kubeedgeVersion, model.release), knowledge.edgecore) : undefined;
          const defaultOf = (path: readonly string[]): unknown => (version !== undefined ? knowledge.edgecore?.edgecoreDefault(path, version) : undefined);
          const unmet = knowledge.edgemesh.requirements
            .filter((requirement) => !agent.waived.has(requirement.id))
            .map((requirement) => unmetBy(config, requirement, agent, defaultOf))
            .filter((u): u is Unmet => u !== undefined);
          if (config.assumed) {
            // No file to point at: one finding at the agent, resting on defaults only, so a warning.
            const errors = unmet.filter((u) => u.requirement.id !== 'clusterDomain');
            if (errors.length === 0 || !once(`assumed\0${className}\0${agent.bridgeIP}`)) continue;
            report({
              messageId: 'noEdgecore',
              data: {
                // The finding is at the agent itself: its location would only repeat the finding's own.
                agent: `${agent.workload.kind} ${agent.workload.object.name}`,
                nodeClass: className,
                unmet: errors.map((u) => u.byDefault).join(' and '),
                assumed: ASSUMED_EDGECORE_NOTE,
                fix: errors.map((u) => u.fix).join(' and '),
              },
              at: agent.at,
              helmSource,
              severity: 'warning',
            });
            continue;
          }
          const related = [{ at: agent.at, message: `${agent.workload.kind} ${agent.workload.object.name} runs the EdgeMesh agent`, ...(helmSource ? { helmSource } : {}) }];
          for (const u of unmet) {
            if (!once(`${config.source.path}\0${config.span.start}\0${u.requirement.id}`)) continue;
            const data = { agent: name, nodeClass: className, ...u.data };
            // A different cluster domain is a deliberate choice more often than a slip: a warning.
            report({ messageId: u.requirement.id as 'metaServer' | 'clusterDNS' | 'clusterDomain', data, at: u.at, related, ...(u.requirement.id === 'clusterDomain' ? { severity: 'warning' as const } : {}) });
          }
        }
      }
    }
  },
});

/** One requirement a config does not meet: where, what the message says, and how the defaults read. */
interface Unmet {
  requirement: EdgemeshRequirement;
  /** The key, or its closest parent mapping when the key is missing. */
  at: Span;
  data: Record<string, string>;
  /** "leaves metaServer disabled": the defaults' side of it, for a config holding nothing. */
  byDefault: string;
  fix: string;
}

/**
 * Checks one requirement against one edgecore config the way edgecore reads it (a missing key keeps
 * its default; an assumed config holds no key at all, so it is all defaults).
 */
function unmetBy(config: EdgecoreConfig, requirement: EdgemeshRequirement, agent: Agent, defaultOf: (path: readonly string[]) => unknown): Unmet | undefined {
  const found = lookup(config, requirement.path);
  // A value the install script fills in at run time (`clusterDNS: [${DNS}]`) is unknown: nothing to say.
  if (found.value && filledAtRunTime(found.value.span)) return undefined;
  const at = found.key ?? found.closest;
  const dotted = requirement.path.join('.');
  // The guide's pre-v1alpha2 spelling, which edgecore decodes into nothing today.
  const guide = requirement.guidePath.join('.') !== dotted ? lookup(config, requirement.guidePath) : undefined;
  const hint = guide?.key ? ` (${requirement.guidePath.join('.')} is set, but edgecore ignores it there)` : '';
  if (requirement.includes !== undefined) {
    const list = found.value ? asList(found.value.value) : undefined;
    if (list?.includes(agent.bridgeIP)) return undefined;
    const state = list === undefined || !found.value ? `(${dotted}) is not set` : `is ${show(found.value.value)}, without ${agent.bridgeIP}`;
    return { requirement, at, data: { state, hint, ip: agent.bridgeIP, ipFrom: agent.bridgeFrom }, byDefault: `leaves edged's clusterDNS empty (EdgeMesh's DNS is on ${agent.bridgeIP})`, fix: `set ${dotted} to [${agent.bridgeIP}]` };
  }
  if (requirement.equals === undefined || (requirement.id !== 'metaServer' && requirement.id !== 'clusterDomain')) return undefined;
  const fallback = defaultOf(requirement.path) ?? (requirement.id === 'metaServer' ? EDGECORE_DEFAULTS.metaServerEnable : undefined);
  const set = found.value !== undefined;
  const value = set ? found.value!.value : fallback;
  if (value === requirement.equals || (!set && fallback === undefined)) return undefined;
  if (requirement.id === 'clusterDomain') {
    return { requirement, at, data: { value: show(value), expected: show(requirement.equals), hint }, byDefault: `uses clusterDomain ${show(value)}`, fix: `set ${dotted} to ${show(requirement.equals)}` };
  }
  const state = set ? `${dotted} is ${show(value)}` : `${dotted} is not set, and edgecore's default is ${show(fallback)}`;
  return { requirement, at, data: { state }, byDefault: 'leaves metaServer disabled', fix: `set ${dotted}: true` };
}
