import rule from '../../../rules/k8s/schema.js';
import { ruleTester, text } from '../../rule-tester.js';

const daemonSet = (podSpec: string) => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: agent
  spec:
    selector:
      matchLabels: {app: agent}
    template:
      metadata:
        labels: {app: agent}
      spec:
${podSpec}`;

/** Indents a block of lines (written at column 0) under `spec:` of the pod template (6 spaces). */
const pod = (lines: string) => lines.replace(/^\n/, '').split('\n').map((l) => (l ? `        ${l}` : l)).join('\n');

/** A Device CRD as a repository ships it: `protocol` as the given schema, served versions as given. */
const deviceCrd = (protocol: string, versions = '  - name: v1beta1\n    served: true\n    storage: true\n') =>
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: devices.devices.kubeedge.io\nspec:\n  group: devices.kubeedge.io\n  names: {kind: Device, plural: devices}\n  scope: Namespaced\n  versions:\n' +
  versions.replace(/storage: true\n/g, `storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              nodeName: {type: string}\n              protocol: ${protocol}\n`);
/** A v1beta1 Device in the layout before protocol configs moved under protocolName/configData. */
const modbusDevice = 'apiVersion: devices.kubeedge.io/v1beta1\nkind: Device\nmetadata: {name: lock}\nspec:\n  nodeName: pi\n  protocol:\n    modbus: {slaveID: 1}\n';

/** A v1alpha2-era Device written for a project that scaffolds its own devices.kubeedge.io/v1alpha9 API. */
const ownVersionDevice = 'apiVersion: devices.kubeedge.io/v1alpha9\nkind: Device\nmetadata: {name: valve-7}\nspec:\n  modelName: valve\n  gateway: {address: 10.0.0.7}\n';
/** kubebuilder's project config (layout 3): `api:` marks the kinds the project defines. */
const kubebuilderProject = (resources: string, head = 'domain: kubeedge.io\nlayout:\n- go.kubebuilder.io/v3\n') =>
  `${head}projectName: valve-operator\nrepo: example.org/valve-operator\nresources:\n${resources}version: "3"\n`;
const ownDeviceApi = '- api:\n    crdVersion: v1\n    namespaced: true\n  controller: true\n  domain: kubeedge.io\n  group: devices\n  kind: Device\n  version: v1alpha9\n';

ruleTester(rule, {
  valid: [
    {
      name: 'a lower-case kind its own CRD serves, and a lower-case kind of a version edgelint has no schema of',
      files: {
        'crds/device.yaml': deviceCrd('{type: object}').replace('kind: Device', 'kind: device'),
        'device.yaml': 'apiVersion: devices.kubeedge.io/v1beta1\nkind: device\nmetadata: {name: lock}\nspec: {}\n',
        'widget.yaml': 'apiVersion: example.org/v1\nkind: deployment\nmetadata: {name: w}\n',
      },
    },
    {
      name: 'values an install script fills in at run time: ${REPLICAS} in an unquoted heredoc, a placeholder replaced by sed -i',
      files: {
        'install.sh': [
          '#!/bin/bash',
          'cat > /opt/app/deploy.yaml <<EOF',
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: reader',
          'spec:',
          '  replicas: ${REPLICAS}',
          '  selector:',
          '    matchLabels: { app: reader }',
          '  template:',
          '    metadata:',
          '      labels: { app: reader }',
          '    spec:',
          '      containers:',
          '      - name: reader',
          '        image: example.org/reader:1.0',
          '        imagePullPolicy: __PULL_POLICY__',
          'EOF',
          'sed -i "s/__PULL_POLICY__/$POLICY/" /opt/app/deploy.yaml',
          '',
        ].join('\n'),
      },
    },
    {
      // kustomize merges a patch into a resource and never applies it alone (api/types/kustomization.go).
      name: 'kustomize patches (patches[].path, patchesStrategicMerge) are partial objects: no required fields',
      files: {
        'overlays/edge/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: place.yaml\npatchesStrategicMerge:\n  - ../common/replicas.yaml\n',
        'overlays/edge/place.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      nodeSelector:\n        node-role.kubernetes.io/edge: ""\n',
        'overlays/common/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 2\n',
      },
    },
    {
      // `patches` as a list of file paths: the field's early form (kustomize 1.x); kustomize 5 refuses it,
      // so the file is merged into a resource or applied by nothing, never sent alone.
      name: 'a kustomize patch named by a bare path under patches is a partial object: no selector needed',
      files: {
        'overlays/certs/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../controller\npatches:\n  - sidecar.yaml\n',
        'overlays/certs/sidecar.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hub\n  namespace: edge-system\nspec:\n  template:\n    spec:\n      containers:\n        - name: hub\n          image: registry.local/hub:dev\n        - name: fetcher\n          image: registry.local/fetcher:2.1\n',
      },
    },
    {
      name: 'a complete DaemonSet: maps, quantities, int-or-string ports, enums, YAML 1.1 booleans',
      files: {
        'agent.yaml': daemonSet(pod(`
hostNetwork: yes
nodeSelector:
  node-role.kubernetes.io/edge: ""
tolerations:
- operator: Exists
  effect: ""
containers:
- name: agent
  image: registry.example.com/iot/agent:1.2.0
  imagePullPolicy: IfNotPresent
  ports:
  - containerPort: 1883
    hostPort: 1883
    protocol: TCP
  resources:
    limits: {cpu: 0.5, memory: 128Mi}
    requests: {cpu: 100m, memory: 64}
  livenessProbe:
    httpGet: {path: /healthz, port: http}
  readinessProbe:
    tcpSocket: {port: 8080}
`)),
      },
    },
    {
      name: 'Helm leaves empty values as null: accepted as the API server accepts them',
      files: {
        'agent.yaml': daemonSet(pod(`
nodeSelector:
affinity: null
containers:
- name: agent
  image: agent:1.0
  resources:
  env:
`)),
      },
    },
    {
      name: 'kinds without a schema (CRDs other than KubeEdge) are skipped',
      files: {
        'widget.yaml': text`
          apiVersion: example.com/v1
          kind: Widget
          metadata: {name: w}
          spec: {anything: [1, 2], nodeSelecter: {}}
        `,
      },
    },
    {
      name: 'x-kubernetes-preserve-unknown-fields keeps anything (Device protocol configData and status)',
      files: {
        'device.yaml': text`
          apiVersion: devices.kubeedge.io/v1beta1
          kind: Device
          metadata:
            name: thermometer
          spec:
            deviceModelRef: {name: thermometer-model}
            nodeName: edge-1
            protocol:
              protocolName: modbus
              configData: {port: /dev/ttyS0, baudRate: 9600, anything: {nested: true}}
            properties:
            - name: temperature
              reportCycle: 10000
              collectCycle: 10000
              reportToCloud: true
              visitors:
                protocolName: modbus
                configData: {register: HoldingRegister, offset: 2}
          status:
            twins: [{propertyName: temperature}]
        `,
      },
    },
    {
      name: 'a field older clusters still read is tolerated (PodResourceClaim.source, removed in Kubernetes 1.31)',
      files: {
        'pod.yaml': text`
          apiVersion: v1
          kind: Pod
          metadata: {name: gpu}
          spec:
            resourceClaims:
            - name: gpu
              source: {resourceClaimTemplateName: gpu-template}
            containers:
            - name: app
              image: app:1.0
        `,
      },
    },
    {
      name: 'timestamps, anchors, aliases and merge keys read as the API server reads them',
      files: {
        'cm.yaml': text`
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: settings
            creationTimestamp: 2024-05-01T10:00:00Z
            labels: &labels {app: settings, tier: edge}
            annotations:
              <<: *labels
              note: "1.0"
          data:
            broker: tcp://127.0.0.1:1883
            retries: "3"
        `,
      },
    },
    {
      name: 'KubeEdge objects that match their CRDs',
      files: {
        'kubeedge.yaml': text`
          apiVersion: rules.kubeedge.io/v1
          kind: RuleEndpoint
          metadata: {name: my-rest}
          spec:
            ruleEndpointType: rest
            properties: {}
          ---
          apiVersion: rules.kubeedge.io/v1
          kind: Rule
          metadata: {name: rest-to-eventbus}
          spec:
            source: my-rest
            sourceResource: {path: /a}
            target: my-eventbus
            targetResource: {topic: test}
          ---
          apiVersion: apps.kubeedge.io/v1alpha1
          kind: NodeGroup
          metadata: {name: hangzhou}
          spec:
            matchLabels: {location: hangzhou}
          ---
          apiVersion: devices.kubeedge.io/v1beta1
          kind: DeviceModel
          metadata: {name: thermometer-model}
          spec:
            properties:
            - name: temperature
              type: INT
              accessMode: ReadOnly
              maximum: "100"
        `,
      },
    },
    {
      // DeviceModelSpec.Protocol (staging/src/github.com/kubeedge/api/apis/devices/v1beta1/device_model_types.go)
      // is in the v1beta1 CRD of every release edgelint supports; see data/SOURCES.md.
      name: 'a current DeviceModel: protocol beside properties, a STREAM property',
      files: {
        'models/camera-model.yaml': text`
          apiVersion: devices.kubeedge.io/v1beta1
          kind: DeviceModel
          metadata:
            name: door-camera-model
            namespace: site-a
          spec:
            protocol: onvif
            properties:
            - name: saveFrame
              description: frames the mapper stores
              type: STREAM
              accessMode: ReadOnly
            - name: tilt
              type: FLOAT
              accessMode: ReadWrite
              minimum: "-30"
              maximum: "30"
              unit: degree
        `,
      },
    },
    {
      // Both v1beta1 CRDs still list v1alpha2 with served: true (storage: false) in 1.16-1.23; its
      // fields are checked against that version's schema (test/rules/k8s/schema-v1alpha2.test.ts).
      name: 'KubeEdge v1alpha2 devices are still served: not reported as a version',
      files: {
        'legacy/counter.yaml': text`
          apiVersion: devices.kubeedge.io/v1alpha2
          kind: DeviceModel
          metadata: {name: counter-model}
          spec:
            properties:
            - name: count
              type:
                int: {accessMode: ReadOnly}
          ---
          apiVersion: devices.kubeedge.io/v1alpha2
          kind: Device
          metadata: {name: counter}
          spec:
            deviceModelRef: {name: counter-model}
            protocol:
              customizedProtocol: {protocolName: counter}
        `,
      },
    },
    {
      name: 'YAML that is not a Kubernetes object stays silent without apiVersion: Helm values, compose, CI, package.json, unknown kinds, kustomization',
      files: {
        'chart/values.yaml': text`
          kind: DaemonSet
          image:
            repository: registry.example.com/iot/collector
            tag: 2.0.1
          resources:
            limits: {memory: 64Mi}
        `,
        'docker-compose.yml': text`
          services:
            broker:
              image: eclipse-mosquitto:2.0
              ports: ["1883:1883"]
        `,
        '.github/workflows/ci.yml': text`
          name: ci
          on: [push]
          jobs:
            test:
              runs-on: ubuntu-latest
              steps:
              - run: make test
        `,
        'package.json': '{"name": "site-tools", "kind": "Pod", "version": "1.0.0"}\n',
        'widget.yaml': text`
          kind: Widget
          metadata: {name: w}
          spec: {size: 3}
        `,
        'kustomization.yaml': text`
          kind: Kustomization
          resources:
          - deploy.yaml
        `,
        'deploy.yaml': text`
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: reader}
          spec:
            selector: {matchLabels: {app: reader}}
            template:
              metadata: {labels: {app: reader}}
              spec:
                containers:
                - name: reader
                  image: example.org/reader:1.0
        `,
      },
    },
    {
      name: 'an EdgeApplication manifest is checked as the object it creates, and passes',
      files: {
        'eapp.yaml': text`
          apiVersion: apps.kubeedge.io/v1alpha1
          kind: EdgeApplication
          metadata: {name: nginx-app}
          spec:
            workloadTemplate:
              manifests:
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nginx}
                spec:
                  selector: {matchLabels: {app: nginx}}
                  template:
                    metadata: {labels: {app: nginx}}
                    spec:
                      containers:
                      - name: nginx
                        image: nginx:1.27
              - apiVersion: example.com/v1
                kind: Widget
                spec: {anything: true}
            workloadScope:
              targetNodeGroups:
              - name: hangzhou
                overriders:
                  replicas: 2
                  imageOverriders:
                  - component: Registry
                    operator: replace
                    value: registry.example.com
        `,
      },
    },
    {
      // sweep8 FP-1: the repository's own CRD keeps every field under protocol; the API server does as its CRD says.
      name: 'a field the deployment’s own CRD keeps (x-kubernetes-preserve-unknown-fields) is no unknown field',
      files: { 'deploy/device-crd-patch.yaml': deviceCrd('{type: object, x-kubernetes-preserve-unknown-fields: true}'), 'deploy/device.yaml': modbusDevice },
    },
    {
      name: 'a version the deployment’s own CRD serves is served',
      files: {
        'crds/devices.yaml': deviceCrd('{type: object, x-kubernetes-preserve-unknown-fields: true}', '  - name: v1alpha1\n    served: true\n    storage: true\n'),
        'device.yaml': 'apiVersion: devices.kubeedge.io/v1alpha1\nkind: Device\nmetadata: {name: lock}\nspec:\n  protocol:\n    modbus: {slaveID: 1}\n',
      },
    },
    {
      name: 'an API version removed after the oldest cluster KubeEdge runs with (autoscaling/v2beta2, 1.26) is not judged without a stated release',
      files: { 'hpa.yaml': 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n' },
    },
    {
      name: 'a release older than 1.16 stated in the config: its Kubernetes is not in the data, removed versions are not judged',
      config: { kubeedgeVersion: '1.13' },
      files: { 'rbac.yaml': 'apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n' },
    },
    {
      // sweep14 FP-1: a kubebuilder project commits its PROJECT and samples; `make install` applies the CRDs controller-gen generates.
      name: 'a version a kubebuilder PROJECT says the project defines is served by the CRD it generates, whatever its fields',
      files: { PROJECT: kubebuilderProject(ownDeviceApi), 'config/samples/devices_v1alpha9_device.yaml': ownVersionDevice },
    },
    {
      name: 'a kind at a version KubeEdge serves, defined again by the project: its generated CRD, not KubeEdge’s schema, decides',
      files: { PROJECT: kubebuilderProject(ownDeviceApi.replace('v1alpha9', 'v1beta1')), 'deploy/device.yaml': modbusDevice },
    },
    {
      name: 'a layout-2 PROJECT lists only the APIs it defines, with the group qualified by the project domain',
      files: {
        PROJECT: 'version: "2"\ndomain: kubeedge.io\nrepo: example.org/valve-operator\nresources:\n- group: devices\n  version: v1alpha9\n  kind: Device\n',
        'config/samples/device.yaml': ownVersionDevice,
      },
    },
    {
      name: 'a PROJECT that writes the whole group in `group` defines that group',
      files: {
        PROJECT: kubebuilderProject('- api:\n    crdVersion: v1\n  group: devices.kubeedge.io\n  kind: Device\n  version: v1alpha9\n'),
        'config/samples/device.yaml': ownVersionDevice,
      },
    },
  ],
  invalid: [
    {
      // sweep8 U-1: an old guide's RBAC; no cluster a KubeEdge release from 1.16 on runs with serves it.
      name: 'an API version Kubernetes stopped serving before the oldest cluster KubeEdge runs with: one finding at apiVersion',
      files: {
        'deploy/rbac.yaml': 'apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n',
        'deploy/app.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: "two"\n  template:\n    spec:\n      containers: []\n',
      },
      errors: [
        {
          file: 'deploy/app.yaml',
          messageId: 'removedVersion',
          line: 1,
          column: 13,
          message:
            'Deployment web: Kubernetes 1.16 stopped serving extensions/v1beta1 Deployment, and the clusters KubeEdge 1.16 and newer run are Kubernetes 1.25 or newer, so kubectl apply fails with: no matches for kind "Deployment" in version "extensions/v1beta1". Use apps/v1.',
        },
        { file: 'deploy/rbac.yaml', messageId: 'removedVersion', line: 1, column: 13, message: /Kubernetes 1\.22 stopped serving rbac\.authorization\.k8s\.io\/v1beta1 ClusterRole.* Use rbac\.authorization\.k8s\.io\/v1\.$/ },
      ],
    },
    {
      name: 'with a stated release, its cluster decides: autoscaling/v2beta2 (1.26) under KubeEdge 1.22 (Kubernetes 1.31)',
      config: { kubeedgeVersion: '1.22' },
      files: { 'hpa.yaml': 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n' },
      errors: [{ messageId: 'removedVersion', line: 1, column: 13, message: /and a cluster for KubeEdge 1\.22 runs Kubernetes 1\.29 or newer, so/ }],
    },
    {
      name: 'a kind that is gone altogether',
      files: { 'psp.yaml': 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\nspec: {}\n' },
      errors: [{ messageId: 'removedVersion', line: 1, column: 13, message: /Kubernetes 1\.25 stopped serving policy\/v1beta1 PodSecurityPolicy.*The kind itself is gone\.$/ }],
    },
    {
      name: 'a field the deployment’s own CRD does not declare either is still unknown',
      files: { 'deploy/device-crd.yaml': deviceCrd('{type: object, properties: {common: {type: object, x-kubernetes-preserve-unknown-fields: true}}}'), 'deploy/device.yaml': modbusDevice },
      errors: [{ file: 'deploy/device.yaml', messageId: 'unknownField', line: 7, column: 5 }],
    },
    {
      name: 'without the deployment’s own CRD, KubeEdge’s decides',
      files: { 'deploy/device.yaml': modbusDevice },
      errors: [{ file: 'deploy/device.yaml', messageId: 'unknownField', line: 7, column: 5 }],
    },
    {
      name: 'without a PROJECT, a version no KubeEdge release serves is unserved',
      files: { 'config/samples/device.yaml': ownVersionDevice },
      errors: [{ file: 'config/samples/device.yaml', messageId: 'unservedVersion', line: 1, column: 13 }],
    },
    {
      name: 'a PROJECT resource without `api` (a controller of a kind defined elsewhere) defines no version',
      files: {
        PROJECT: kubebuilderProject('- controller: true\n  domain: kubeedge.io\n  group: devices\n  kind: Device\n  version: v1alpha9\n'),
        'config/samples/device.yaml': ownVersionDevice,
      },
      errors: [{ file: 'config/samples/device.yaml', messageId: 'unservedVersion', line: 1, column: 13 }],
    },
    {
      name: 'a PROJECT defines only its own versions: KubeEdge’s schema still judges a v1beta1 Device beside it',
      files: { PROJECT: kubebuilderProject(ownDeviceApi), 'config/samples/device.yaml': ownVersionDevice, 'deploy/device.yaml': modbusDevice },
      errors: [{ file: 'deploy/device.yaml', messageId: 'unknownField', line: 7, column: 5 }],
    },
    {
      name: 'a YAML file named PROJECT that is no kubebuilder config defines nothing',
      files: { PROJECT: 'resources:\n- group: devices.kubeedge.io\n  version: v1alpha9\n  kind: Device\n', 'config/samples/device.yaml': ownVersionDevice },
      errors: [{ file: 'config/samples/device.yaml', messageId: 'unservedVersion', line: 1, column: 13 }],
    },
    {
      name: 'a kind written in another letter case than its version serves: kubectl finds no such kind',
      files: {
        'app.yaml': 'apiVersion: apps/v1\nkind: deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
        'cm.yaml': 'apiVersion: v1\nkind: configMap\nmetadata: {name: settings}\ndata: {a: b}\n',
        'device.yaml': 'apiVersion: devices.kubeedge.io/v1beta1\nkind: device\nmetadata: {name: lock}\nspec: {}\n',
      },
      errors: [
        { file: 'app.yaml', messageId: 'kindCase', line: 2, column: 7, endLine: 2, endColumn: 17, message: 'deployment web: apps/v1 serves no kind "deployment" (kinds are case-sensitive), so kubectl apply fails with: no matches for kind "deployment" in version "apps/v1". Write kind: Deployment.' },
        { file: 'cm.yaml', messageId: 'kindCase', line: 2, column: 7, message: /no kind "configMap".*Write kind: ConfigMap\.$/ },
        { file: 'device.yaml', messageId: 'kindCase', line: 2, column: 7, message: /Write kind: Device\.$/ },
      ],
    },
    {
      name: 'a version the deployment’s own CRD lists but does not serve is still unserved',
      files: {
        'crds/devices.yaml': deviceCrd('{type: object}', '  - name: v1alpha1\n    served: false\n    storage: true\n'),
        'device.yaml': 'apiVersion: devices.kubeedge.io/v1alpha1\nkind: Device\nmetadata: {name: lock}\nspec: {}\n',
      },
      errors: [{ file: 'device.yaml', messageId: 'unservedVersion', line: 1, column: 13 }],
    },
    {
      name: 'a file no kustomization names as a patch is a whole object; a patch still needs real field names',
      files: {
        'overlays/edge/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: place.yaml\n',
        'overlays/edge/place.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      nodeSelecter: {}\n',
        'overlays/lab/place.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 2\n',
      },
      errors: [
        { file: 'overlays/edge/place.yaml', messageId: 'unknownFieldSuggest', line: 8, column: 7 },
        { file: 'overlays/lab/place.yaml', messageId: 'missingField', line: 5, column: 1 },
        { file: 'overlays/lab/place.yaml', messageId: 'missingField', line: 5, column: 1 },
      ],
    },
    {
      name: 'unknown fields with a did-you-mean among the fields of that object (typo, wrong case)',
      files: {
        'agent.yaml': daemonSet(pod(`
hostnetwork: true
nodeSelecter:
  node-role.kubernetes.io/edge: ""
containers:
- name: agent
  image: agent:1.0
  imagePullpolicy: IfNotPresent
`)),
      },
      errors: [
        {
          messageId: 'unknownFieldSuggest',
          line: 12,
          column: 7,
          endColumn: 18,
          message:
            'DaemonSet agent: spec.template.spec.hostnetwork is not a field of PodSpec — did you mean hostNetwork? kubectl apply refuses the object, and Helm, Flux and Argo CD apply it without the field.',
        },
        { messageId: 'unknownFieldSuggest', line: 13, column: 7, message: /spec\.template\.spec\.nodeSelecter is not a field of PodSpec — did you mean nodeSelector\?/ },
        { messageId: 'unknownFieldSuggest', line: 18, column: 9, message: /containers\[0\]\.imagePullpolicy is not a field of Container — did you mean imagePullPolicy\?/ },
      ],
    },
    {
      name: 'an unknown field nothing resembles gets no suggestion',
      files: {
        'agent.yaml': daemonSet(pod(`
containers:
- name: agent
  image: agent:1.0
  restartAfterCrash: true
`)),
      },
      errors: [{ messageId: 'unknownField', line: 15, column: 9, message: /containers\[0\]\.restartAfterCrash is not a field of Container: kubectl apply refuses/ }],
    },
    {
      name: 'wrong types at the value: a quoted boolean, a quoted port, a number where a string goes',
      files: {
        'agent.yaml': daemonSet(pod(`
hostNetwork: "yes"
containers:
- name: agent
  image: agent:1.0
  env:
  - name: VERSION
    value: 1.0
  ports:
  - containerPort: "1883"
`)),
      },
      errors: [
        { messageId: 'wrongType', line: 12, column: 20, message: 'DaemonSet agent: spec.template.spec.hostNetwork must be true or false, not the string "yes"; the API server rejects the object.' },
        { messageId: 'wrongType', line: 18, column: 18, message: /env\[0\]\.value must be a string, not the number 1\.0;/ },
        { messageId: 'wrongType', line: 20, column: 26, message: /ports\[0\]\.containerPort must be an integer \(32-bit\), not the string "1883";/ },
      ],
    },
    {
      name: 'a list where a mapping goes, and an integer beyond int32',
      files: {
        'agent.yaml': daemonSet(pod(`
nodeSelector:
- node-role.kubernetes.io/edge
containers:
- name: agent
  image: agent:1.0
  ports:
  - containerPort: 4294967296
`)),
      },
      errors: [
        { messageId: 'wrongType', line: 13, column: 7, message: /nodeSelector must be a mapping, not a list;/ },
        { messageId: 'wrongType', line: 18, column: 26, message: /containerPort must be an integer \(32-bit\), not the number 4294967296;/ },
      ],
    },
    {
      name: 'a placeholder in braces where a name goes: YAML reads {EDGE_NODE} as a mapping, and the message says so; a real flow mapping is just a mapping',
      files: {
        'agent.yaml': daemonSet(pod(`
nodeName: {EDGE_NODE}
containers:
- name: agent
  image: agent:1.0
  workingDir: {a: b}
`)),
      },
      errors: [
        { messageId: 'wrongType', line: 12, column: 17, message: 'DaemonSet agent: spec.template.spec.nodeName must be a string, not a mapping (YAML reads {EDGE_NODE} as one: quote it if it is a placeholder); the API server rejects the object.' },
        { messageId: 'wrongType', line: 16, column: 21, message: 'DaemonSet agent: spec.template.spec.containers[0].workingDir must be a string, not a mapping; the API server rejects the object.' },
      ],
    },
    {
      name: 'enum values: the API server accepts these exact spellings only',
      files: {
        'agent.yaml': daemonSet(pod(`
containers:
- name: agent
  image: agent:1.0
  imagePullPolicy: Sometimes
  ports:
  - containerPort: 1883
    protocol: tcp
`)),
      },
      errors: [
        { messageId: 'badEnum', line: 15, column: 26, message: 'DaemonSet agent: spec.template.spec.containers[0].imagePullPolicy must be one of Always, IfNotPresent, Never, not "Sometimes"; the API server rejects the object.' },
        { messageId: 'badEnum', line: 18, column: 21, message: /ports\[0\]\.protocol must be one of SCTP, TCP, UDP, not "tcp";/ },
      ],
    },
    {
      name: 'int-or-string and quantities: an integer or a string, not a list or a fraction of a port',
      files: {
        'agent.yaml': daemonSet(pod(`
containers:
- name: agent
  image: agent:1.0
  livenessProbe:
    httpGet: {path: /, port: 80.5}
  resources:
    limits:
      cpu: [1]
`)),
      },
      errors: [
        { messageId: 'wrongType', line: 16, column: 36, message: /httpGet\.port must be an integer or a string, not the number 80\.5;/ },
        { messageId: 'wrongType', line: 19, column: 18, message: /resources\.limits\.cpu must be a quantity \(a number, or a string such as 500m or 1Gi\), not a list;/ },
      ],
    },
    {
      name: 'missing required fields at the closest parent: a container without name, a DaemonSet without selector',
      files: {
        'agent.yaml': text`
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: agent
          spec:
            template:
              spec:
                containers:
                - image: agent:1.0
                  imagePullPolicy: IfNotPresent
        `,
      },
      errors: [
        { messageId: 'missingField', line: 5, column: 1, endColumn: 5, message: 'DaemonSet agent: spec has no selector, which DaemonSetSpec requires; the API server rejects the object.' },
        { messageId: 'missingField', line: 9, column: 9, message: 'DaemonSet agent: spec.template.spec.containers[0] has no name, which Container requires; the API server rejects the object.' },
      ],
    },
    {
      // The API server validates a zero spec: a Pod needs containers, a Deployment a selector, a CronJob a
      // schedule (pkg/apis/core/validation validateContainers, pkg/apis/apps and batch validation).
      name: 'a workload with no spec: its spec indented under metadata, a Deployment cut short, a CronJob with a null spec',
      files: {
        'probe.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\n  labels:\n    app: probe\n  spec:\n    containers:\n      - name: probe\n        image: busybox:1.36\n',
        'relay.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: relay\n',
        'rotate.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: rotate\nspec:\n',
      },
      errors: [
        { file: 'probe.yaml', messageId: 'missingField', line: 2, column: 7, message: 'Pod probe: Pod has no spec, which Pod requires; the API server rejects the object.' },
        { file: 'probe.yaml', messageId: 'unknownField', line: 7, column: 3 },
        { file: 'relay.yaml', messageId: 'missingField', line: 2, column: 7, endColumn: 17, message: 'Deployment relay: Deployment has no spec, which Deployment requires; the API server rejects the object.' },
        { file: 'rotate.yaml', messageId: 'emptyField', line: 5, column: 1 },
      ],
    },
    {
      name: 'KubeEdge CRDs: a required field, a misspelt field with its suggestion, an enum, a type',
      files: {
        'kubeedge.yaml': text`
          apiVersion: rules.kubeedge.io/v1
          kind: Rule
          metadata: {name: rest-to-eventbus}
          spec:
            source: my-rest
            sourceResource: {path: /a}
            targetResource: {topic: test}
          ---
          apiVersion: apps.kubeedge.io/v1alpha1
          kind: NodeGroup
          metadata: {name: hangzhou}
          spec:
            matchLabel: {location: hangzhou}
          ---
          apiVersion: devices.kubeedge.io/v1beta1
          kind: DeviceModel
          metadata: {name: thermometer-model}
          spec:
            properties:
            - name: temperature
              type: int
          ---
          apiVersion: devices.kubeedge.io/v1beta1
          kind: Device
          metadata: {name: thermometer}
          spec:
            deviceModelRef: {name: thermometer-model}
            properties:
            - name: temperature
              reportCycle: 10s
        `,
      },
      errors: [
        { messageId: 'missingField', line: 4, column: 1, message: 'Rule rest-to-eventbus: spec has no target, which Rule requires; the API server rejects the object.' },
        { messageId: 'unknownFieldSuggest', line: 13, column: 3, message: /NodeGroup hangzhou: spec\.matchLabel is not a field of NodeGroup — did you mean matchLabels\?/ },
        { messageId: 'badEnum', line: 21, column: 11, message: /spec\.properties\[0\]\.type must be one of BOOLEAN, BYTES, DOUBLE, FLOAT, INT, STREAM, STRING, not "int";/ },
        { messageId: 'wrongType', line: 30, column: 18, message: /spec\.properties\[0\]\.reportCycle must be an integer, not the string "10s";/ },
      ],
    },
    {
      name: 'a KubeEdge kind under a version no supported release serves is reported at its apiVersion',
      files: {
        'devices/old.yaml': text`
          apiVersion: devices.kubeedge.io/v1alpha1
          kind: DeviceModel
          metadata: {name: sensor-tag-model}
          spec:
            properties:
            - name: temperature
          ---
          apiVersion: "devices.kubeedge.io/v1alpha1"
          kind: Device
          metadata: {name: sensor-tag}
          spec:
            deviceModelRef: {name: sensor-tag-model}
          ---
          apiVersion: rules.kubeedge.io/v1beta1
          kind: Rule
          metadata: {name: forward}
          spec: {}
          ---
          apiVersion: apps.kubeedge.io/v1
          kind: NodeGroup
          metadata: {name: plant-a}
          spec: {nodes: [edge-1]}
        `,
      },
      errors: [
        {
          messageId: 'unservedVersion',
          line: 1,
          column: 13,
          endColumn: 41,
          message:
            'DeviceModel sensor-tag-model: no KubeEdge release from 1.16 to 1.23 serves devices.kubeedge.io/v1alpha1, so kubectl apply fails with: no matches for kind "DeviceModel" in version "devices.kubeedge.io/v1alpha1". Its CRD serves devices.kubeedge.io/v1alpha2 or devices.kubeedge.io/v1beta1.',
        },
        { messageId: 'unservedVersion', line: 8, column: 13, endColumn: 43, message: /^Device sensor-tag: .* Its CRD serves devices\.kubeedge\.io\/v1alpha2 or devices\.kubeedge\.io\/v1beta1\.$/ },
        { messageId: 'unservedVersion', line: 14, column: 13, message: /^Rule forward: .*no matches for kind "Rule" in version "rules\.kubeedge\.io\/v1beta1"\. Its CRD serves rules\.kubeedge\.io\/v1\.$/ },
        { messageId: 'unservedVersion', line: 19, column: 13, message: /^NodeGroup plant-a: .* Its CRD serves apps\.kubeedge\.io\/v1alpha1\.$/ },
      ],
    },
    {
      name: 'an object without apiVersion is reported once, at its kind, with the apiVersion to write',
      files: {
        'pod.yaml': text`
          kind: Pod
          metadata:
            name: probe
          spec:
            containers:
            - name: probe
              image: busybox:1.36
              imagePullpolicy: IfNotPresent
        `,
        'app.yaml': text`
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: settings}
          data: {level: info}
          ---
          # the apiVersion line was lost in a merge
          kind: Deployment
          metadata: {name: reader}
          spec:
            replicas: 1
        `,
        'thermo.json': '{\n  "kind": "Device",\n  "metadata": {"name": "thermo"},\n  "spec": {"deviceModelRef": {"name": "thermo-model"}}\n}\n',
      },
      errors: [
        { file: 'app.yaml', messageId: 'missingApiVersion', line: 7, column: 7, endColumn: 17, message: 'Deployment reader has no apiVersion: kubectl refuses the object ("apiVersion not set") and nothing applies it. Deployment is served as apps/v1.' },
        { file: 'pod.yaml', messageId: 'missingApiVersion', line: 1, column: 7, endColumn: 10, message: 'Pod probe has no apiVersion: kubectl refuses the object ("apiVersion not set") and nothing applies it. Pod is served as v1.' },
        { file: 'thermo.json', messageId: 'missingApiVersion', line: 2, column: 11, message: /^Device thermo has no apiVersion: .* Device is served as devices\.kubeedge\.io\/v1beta1\.$/ },
      ],
    },
    {
      name: 'a NodeGroup without spec is reported at its kind (the object has no closer parent)',
      files: {
        'ng.yaml': text`
          apiVersion: apps.kubeedge.io/v1alpha1
          kind: NodeGroup
          metadata: {name: empty}
        `,
      },
      errors: [{ messageId: 'missingField', line: 2, column: 7, message: 'NodeGroup empty: NodeGroup has no spec, which NodeGroup requires; the API server rejects the object.' }],
    },
    {
      name: 'an EdgeApplication manifest is checked against its own kind',
      files: {
        'eapp.yaml': text`
          apiVersion: apps.kubeedge.io/v1alpha1
          kind: EdgeApplication
          metadata: {name: nginx-app}
          spec:
            workloadTemplate:
              manifests:
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nginx}
                spec:
                  selector: {matchLabels: {app: nginx}}
                  template:
                    spec:
                      containers:
                      - name: nginx
                        image: nginx:1.27
                        imagePullpolicy: IfNotPresent
            workloadScope:
              targetNodeGroups:
              - name: hangzhou
                overriders:
                  imageOverriders:
                  - component: registry
                    operator: replace
        `,
      },
      errors: [
        { messageId: 'unknownFieldSuggest', line: 17, column: 15, message: /spec\.workloadTemplate\.manifests\[0\]\.spec\.template\.spec\.containers\[0\]\.imagePullpolicy is not a field of Container — did you mean imagePullPolicy\?/ },
        { messageId: 'badEnum', line: 23, column: 22, message: /imageOverriders\[0\]\.component must be one of Registry, Repository, Tag, not "registry";/ },
      ],
    },
    {
      name: 'helm template output: findings carry the template they come from',
      files: {
        'rendered.yaml': text`
          ---
          # Source: sensor/templates/daemonset.yaml
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: sensor
          spec:
            selector: {matchLabels: {app: sensor}}
            template:
              metadata: {labels: {app: sensor}}
              spec:
                nodeSelecter: {node-role.kubernetes.io/edge: ""}
                containers:
                - name: sensor
                  image: sensor:1.0
        `,
      },
      errors: [{ messageId: 'unknownFieldSuggest', line: 12, column: 7, helmSource: 'sensor/templates/daemonset.yaml' }],
    },
    {
      name: 'kind: List items are checked one by one',
      files: {
        'list.yaml': text`
          apiVersion: v1
          kind: List
          items:
          - apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports:
              - port: 80
                targetPort: http
                protocol: tcp
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            datas: {a: b}
        `,
      },
      errors: [
        { messageId: 'badEnum', line: 11, column: 17, message: /Service web: spec\.ports\[0\]\.protocol must be one of SCTP, TCP, UDP, not "tcp";/ },
        { messageId: 'unknownFieldSuggest', line: 15, column: 3, message: /ConfigMap settings: datas is not a field of ConfigMap — did you mean data\?/ },
      ],
    },
  ],
});
