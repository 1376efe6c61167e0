/**
 * Names and keys the API server's validation refuses though the schema takes any string: object
 * names by their kind's name function, namespaces, label keys and values, annotation keys, container,
 * port and volume names, and the Service port rules (apimachinery pkg/util/validation, pkg/api/
 * validation/objectmeta.go; kubernetes pkg/apis/core/validation, apps and batch validation). Met in
 * sweep15: a Deployment named `KubeEdge-test-deployment`.
 */
import rule from '../../../rules/k8s/schema.js';
import { ruleTester } from '../../rule-tester.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** A Deployment whose pod spec is `podSpec` (indented under `spec:` of the template); `meta` lines go under `metadata:` after the name. */
const deployment = (name: string, podSpec: string, meta = '') =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`].join('\n') +
  '\n' +
  meta +
  ['spec:', '  selector:', '    matchLabels: {app: web}', '  template:', '    metadata:', '      labels: {app: web}', '    spec:'].join('\n') +
  '\n' +
  podSpec.split('\n').map((l) => (l ? `      ${l}` : l)).join('\n') +
  '\n';

const CONTAINER = 'containers:\n- name: web\n  image: registry.example.com/web:1.0';

/** A Service with the given spec body (from line 6). */
const service = (name: string, body: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${body.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'names, keys and ports of the right formats',
      files: {
        'web.yaml': deployment(
          'web.edge-v2',
          'containers:\n- name: web\n  image: registry.example.com/web:1.0\n  ports:\n  - {name: http, containerPort: 8080}\n  - {name: mqtt-ws, containerPort: 9001, hostPort: 9001}\n  volumeMounts:\n  - {name: config, mountPath: /etc/web}\nvolumes:\n- name: config\n  emptyDir: {}',
          '  namespace: edge-apps\n  labels:\n    app.kubernetes.io/name: web\n    tier: ""\n  annotations:\n    Example.COM/Owner: platform team\n',
        ),
        'svc.yaml': service('web', 'type: NodePort\nselector: {app: web}\nports:\n- {name: http, port: 80, targetPort: http, nodePort: 30080}\n- {name: dns, port: 53, protocol: UDP, nodePort: 30053}\n- {name: dns-tcp, port: 53, nodePort: 30053}'),
        'one.yaml': service('one-port', 'ports:\n- port: 80'),
      },
    },
    {
      name: 'kinds whose name function is not a DNS name are not judged (RBAC path segments)',
      files: {
        'rbac.yaml':
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:controller:EdgeSync\nrules: []\n',
      },
    },
    {
      name: 'placeholders someone fills in later are not names',
      files: {
        'device.yaml': 'apiVersion: devices.kubeedge.io/v1beta1\nkind: Device\nmetadata:\n  name: <device-name>\n  namespace: ${NAMESPACE}\nspec:\n  deviceModelRef: {name: DEVICE_MODEL_NAME}\n',
        'web.yaml': deployment('__APP_NAME__', CONTAINER),
      },
    },
    {
      name: 'a name an install script fills in at run time',
      files: { 'install.sh': `#!/bin/bash\nkubectl apply -f - <<EOF\n${deployment('web-$SITE', CONTAINER)}EOF\n` },
    },
    {
      name: 'a generateName prefix may end in a dash',
      files: { 'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: sync-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: sync, image: registry.example.com/sync:1.0}\n' },
    },
    {
      name: 'a kustomization rewriting names and namespaces: what the rendered object may hold is not judged',
      files: {
        'kustomization.yaml': 'namePrefix: edge-\nnamespace: edge-apps\nresources:\n  - svc.yaml\n',
        'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1-gateway\n  namespace: Apps\nspec:\n  ports:\n  - port: 80\n',
      },
    },
    {
      name: 'a kustomize patch leaves unwritten port names and the type to its resource',
      files: {
        'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - svc.yaml\npatches:\n  - path: ports.yaml\n',
        'svc.yaml': service('web', 'type: NodePort\nports:\n- {name: http, port: 80}\n- {name: https, port: 443}'),
        'ports.yaml': service('web', 'ports:\n- {port: 80, nodePort: 30080}\n- {port: 443, nodePort: 30443}'),
      },
    },
    {
      name: "a StatefulSet's pod spec is validated when its pods are created, not with it",
      files: {
        'db.yaml':
          'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - {name: DB, image: registry.example.com/db:1.0}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a Deployment named in capitals (sweep15), in the API server words',
      files: { 'web.yaml': deployment('KubeEdge-test-deployment', CONTAINER) },
      errors: [
        {
          messageId: 'invalidValue',
          line: 4,
          column: 9,
          endColumn: 33,
          message: `Deployment KubeEdge-test-deployment: the API server rejects the object (metadata.name: Invalid value: "KubeEdge-test-deployment": ${SUBDOMAIN}).`,
        },
      ],
    },
    {
      name: 'a Service name is a DNS-1035 label, a namespace a DNS-1123 label',
      files: { 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1st-gateway\n  namespace: edge.apps\nspec:\n  ports:\n  - port: 80\n' },
      errors: [
        { messageId: 'invalidValue', line: 4, column: 9, message: `Service 1st-gateway: the API server rejects the object (metadata.name: Invalid value: "1st-gateway": ${DNS1035}).` },
        { messageId: 'invalidValue', line: 5, column: 14, message: 'Service 1st-gateway: the API server rejects the object (metadata.namespace: Invalid value: "edge.apps": must not contain dots).' },
      ],
    },
    {
      name: 'container, port and volume names in a pod template',
      files: {
        'web.yaml': deployment(
          'web',
          'containers:\n- name: Web_Server\n  image: registry.example.com/web:1.0\n  ports:\n  - {name: mqtt-over-websocket, containerPort: 9001}\n  - {name: "8883", containerPort: 8883}\n  - {name: http, containerPort: 70000}\n- name: web\n  image: registry.example.com/web:1.0\n- name: web\n  image: registry.example.com/web:1.0\nvolumes:\n- {name: config.d, emptyDir: {}}\n- {name: data, emptyDir: {}}\n- {name: data, emptyDir: {}}',
        ),
      },
      errors: [
        { messageId: 'invalidValue', line: 13, column: 15, message: `Deployment web: the API server rejects the object (spec.template.spec.containers[0].name: Invalid value: "Web_Server": ${LABEL}).` },
        {
          messageId: 'invalidValue',
          line: 16,
          column: 18,
          message: 'Deployment web: the API server rejects the object (spec.template.spec.containers[0].ports[0].name: Invalid value: "mqtt-over-websocket": must be no more than 15 characters).',
        },
        {
          messageId: 'invalidValue',
          line: 17,
          column: 18,
          message: 'Deployment web: the API server rejects the object (spec.template.spec.containers[0].ports[1].name: Invalid value: "8883": must contain at least one letter (a-z)).',
        },
        {
          messageId: 'invalidValue',
          line: 18,
          column: 39,
          message: 'Deployment web: the API server rejects the object (spec.template.spec.containers[0].ports[2].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive).',
        },
        { messageId: 'invalidValue', line: 21, column: 15, message: 'Deployment web: the API server rejects the object (spec.template.spec.containers[2].name: Duplicate value: "web").' },
        { messageId: 'invalidValue', line: 24, column: 16, message: 'Deployment web: the API server rejects the object (spec.template.spec.volumes[0].name: Invalid value: "config.d": must not contain dots).' },
        { messageId: 'invalidValue', line: 26, column: 16, message: 'Deployment web: the API server rejects the object (spec.template.spec.volumes[2].name: Duplicate value: "data").' },
      ],
    },
    {
      name: 'label keys and values, annotation keys, at the key or value',
      files: {
        'web.yaml': deployment('web', CONTAINER, '  labels:\n    app/name/x: web\n    version: v1.0 beta\n  annotations:\n    my annotation: platform\n'),
      },
      errors: [
        { messageId: 'invalidValue', line: 6, column: 5, message: /metadata\.labels: Invalid value: "app\/name\/x": a valid label key must consist of alphanumeric characters/ },
        { messageId: 'invalidValue', line: 7, column: 14, message: /metadata\.labels: Invalid value: "v1\.0 beta": a valid label must be an empty string or consist of/ },
        { messageId: 'invalidValue', line: 9, column: 5, message: /metadata\.annotations: Invalid value: "my annotation": name part must consist of alphanumeric characters/ },
      ],
    },
    {
      name: 'Service ports: names required past one, DNS-1123 labels, nodePort on a ClusterIP, duplicates',
      files: {
        'svc.yaml': service('broker', 'ports:\n- port: 1883\n- {port: 8883, targetPort: mqtt_tls}\n- {name: WS, port: 9001, nodePort: 30901}'),
        'np.yaml': service('np', 'type: NodePort\nports:\n- {name: a, port: 80, nodePort: 30080}\n- {name: b, port: 81, nodePort: 30080}'),
      },
      errors: [
        { file: 'np.yaml', messageId: 'invalidValue', line: 9, column: 35, message: 'Service np: the API server rejects the object (spec.ports[1].nodePort: Duplicate value: 30080).' },
        {
          file: 'svc.yaml',
          messageId: 'invalidValue',
          line: 7,
          column: 5,
          message: 'Service broker: the API server rejects the object (spec.ports[0].name: Required value: every port of a Service with more than one port needs a name).',
        },
        { file: 'svc.yaml', messageId: 'invalidValue', line: 8, column: 6, message: /spec\.ports\[1\]\.name: Required value/ },
        { file: 'svc.yaml', messageId: 'invalidValue', line: 8, column: 30, message: /spec\.ports\[1\]\.targetPort: Invalid value: "mqtt_tls": must contain only alpha-numeric characters/ },
        { file: 'svc.yaml', messageId: 'invalidValue', line: 9, column: 12, message: `Service broker: the API server rejects the object (spec.ports[2].name: Invalid value: "WS": ${LABEL}).` },
        { file: 'svc.yaml', messageId: 'invalidValue', line: 9, column: 38, message: "Service broker: the API server rejects the object (spec.ports[2].nodePort: Forbidden: may not be used when `type` is 'ClusterIP')." },
      ],
    },
    {
      name: 'a CronJob name past 52 characters, a KubeEdge Device (a custom resource: a subdomain), a bad generateName',
      files: {
        'cron.yaml': `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${'a'.repeat(53)}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - {name: sync, image: registry.example.com/sync:1.0}\n`,
        'device.yaml': 'apiVersion: devices.kubeedge.io/v1beta1\nkind: Device\nmetadata:\n  name: Temp_Sensor\nspec:\n  deviceModelRef: {name: thermometer}\n',
        'job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: Sync-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: sync, image: registry.example.com/sync:1.0}\n',
      },
      errors: [
        { file: 'cron.yaml', messageId: 'invalidValue', line: 4, column: 9, message: /metadata\.name: Invalid value: "a{53}": must be no more than 52 characters\)\.$/ },
        { file: 'device.yaml', messageId: 'invalidValue', line: 4, column: 9, message: `Device Temp_Sensor: the API server rejects the object (metadata.name: Invalid value: "Temp_Sensor": ${SUBDOMAIN}).` },
        { file: 'job.yaml', messageId: 'invalidValue', line: 4, column: 17, message: `Job: the API server rejects the object (metadata.generateName: Invalid value: "Sync-": ${SUBDOMAIN}).` },
      ],
    },
    {
      name: 'a namePrefix supplies no lower case: capitals stay refused under a kustomization',
      files: {
        'kustomization.yaml': 'namePrefix: edge-\nresources:\n  - web.yaml\n',
        'web.yaml': deployment('Web', CONTAINER),
      },
      errors: [{ file: 'web.yaml', messageId: 'invalidValue', line: 4, column: 9 }],
    },
  ],
});
