import { ASSUMED_EDGECORE_NOTE, defineRule, edgecoreOf, isEdgeClass, lookup, where } from '../../src/rule-api.js';
import type { EdgecoreConfig, Located, Workload } from '../../src/rule-api.js';

/** Where edged reads the allowlist (facts §1.3): nowhere else counts. */
const ALLOWLIST_PATH = ['modules', 'edged', 'tailoredKubeletConfig', 'allowedUnsafeSysctls'];
/** Where operators keep writing it (the seed note), which edgecore silently ignores. */
const MISPLACED_PATH = ['modules', 'edged', 'allowedUnsafeSysctls'];

function stringList(config: EdgecoreConfig, path: string[]): Array<Located<string>> {
  const found = lookup(config, path);
  const list = found.value;
  if (!list || !Array.isArray(list.value)) return [];
  // Entries are reported at their key: that is what a reader must move or edit.
  return (list.value as unknown[]).filter((v): v is string => typeof v === 'string').map((value) => ({ value, span: found.key ?? list.span }));
}

/**
 * The vendored kubelet's sysctl admission (pkg/kubelet/sysctl/allowlist.go `Admit`), evaluated per
 * edgecore config of the class: safe list of the Kubernetes version the KubeEdge release vendors,
 * plus `allowedUnsafeSysctls` patterns; `net.*` sysctls are refused outright for hostNetwork pods.
 * A class without an edgecore config runs edged's defaults: an empty allowlist. Such a finding rests
 * on assumed defaults only, so it says so and is a warning (README, "An unseen node side").
 */
export default defineRule({
  id: 'node/sysctl-not-allowed',
  description: 'Disallow pod sysctls that edged will reject on the edge nodes the pod lands on',
  category: 'reliability',
  severity: 'error',
  recommended: true,
  remediation:
    'Add the sysctl to modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls in edgecore.yaml (namespaced sysctls only), drop it from the pod, or keep the pod off edge nodes.',
  messages: {
    notAllowed:
      '{{workload}} lands on {{nodeClass}} nodes, whose edged (KubeEdge {{kubeedge}}, Kubernetes {{kubernetes}}) rejects it: forbidden sysctl: "{{sysctl}}" {{text}}{{config}}{{hint}}.',
    hostNet: '{{workload}} uses hostNetwork, so edged rejects its sysctl: forbidden sysctl: "{{sysctl}}" {{text}} (net.* sysctls are never allowed with host networking).',
    notNamespaced:
      '{{workload}} requests "{{sysctl}}", which is not a namespaced sysctl: no pod can set it (edged rejects it as not allowlisted, and it cannot be allowlisted); set it on the host instead.',
  },
  check({ model, knowledge, report }) {
    const sysctls = knowledge.sysctls;
    const kubeedge = model.settings.kubeedgeVersion ?? sysctls.newestKubeEdge();
    const kubernetes = sysctls.kubernetesFor(kubeedge);
    const safe = new Set(sysctls.safeList(kubernetes));
    const reported = new Set<string>();
    const seen = new Set<Workload>();
    for (const nodeClass of model.classes) {
      if (!isEdgeClass(nodeClass.nodeClass)) continue;
      // Nodes of a class without an edgecore.yaml run edged's default config: nothing allowlisted.
      const configs = edgecoreOf(nodeClass);
      for (const workload of nodeClass.workloads) {
        if (seen.has(workload)) continue;
        seen.add(workload);
        const owner = `${workload.kind} ${workload.object.name}`;
        const helmSource = workload.object.helmSource;
        for (const requested of workload.sysctls) {
          const name = sysctls.normalise(requested.name.value);
          const key = `${requested.name.span.source.path}:${requested.name.span.start}`;
          if (reported.has(key)) continue;
          const namespace = sysctls.namespaceOf(name, kubernetes);
          if (!namespace) {
            reported.add(key);
            report({ messageId: 'notNamespaced', data: { workload: owner, sysctl: name }, at: requested.name, helmSource });
            continue;
          }
          if (namespace === 'net' && workload.hostNetwork?.value === true) {
            reported.add(key);
            report({ messageId: 'hostNet', data: { workload: owner, sysctl: name, text: sysctls.hostNetText(kubernetes) }, at: requested.name, helmSource });
            continue;
          }
          if (safe.has(name)) continue;
          for (const config of configs) {
            const allowed = stringList(config, ALLOWLIST_PATH);
            if (allowed.some((pattern) => sysctls.patternMatches(pattern.value, name))) continue;
            const misplaced = stringList(config, MISPLACED_PATH).filter((p) => sysctls.patternMatches(p.value, name));
            const allowlist = config.assumed ? undefined : lookup(config, ALLOWLIST_PATH);
            reported.add(key);
            report({
              messageId: 'notAllowed',
              data: {
                workload: owner,
                nodeClass: nodeClass.nodeClass.name,
                kubeedge,
                kubernetes,
                sysctl: name,
                text: sysctls.notAllowedText(kubernetes),
                config: allowlist ? ` (${where(config.span)}${allowlist.value ? `: allowedUnsafeSysctls lists ${allowed.map((a) => a.value).join(', ') || 'nothing'}` : ': no tailoredKubeletConfig.allowedUnsafeSysctls'})` : ` (${ASSUMED_EDGECORE_NOTE}: edged allows no unsafe sysctls by default)`,
                hint: misplaced.length ? `; it is listed under modules.edged.allowedUnsafeSysctls at ${where(misplaced[0].span)}, a key edgecore ignores — it belongs under tailoredKubeletConfig` : '',
              },
              at: requested.name,
              helmSource,
              ...(config.assumed ? { severity: 'warning' as const } : {}),
              related: [
                ...(allowlist ? [{ at: allowlist.key ?? allowlist.closest, message: 'where edged reads allowedUnsafeSysctls' }] : []),
                ...misplaced.slice(0, 1).map((m) => ({ at: m.span, message: 'ignored by edgecore: wrong place' })),
              ],
            });
            break;
          }
        }
      }
    }
  },
});
