import { EDGECORE_DEFAULTS, defineRule, isEdgeClass, lookup, versionOf, where } from '../../src/rule-api.js';
import type { EdgecoreConfig, Knowledge, Model, Span, Workload } from '../../src/rule-api.js';

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
}

function agentsOf(model: Model, knowledge: Knowledge): Agent[] {
  const agents: Agent[] = [];
  for (const workload of model.workloads) {
    const container = workload.containers.find((c) => !c.init && c.imageRef && knowledge.edgemesh.isAgentImage(c.imageRef));
    if (!container?.image) continue;
    const bridge = knowledge.edgemesh.bridgeIP(workload, model.objects);
    agents.push({
      workload,
      at: container.image.span,
      bridgeIP: bridge.ip,
      bridgeFrom: bridge.from ? `commonConfig.bridgeDeviceIP in ConfigMap ${bridge.from.name}` : "EdgeMesh's default bridge device IP",
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
      "{{agent}} runs on {{nodeClass}} nodes, but no edgecore.yaml of that class is linted: edgecore's defaults leave metaServer disabled and clusterDNS empty, which EdgeMesh cannot work with. Lint the class's edgecore.yaml (config `hosts`) or enable metaServer and set clusterDNS to [{{ip}}] there.",
  },
  check({ model, knowledge, report }) {
    const agents = agentsOf(model, knowledge);
    if (agents.length === 0) return;
    const reported = new Set<string>();
    const once = (config: EdgecoreConfig, id: string): boolean => {
      const key = `${config.source.path}\0${config.span.start}\0${id}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    };
    for (const agent of agents) {
      const name = describeAgent(agent);
      for (const className of agent.workload.landsOn) {
        const nodeClass = model.nodeClass(className);
        if (!nodeClass || !isEdgeClass(nodeClass.nodeClass)) continue;
        const helmSource = agent.workload.object.helmSource;
        if (nodeClass.edgecore.length === 0) {
          report({ messageId: 'noEdgecore', data: { agent: name, nodeClass: className, ip: agent.bridgeIP }, at: agent.at, helmSource });
          continue;
        }
        for (const config of nodeClass.edgecore) {
          const version = knowledge.edgecore ? versionOf(config, model.settings.kubeedgeVersion, knowledge.edgecore) : undefined;
          const defaultOf = (path: readonly string[]): unknown => (version !== undefined ? knowledge.edgecore?.edgecoreDefault(path, version) : undefined);
          for (const requirement of knowledge.edgemesh.requirements) {
            const found = lookup(config, requirement.path);
            const at = found.key ?? found.closest;
            const related = [{ at: agent.at, message: `${agent.workload.kind} ${agent.workload.object.name} runs the EdgeMesh agent`, ...(helmSource ? { helmSource } : {}) }];
            // The guide's pre-v1alpha2 spelling, which edgecore decodes into nothing today.
            const guide = requirement.guidePath.join('.') !== requirement.path.join('.') ? lookup(config, requirement.guidePath) : undefined;
            const hint = guide?.key ? ` (${requirement.guidePath.join('.')} is set, but edgecore ignores it there)` : '';
            if (requirement.includes !== undefined) {
              const list = found.value ? asList(found.value.value) : undefined;
              if (list?.includes(agent.bridgeIP)) continue;
              if (!once(config, requirement.id)) continue;
              const state = list === undefined || !found.value ? `(${requirement.path.join('.')}) is not set` : `is ${show(found.value.value)}, without ${agent.bridgeIP}`;
              report({ messageId: 'clusterDNS', data: { agent: name, nodeClass: className, state, hint, ip: agent.bridgeIP, ipFrom: agent.bridgeFrom }, at, related });
              continue;
            }
            if (requirement.equals === undefined || (requirement.id !== 'metaServer' && requirement.id !== 'clusterDomain')) continue;
            const fallback = defaultOf(requirement.path) ?? (requirement.id === 'metaServer' ? EDGECORE_DEFAULTS.metaServerEnable : undefined);
            const set = found.value !== undefined;
            const value = set ? found.value!.value : fallback;
            if (value === requirement.equals || (!set && fallback === undefined)) continue;
            if (!once(config, requirement.id)) continue;
            if (requirement.id === 'clusterDomain') {
              // A different cluster domain is a deliberate choice more often than a slip: a warning.
              report({ messageId: 'clusterDomain', data: { agent: name, nodeClass: className, value: show(value), expected: show(requirement.equals), hint }, at, related, severity: 'warning' });
              continue;
            }
            const state = set ? `${requirement.path.join('.')} is ${show(value)}` : `${requirement.path.join('.')} is not set, and edgecore's default is ${show(fallback)}`;
            report({ messageId: 'metaServer', data: { agent: name, nodeClass: className, state }, at, related });
          }
        }
      }
    }
  },
});
