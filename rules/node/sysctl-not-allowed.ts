import { ASSUMED_EDGECORE_NOTE, defineRule, edgecoreOf, filledAtRunTime, isEdgeClass, lookup, statedRelease, where } from '../../src/rule-api.js';
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
 * The vendored kubelet's sysctl admission (pkg/kubelet/sysctl/allowlist.go `validateSysctl`, the same
 * from Kubernetes 1.22 to 1.32), evaluated per edgecore config of the class, in the kubelet's order:
 * a sysctl on the allowlist (the safe list of the vendored Kubernetes version, plus
 * `allowedUnsafeSysctls` patterns) is admitted unless the pod shares that namespace with the host
 * (`"%q not allowed with host %s enabled"`: net with hostNetwork, ipc with hostIPC); anything else is
 * `"%q not allowlisted"` — also a sysctl that is not namespaced, which no allowlist can admit (edged's
 * NewAllowlist refuses such an entry: "the sysctl %q are not known to be namespaced"). Messages quote
 * these texts as the vendored version prints them (data/sysctls.json).
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
    hostNamespace:
      '{{workload}} uses {{hostField}}: true, so edged (Kubernetes {{kubernetes}}) rejects its sysctl although it is allowlisted: forbidden sysctl: "{{sysctl}}" {{text}} ({{namespace}} sysctls are never admitted for a pod that shares the host\'s {{namespace}} namespace).',
    notNamespaced:
      '{{workload}} lands on {{nodeClass}} nodes, whose edged (KubeEdge {{kubeedge}}, Kubernetes {{kubernetes}}) rejects it: forbidden sysctl: "{{sysctl}}" {{text}}. No allowlist can admit it: it is not a namespaced sysctl, and edged refuses to start with it in allowedUnsafeSysctls ("the sysctl "{{sysctl}}" are not known to be namespaced"); set it on the host instead.',
  },
  check({ model, knowledge, report }) {
    const sysctls = knowledge.sysctls;
    const kubeedge = statedRelease(model.settings.kubeedgeVersion, model.release) ?? sysctls.newestKubeEdge();
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
          const versionData = { workload: owner, nodeClass: nodeClass.nodeClass.name, kubeedge, kubernetes, sysctl: name, text: sysctls.notAllowedText(kubernetes) };
          if (!namespace) {
            // Certain whatever edgecore.yaml says: no allowlist edged accepts can hold it.
            reported.add(key);
            report({ messageId: 'notNamespaced', data: versionData, at: requested.name, helmSource });
            continue;
          }
          const sharesHost = namespace === 'net' ? workload.hostNetwork?.value === true : workload.hostIPC?.value === true;
          const hostField = namespace === 'net' ? 'hostNetwork' : 'hostIPC';
          const hostText = namespace === 'net' ? sysctls.hostNetText(kubernetes) : sysctls.hostIpcText(kubernetes);
          for (const config of configs) {
            // An allowlist the install script fills in at run time (`[${SYSCTLS}]`) may allow it: unknown.
            const written = lookup(config, ALLOWLIST_PATH).value;
            if (written && filledAtRunTime(written.span)) continue;
            const allowed = stringList(config, ALLOWLIST_PATH);
            if (safe.has(name) || allowed.some((pattern) => sysctls.patternMatches(pattern.value, name))) {
              if (!sharesHost) continue;
              reported.add(key);
              report({
                messageId: 'hostNamespace',
                data: { workload: owner, kubernetes, sysctl: name, text: hostText, hostField, namespace },
                at: requested.name,
                helmSource,
                related: [{ at: (namespace === 'net' ? workload.hostNetwork : workload.hostIPC)!, message: `${hostField}: true` }],
              });
              break;
            }
            const misplaced = stringList(config, MISPLACED_PATH).filter((p) => sysctls.patternMatches(p.value, name));
            const allowlist = config.assumed ? undefined : lookup(config, ALLOWLIST_PATH);
            const hints: string[] = [];
            if (misplaced.length) hints.push(`it is listed under modules.edged.allowedUnsafeSysctls at ${where(misplaced[0].span)}, a key edgecore ignores — it belongs under tailoredKubeletConfig`);
            if (sharesHost) hints.push(`allowlisting it would not help this ${hostField} pod: edged would then reject it as "${name}" ${hostText}`);
            reported.add(key);
            report({
              messageId: 'notAllowed',
              data: {
                ...versionData,
                config: allowlist ? ` (${where(config.span)}${allowlist.value ? `: allowedUnsafeSysctls lists ${allowed.map((a) => a.value).join(', ') || 'nothing'}` : ': no tailoredKubeletConfig.allowedUnsafeSysctls'})` : ` (${ASSUMED_EDGECORE_NOTE}: edged allows no unsafe sysctls by default)`,
                hint: hints.map((h) => `; ${h}`).join(''),
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
