import { compareMinor, defineRule, filledAtRunTime, minorOf, statedRelease, wordList } from '../../src/rule-api.js';
import type { Knowledge, Model } from '../../src/rule-api.js';

/**
 * Reports what the object's API schema rejects or drops. The walk happens while each document is
 * composed (src/model/k8s-schema.ts, schema table generated from kubernetes-models and KubeEdge's
 * CRDs); the model carries the located issues and this rule only words them.
 */
export default defineRule({
  id: 'k8s/schema',
  description: 'Require Kubernetes and KubeEdge objects to match their API schema',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Spell the field as the API declares it, give it a value of the declared type, and add the required fields.',
  messages: {
    unknownField:
      '{{object}}: {{path}} is not a field of {{type}}: kubectl apply refuses the object, and Helm, Flux and Argo CD apply it without the field.',
    unknownFieldSuggest:
      '{{object}}: {{path}} is not a field of {{type}} — did you mean {{suggestion}}? kubectl apply refuses the object, and Helm, Flux and Argo CD apply it without the field.',
    wrongType: '{{object}}: {{path}} must be {{expected}}, not {{actual}}; the API server rejects the object.',
    badEnum: '{{object}}: {{path}} must be one of {{allowed}}, not "{{value}}"; the API server rejects the object.',
    missingField: '{{object}}: {{path}} has no {{field}}, which {{type}} requires; the API server rejects the object.',
    emptyField: '{{object}}: {{path}} is empty, and {{type}} requires a value; the API server rejects the object ({{path}}: Required value).',
    missingApiVersion:
      '{{object}} has no apiVersion: kubectl refuses the object ("apiVersion not set") and nothing applies it. {{kind}} is served as {{versions}}.',
    removedVersion:
      '{{object}}: Kubernetes {{removedIn}} stopped serving {{value}} {{kind}}, and {{cluster}}, so kubectl apply fails with: no matches for kind "{{kind}}" in version "{{value}}".{{use}}',
    selectorMismatch:
      '{{object}}: spec.selector ({{selector}}) does not select the pod template\'s labels; the API server rejects the object (spec.template.metadata.labels: `selector` does not match template `labels`).',
    invalidValue: '{{object}}: the API server rejects the object ({{path}}: {{detail}}).',
    kindCase:
      '{{object}}: {{value}} serves no kind "{{written}}" (kinds are case-sensitive), so kubectl apply fails with: no matches for kind "{{written}}" in version "{{value}}". Write kind: {{kind}}.',
    unservedVersion:
      '{{object}}: no KubeEdge release from 1.16 to 1.23 serves {{value}}, so kubectl apply fails with: no matches for kind "{{kind}}" in version "{{value}}". Its CRD serves {{versions}}.',
  },
  check({ model, knowledge, report }) {
    const floor = oldestCluster(model, knowledge);
    for (const object of model.objects) {
      if (!object.schemaIssues) continue;
      const owner = object.name ? `${object.kind} ${object.name}` : object.kind;
      for (const issue of object.schemaIssues) {
        // A kustomize patch is partial by design; what it does write must still be a field of the type.
        if (object.kustomizePatch && (issue.kind === 'missing-field' || issue.kind === 'missing-api-version' || issue.restsOnAbsence)) continue;
        const base = { object: owner, path: issue.path || '(object)', type: issue.type ?? object.kind };
        const at = issue.span;
        const helmSource = object.helmSource;
        switch (issue.kind) {
          case 'unknown-field':
            if (issue.suggestion !== undefined) report({ messageId: 'unknownFieldSuggest', data: { ...base, suggestion: issue.suggestion }, at, helmSource });
            else report({ messageId: 'unknownField', data: base, at, helmSource });
            break;
          case 'wrong-type':
            // `replicas: ${REPLICAS}` in an install script's heredoc: the value is written at run time.
            if (filledAtRunTime(at)) break;
            report({ messageId: 'wrongType', data: { ...base, expected: issue.expected ?? '', actual: issue.actual ?? '' }, at, helmSource });
            break;
          case 'bad-enum':
            if (filledAtRunTime(at)) break;
            report({ messageId: 'badEnum', data: { ...base, allowed: (issue.allowed ?? []).join(', '), value: issue.value ?? '' }, at, helmSource });
            break;
          case 'missing-field':
            if (issue.empty) {
              const field = issue.field ?? '';
              report({ messageId: 'emptyField', data: { ...base, path: issue.path ? `${issue.path}.${field}` : field }, at, helmSource });
              break;
            }
            report({ messageId: 'missingField', data: { ...base, path: issue.path || object.kind, field: issue.field ?? '' }, at, helmSource });
            break;
          case 'selector-mismatch':
            report({ messageId: 'selectorMismatch', data: { ...base, selector: issue.value ?? '' }, at, helmSource, related: issue.related ? [{ at: issue.related, message: 'the selector', helmSource }] : undefined });
            break;
          case 'missing-api-version':
            report({ messageId: 'missingApiVersion', data: { object: owner, kind: object.kind, versions: wordList(stableFirst(issue.allowed ?? []), 'or') }, at, helmSource });
            break;
          case 'removed-version':
            if (!floor || compareMinor(issue.removedIn ?? '', floor.kubernetes) > 0) break;
            report({
              messageId: 'removedVersion',
              data: { object: owner, kind: object.kind, value: issue.value ?? '', removedIn: issue.removedIn ?? '', cluster: floor.said, use: issue.allowed?.length ? ` Use ${issue.allowed[0]}.` : ' The kind itself is gone.' },
              at,
              helmSource,
            });
            break;
          case 'invalid-value':
            // `name: ${APP}` in an install script's heredoc: the value is written at run time.
            if (filledAtRunTime(at)) break;
            report({ messageId: 'invalidValue', data: { object: owner, path: issue.path, detail: issue.detail ?? '' }, at, helmSource });
            break;
          case 'kind-case':
            report({ messageId: 'kindCase', data: { object: owner, value: object.apiVersion, written: issue.value ?? '', kind: issue.type ?? '' }, at, helmSource });
            break;
          case 'unserved-version':
            report({ messageId: 'unservedVersion', data: { object: owner, kind: object.kind, value: issue.value ?? '', versions: wordList(issue.allowed ?? [], 'or') }, at, helmSource });
            break;
        }
      }
    }
  },
});

/**
 * The apiVersions worth suggesting: the most mature ones the table has — GA when there are any
 * (`Deployment` is `apps/v1`, not also the long-removed `extensions/v1beta1` kubernetes-models still
 * carries), else beta (a KubeEdge `Device` is `devices.kubeedge.io/v1beta1`, not also the v1alpha2 its
 * CRD still serves), else all of them.
 */
function stableFirst(versions: readonly string[]): string[] {
  const maturity = (v: string) => (/(^|\/)v\d+$/.test(v) ? 2 : /(^|\/)v\d+beta\d+$/.test(v) ? 1 : 0);
  const best = versions.reduce((m, v) => Math.max(m, maturity(v)), 0);
  return versions.filter((v) => maturity(v) === best);
}

/** How much older than its edged's Kubernetes a KubeEdge cluster's API server is taken to be, at most. */
const CONTROL_PLANE_LAG = 2;

/**
 * The oldest Kubernetes a control plane of this deployment can run: edged is the kubelet of the
 * Kubernetes its release vendors (facts §1.7), and a kubelet is never newer than its API server
 * (Kubernetes version skew policy); two minors of slack cover control planes KubeEdge is run with
 * anyway. Without a stated release, the oldest release edgelint knows (1.16, Kubernetes 1.27) sets
 * it. A stated release older than that is not judged (its Kubernetes is not in the data).
 */
function oldestCluster(model: Model, knowledge: Knowledge): { kubernetes: string; said: string } | undefined {
  const sysctls = knowledge.sysctls;
  const stated = statedRelease(model.settings.kubeedgeVersion, model.release);
  const oldest = sysctls.oldestKubeEdge();
  if (stated !== undefined && compareMinor(stated, oldest) < 0) return undefined;
  const release = stated ?? oldest;
  const [major, minor] = minorOf(sysctls.kubernetesFor(release))!;
  const kubernetes = `${major}.${Math.max(0, minor - CONTROL_PLANE_LAG)}`;
  const said = stated !== undefined ? `a cluster for KubeEdge ${release} runs Kubernetes ${kubernetes} or newer` : `the clusters KubeEdge ${oldest} and newer run are Kubernetes ${kubernetes} or newer`;
  return { kubernetes, said };
}
