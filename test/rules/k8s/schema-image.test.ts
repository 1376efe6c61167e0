/**
 * A container without an image: kubernetes-models' schema (the OpenAPI one) marks `image` optional, but
 * the API server's validation requires it for every container of a Pod and of every pod template
 * (pkg/apis/core/validation validateContainerCommon: `len(ctr.Image) == 0` → Required value), so
 * `image:`, `image: ""` and no `image` at all are one k8s/schema finding each, and no image rule adds
 * a second one for the same container.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../../rules/k8s/schema.js';
import { lint } from '../../../src/engine/lint.js';
import { ruleTester, text } from '../../rule-tester.js';

/** A DaemonSet whose pod template holds the given container lines (written at column 0, indented here). */
const daemonSet = (containers: string) =>
  text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: probe
  spec:
    selector:
      matchLabels: {app: probe}
    template:
      metadata:
        labels: {app: probe}
      spec:
` + containers.replace(/^\n/, '').split('\n').map((l) => (l ? `      ${l}` : l)).join('\n');

ruleTester(rule, {
  valid: [
    {
      name: 'a container with an image, and a pod template image of spaces (only a Pod refuses surrounding whitespace)',
      files: { 'probe.yaml': daemonSet('containers:\n- name: probe\n  image: registry.example.com/probe:1.2\n- name: marker\n  image: " "\n') },
    },
  ],
  invalid: [
    {
      name: '`image:` with no value: at the image key',
      files: { 'probe.yaml': daemonSet('containers:\n- name: probe\n  image:\n  imagePullPolicy: IfNotPresent\n') },
      errors: [
        {
          messageId: 'emptyField',
          line: 14,
          column: 9,
          endColumn: 14,
          message:
            'DaemonSet probe: spec.template.spec.containers[0].image is empty, and Container requires a value; the API server rejects the object (spec.template.spec.containers[0].image: Required value).',
        },
      ],
    },
    {
      name: '`image: ""` (an empty string is no image to the API server) and `image: null` in an init container',
      files: { 'probe.yaml': daemonSet('initContainers:\n- name: prepare\n  image: null\ncontainers:\n- name: probe\n  image: ""\n') },
      errors: [
        { messageId: 'emptyField', line: 14, column: 9, message: /spec\.template\.spec\.initContainers\[0\]\.image is empty/ },
        { messageId: 'emptyField', line: 17, column: 9, message: /spec\.template\.spec\.containers\[0\]\.image is empty/ },
      ],
    },
    {
      name: 'no image key at all: at the container (its first key)',
      files: { 'probe.yaml': daemonSet('containers:\n- name: probe\n  imagePullPolicy: IfNotPresent\n') },
      errors: [
        {
          messageId: 'missingField',
          line: 13,
          column: 9,
          endColumn: 13,
          message: 'DaemonSet probe: spec.template.spec.containers[0] has no image, which Container requires; the API server rejects the object.',
        },
      ],
    },
    {
      name: 'every workload kind, a bare Pod and an ephemeral container',
      files: {
        'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: main\n    image: ""\n  ephemeralContainers:\n  - name: debug\n',
        'cron.yaml': text`
          apiVersion: batch/v1
          kind: CronJob
          metadata: {name: c}
          spec:
            schedule: "*/5 * * * *"
            jobTemplate:
              spec:
                template:
                  spec:
                    restartPolicy: Never
                    containers:
                    - name: run
                      image:
        `,
        'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: web, image: ""}]\n',
      },
      errors: [
        { file: 'cron.yaml', messageId: 'emptyField', line: 13, column: 13, message: /spec\.jobTemplate\.spec\.template\.spec\.containers\[0\]\.image is empty/ },
        { file: 'deploy.yaml', messageId: 'emptyField', line: 9, column: 32, message: /containers\[0\]\.image is empty/ },
        { file: 'pod.yaml', messageId: 'emptyField', line: 7, column: 5, message: /^Pod p: spec\.containers\[0\]\.image is empty/ },
        { file: 'pod.yaml', messageId: 'missingField', line: 9, column: 5, message: /^Pod p: spec\.ephemeralContainers\[0\] has no image, which EphemeralContainer requires/ },
      ],
    },
  ],
});

describe('an empty image with every rule on', () => {
  it('is one k8s/schema finding per container: the image rules neither crash nor report it again', async () => {
    const files = [
      {
        path: 'probe.yaml',
        content: daemonSet('nodeSelector: {node-role.kubernetes.io/edge: ""}\ncontainers:\n- name: a\n  image:\n  imagePullPolicy: Always\n- name: b\n  image: ""\n  imagePullPolicy: Always\n- name: c\n  imagePullPolicy: Always\n'),
      },
    ];
    const config = { offlineImages: ['registry.example.com/probe:1.2'], baselineImages: ['registry.example.com/probe:1.2'] };
    const result = await lint({ files, config, cwd: '/nonexistent-edgelint-test-cwd' });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['k8s/schema', 15, 9],
      ['k8s/schema', 18, 9],
      ['k8s/schema', 20, 9],
    ]);
  });
});
