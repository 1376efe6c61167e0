import rule from '../../../rules/k8s/edge-pull-policy.js';
import { ruleTester, text } from '../../rule-tester.js';
import { upstream } from '../../upstream.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

/** A Node manifest as repositories of the KubeEdge 1.x era applied before edgecore joined: labels and taints. */
const edgeNode = (extra = '', taints = '  - effect: NoSchedule\n    key: node-role.kubeedge.io\n    value: edge\n') =>
  `apiVersion: v1\nkind: Node\nmetadata:\n  name: edgenode\n  labels:\n    name: edgenode\n    node-role.kubernetes.io/edge: ""\n${extra}spec:\n` + (taints ? `  taints:\n${taints}` : '');

/** A Deployment with no placement and no imagePullPolicy on a :latest image. */
const unplaced = (spec = '') => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: controller\nspec:\n  template:\n    spec:\n${spec}      containers:\n      - name: c\n        image: example/controller:latest\n`;

/** A KubeEdge v1beta1 Device bound to `node`: it names an edge node of the deployment. */
const device = (node: string) => `apiVersion: devices.kubeedge.io/v1beta1\nkind: Device\nmetadata:\n  name: bed-sensor\nspec:\n  deviceModelRef:\n    name: bed-sensor-model\n  nodeName: ${node}\n`;
/** The same in v1alpha2, bound by a node selector term. */
const deviceAlpha = (node: string) => `apiVersion: devices.kubeedge.io/v1alpha2\nkind: Device\nmetadata:\n  name: bed-sensor\nspec:\n  nodeSelector:\n    nodeSelectorTerms:\n    - matchExpressions:\n      - key: ''\n        operator: In\n        values:\n        - ${node}\n`;
/** A Deployment pinned to one host by name, pulling at every start. */
const pinned = (host: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: dashboard\nspec:\n  template:\n    spec:\n      nodeSelector:\n        kubernetes.io/hostname: ${host}\n      containers:\n      - name: grafana\n        image: grafana/grafana:10.2.0\n        imagePullPolicy: Always\n`;

/** A DaemonSet selecting `tier: <tier>`, a label no manifest of the repository puts on a node. */
const selecting = (tier: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: collector\nspec:\n  template:\n    spec:\n      nodeSelector:\n        tier: ${tier}\n      containers:\n      - name: c\n        image: example/collector:latest\n`;
/**
 * A mapper Deployment whose required node affinity asks for `<key> In [<value>]`, a label no file of the
 * repository puts on a node, with an untagged image (so its pull policy defaults to Always).
 */
const mapperOn = (key: string, value: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: press-mapper\nspec:\n  template:\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - key: ${key}\n                operator: In\n                values: [${value}]\n      containers:\n      - name: mapper\n        image: registry.local:5000/press-mapper\n`;
/** An edge installer that joins `pi-01` and labels it (sweep5 D-1). */
const joinAndLabel = (label: string) => `#!/bin/bash\nNODE=pi-01\nkeadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name "$NODE"\nkubectl label node "$NODE" ${label} --overwrite\n`;

/**
 * A cloud-side installer that applies an agent DaemonSet for every node straight from a heredoc
 * (`kubectl $ACTION -f- <<EOF`, Sedna's installer's form), with the agent's image `image`.
 */
const applyingInstaller = (image: string, kubectl = 'kubectl $ACTION -f- <<EOF') => text`
  #!/bin/bash
  ACTION=\${ACTION:-create}
  ${kubectl}
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: agent
    namespace: fleet
  spec:
    template:
      spec:
        hostNetwork: true
        containers:
          - name: agent
            image: ${image}
  EOF
`;

ruleTester(rule, {
  valid: [
    {
      // sweep19 FP-2: a policy written as something other than a string (a template placeholder, or a
      // type error k8s/schema reports) is still a stated policy; the default never applies.
      name: 'an imagePullPolicy that is not a string says nothing about the default',
      files: { 'pod.yaml': pod('  nodeSelector:\n    node-role.kubernetes.io/edge: ""\n  containers:\n  - name: c\n    image: example/agent:latest\n    imagePullPolicy: [IfNotPresent]\n') },
    },
    {
      // sweep17 M-1's other side: a label valued with a name no edge node has says nothing of edge nodes.
      name: 'a label valued with a name the deployment gives no edge node keeps the pod off the edge class',
      files: { 'devices/press.yaml': deviceAlpha('press-7'), 'mapper.yaml': mapperOn('name', 'press-9') },
    },
    {
      name: 'the hostname label is decided by the names alone, not read as a label valued with a node name',
      files: { 'devices/press.yaml': deviceAlpha('press-7'), 'mapper.yaml': mapperOn('kubernetes.io/hostname', 'press-9') },
    },
    {
      name: 'a heredoc kubectl deletes, or applies in a dry run, applies nothing',
      files: {
        'uninstall.sh': applyingInstaller('example.org/fleet/agent:latest', 'kubectl delete -f - <<EOF'),
        'check.sh': applyingInstaller('example.org/fleet/agent:latest', 'kubectl apply --dry-run=client -f - <<EOF'),
      },
    },
    {
      name: 'the deployment describes its edge node with a Node object whose taint the workload does not tolerate: it cannot land there',
      files: { 'nodes/edgenode.yaml': edgeNode(), 'cloud/controller.yaml': unplaced() },
    },
    {
      name: 'a Node object in a kustomize patch is not a node',
      files: {
        'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [controller.yaml]\npatches:\n- path: node-patch.yaml\n',
        'node-patch.yaml': edgeNode('', '').replace('node-role.kubernetes.io/edge: ""\n', 'node-role.kubernetes.io/edge: ""\n    site: a\n'),
        'controller.yaml': unplaced('      nodeSelector:\n        site: a\n'),
      },
    },
    {
      name: 'containers of a patch a kustomization names by a bare path under patches run only as merged into their resource',
      files: {
        'overlays/certs/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../controller\npatches:\n  - sidecar.yaml\n',
        'overlays/certs/sidecar.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: hub\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: fetch-certs\n          image: registry.local/fetcher:latest\n          imagePullPolicy: Always\n      containers:\n        - name: hub\n          image: registry.local/hub:latest\n',
      },
    },
    {
      name: 'a label an installer puts on a node the deployment describes as a cloud node does not reach the described edge node',
      files: {
        'nodes/edgenode.yaml': edgeNode('', ''),
        'nodes/cloud.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: cloud-1\n  labels:\n    node-role.kubernetes.io/control-plane: ""\n',
        'cloud/label.sh': 'kubectl label node cloud-1 tier=sensor\n',
        'ds.yaml': selecting('sensor'),
      },
    },
    {
      name: 'pinned image with explicit IfNotPresent on edge',
      files: { 'p.yaml': pod('  nodeSelector:\n    node-role.kubernetes.io/edge: ""\n  containers:\n  - name: c\n    image: nginx:1.25.3\n    imagePullPolicy: IfNotPresent\n') },
    },
    {
      name: 'latest with explicit Never is fine: the policy is stated',
      files: { 'p.yaml': pod('  containers:\n  - name: c\n    image: busybox:latest\n    imagePullPolicy: Never\n') },
    },
    {
      name: 'kept off edge nodes by DoesNotExist affinity (CloudCore chart)',
      files: {
        'd.yaml': text`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: cloudcore
          spec:
            template:
              spec:
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - key: node-role.kubernetes.io/edge
                          operator: DoesNotExist
                containers:
                - name: cloudcore
                  image: kubeedge/cloudcore:latest
                  imagePullPolicy: Always
        `,
      },
    },
    {
      name: 'nodeSelector on a label edge nodes do not carry',
      files: { 'p.yaml': pod('  nodeSelector:\n    node-role.kubernetes.io/control-plane: ""\n  containers:\n  - name: c\n    image: busybox\n') },
    },
    {
      name: 'affinity In with a value edge nodes do not have',
      files: { 'p.yaml': pod('  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: kubernetes.io/os\n            operator: In\n            values: [windows]\n  containers:\n  - name: c\n    image: busybox\n') },
    },
    {
      name: 'edge class tainted in config and no toleration',
      config: { nodeClasses: { edge: { taints: [{ key: 'edge', effect: 'NoSchedule' }] } } },
      files: { 'p.yaml': pod('  containers:\n  - name: c\n    image: busybox\n') },
    },
    // Without imagePullPolicy the default follows the tag, which a placeholder does not show: no guess.
    ...['<user>/app:v1', '${IMAGE}', '$REGISTRY/app:v1', '"{{ .Values.image }}"'].map((image) => ({
      name: `no policy and an unparseable image ${image}: nothing is certain`,
      files: { 'p.yaml': pod(`  containers:\n  - name: c\n    image: ${image}\n`) },
    })),
    // A placeholder tag is filled with a version or with latest: the default policy is not known either.
    ...['app:__TAG__', 'app:${TAG}', 'app:TAG', '"app:<tag>"', '"app:{{ .Values.tag }}"'].map((image) => ({
      name: `no policy and a placeholder tag ${image}: nothing is certain`,
      files: { 'p.yaml': pod(`  containers:\n  - name: c\n    image: ${image}\n`) },
    })),
    {
      name: 'Service and ConfigMap are not workloads',
      files: { 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n' },
    },
    {
      // sweep5 FP-1: dashboards pinned to the cloud VM beside Devices bound to the edge node.
      name: 'a pod pinned to a host the deployment does not name as an edge node, when it names its edge nodes (Devices)',
      files: { 'devices/sensor.yaml': device('edgenode'), 'cloud/dashboard.yaml': pinned('cloudnode') },
    },
    {
      name: 'the same with a v1alpha2 Device bound by a node selector term',
      files: { 'devices/sensor.yaml': deviceAlpha('edgenode'), 'cloud/dashboard.yaml': pinned('cloudnode') },
    },
    {
      name: 'edge node names from keadm join --edgenode-name: a pod bound by nodeName to another node is not on them',
      files: { 'edge/join.sh': 'NODE=pi-01\nkeadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name "$NODE"\n', 'p.yaml': pod('  nodeName: master\n  containers:\n  - name: c\n    image: busybox:latest\n') },
    },
    {
      name: 'edge node names from edgecore.yaml hostnameOverride',
      files: { 'edge/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    hostnameOverride: gateway-7\n', 'cloud/dashboard.yaml': pinned('cloudnode') },
    },
    {
      name: 'a label an installer puts on its edge node with another value than the one selected',
      files: { 'edge/install.sh': joinAndLabel('tier=gateway'), 'ds.yaml': selecting('sensor') },
    },
    {
      name: 'a label put on a node the deployment never names as an edge node',
      files: { 'edge/install.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 -i pi-01\nkubectl label node master tier=sensor\n', 'ds.yaml': selecting('sensor') },
    },
    {
      name: 'a selected label nothing in the repository puts on an edge node',
      files: { 'ds.yaml': selecting('sensor') },
    },
    {
      name: 'a label valued edge in only one of two ORed terms does not make the pod an edge pod',
      files: { 'p.yaml': pod('  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: tier\n            operator: In\n            values: [edge]\n        - matchExpressions:\n          - key: tier\n            operator: In\n            values: [core]\n  containers:\n  - name: c\n    image: busybox:latest\n') },
    },
    {
      name: 'a label valued edge on the host name is a host called edge, not a mark for edge nodes',
      files: { 'devices/sensor.yaml': device('gw-2'), 'p.yaml': pod('  nodeSelector:\n    kubernetes.io/hostname: edge\n  containers:\n  - name: c\n    image: busybox:latest\n') },
    },
  ],
  invalid: [
    {
      // sweep17 M-1: KubeEdge 1.x labelled its edge nodes `name: <node>` (build/node.json); a mapper
      // pinned that way beside a Device bound to the node runs there, and an untagged image pulls at
      // every start.
      name: 'a pod requiring a label valued with the name of an edge node a Device is bound to is an edge pod',
      files: { 'devices/press.yaml': deviceAlpha('press-7'), 'mapper.yaml': mapperOn('name', 'press-7') },
      errors: [{ file: 'mapper.yaml', messageId: 'defaultAlways', line: 18, column: 16, message: /^Container mapper of Deployment press-mapper requires the node label name=press-7, the name of edge node press-7, with image registry\.local:5000\/press-mapper and no imagePullPolicy/ }],
    },
    {
      // sweep18 M-1: a KubeEdge 0.x demo labelled its edge node `dedicated=edge` by hand (setup notes,
      // not a script) and pinned its recognition Deployment with `nodeSelector: {dedicated: edge}`.
      name: 'a pod requiring a label valued edge is an edge pod, and the message names the label',
      files: { 'ds.yaml': selecting('edge') },
      errors: [{ file: 'ds.yaml', messageId: 'defaultAlways', line: 12, column: 16, message: /^Container c of DaemonSet collector requires the node label tier=edge, which names edge nodes, with image example\/collector:latest and no imagePullPolicy/ }],
    },
    {
      name: 'the same through required node affinity, the value in any case, in every ORed term',
      files: { 'p.yaml': pod('  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: example.com/node-type\n            operator: In\n            values: [Edge]\n        - matchExpressions:\n          - key: dedicated\n            operator: In\n            values: [gateway, edge]\n  containers:\n  - name: c\n    image: busybox:1.36\n') },
      errors: [{ file: 'p.yaml', messageId: 'implicit', line: 20, column: 12, message: /^Container c of Pod p requires the node label example\.com\/node-type=Edge, which names edge nodes, without imagePullPolicy/ }],
    },
    {
      name: 'the same with a name keadm joins, even when other edge nodes join unnamed',
      files: { 'edge/join.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 -i press-7\nkeadm join --cloudcore-ipport=10.0.0.1:10000\n', 'mapper.yaml': mapperOn('site-node', 'press-7') },
      errors: [{ file: 'mapper.yaml', messageId: 'defaultAlways', line: 18, column: 16, message: /requires the node label site-node=press-7, the name of edge node press-7,/ }],
    },
    {
      name: 'a DaemonSet an installer applies from a heredoc (`kubectl $ACTION -f- <<EOF`): reported on the script line',
      files: { 'install.sh': applyingInstaller('example.org/fleet/agent:latest') },
      errors: [{ file: 'install.sh', messageId: 'defaultAlways', line: 15, column: 18, message: /^Container agent of DaemonSet agent can land on edge nodes .* with image example\.org\/fleet\/agent:latest and no imagePullPolicy/ }],
    },
    {
      name: 'the same fed by `cat <<EOF |` into `kubectl apply --filename=-`',
      files: { 'install.sh': applyingInstaller('example.org/fleet/agent:latest', 'cat <<EOF | kubectl -n fleet apply --filename=-') },
      errors: [{ file: 'install.sh', messageId: 'defaultAlways', line: 15, column: 18 }],
    },
    {
      // sweep16 R-1: a host-network metrics agent for every Linux node is not aimed at edge nodes, it only does not avoid them.
      name: 'a DaemonSet selecting only the operating system can land on edge nodes, and the message says why',
      files: {
        'agent.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: probe\nspec:\n  selector:\n    matchLabels: {app: probe}\n  template:\n    metadata:\n      labels: {app: probe}\n    spec:\n      nodeSelector:\n        kubernetes.io/os: linux\n      containers:\n      - name: probe\n        image: example.org/obs/probe:2.1\n        imagePullPolicy: Always\n',
      },
      errors: [{ file: 'agent.yaml', messageId: 'explicitAlways', line: 17, column: 26, message: 'Container probe of DaemonSet probe can land on edge nodes (it selects only an operating system or architecture, kubernetes.io/os: linux, which edge nodes have too) with `imagePullPolicy: Always`: every start contacts the registry, so the pod cannot start on an offline node (ErrImagePull).' }],
    },
    {
      name: 'the same through required node affinity on the architecture',
      files: { 'p.yaml': pod('  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: kubernetes.io/arch\n            operator: In\n            values: [arm64, arm]\n  containers:\n  - name: c\n    image: busybox\n') },
      errors: [{ file: 'p.yaml', messageId: 'defaultAlways', line: 16, column: 12, message: /^Container c of Pod p can land on edge nodes \(it selects only an operating system or architecture, kubernetes\.io\/arch In arm64, arm, which edge nodes have too\) with image busybox/ }],
    },
    {
      name: 'a selector naming the edge role beside the operating system still lands on edge nodes',
      files: { 'p.yaml': pod('  nodeSelector:\n    kubernetes.io/os: linux\n    node-role.kubernetes.io/edge: ""\n  containers:\n  - name: c\n    image: busybox:latest\n') },
      errors: [{ file: 'p.yaml', messageId: 'defaultAlways', line: 11, column: 12, message: /^Container c of Pod p lands on edge nodes with image busybox:latest/ }],
    },
    {
      name: 'a pod pinned to a host the deployment names as an edge node lands there',
      files: { 'devices/sensor.yaml': device('edgenode'), 'edge/collector.yaml': pinned('edgenode') },
      errors: [{ file: 'edge/collector.yaml', messageId: 'explicitAlways', line: 13, column: 26, message: /^Container grafana of Deployment dashboard lands on edge nodes with `imagePullPolicy: Always`/ }],
    },
    {
      name: 'a pod pinned to a host when the deployment names no edge node: said to be pinned there, which can be an edge node',
      files: { 'cloud/dashboard.yaml': pinned('cloudnode') },
      errors: [{ messageId: 'explicitAlways', line: 13, column: 26, message: /^Container grafana of Deployment dashboard is pinned to host cloudnode \(kubernetes\.io\/hostname\), which can be an edge node, with `imagePullPolicy: Always`/ }],
    },
    {
      // sweep25: an architecture beside the host name narrows nothing about which host it is.
      name: 'a pod pinned to a host and an architecture is still pinned to that host, which can be an edge node',
      files: { 'cloud/batch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: batch\nspec:\n  template:\n    spec:\n      nodeSelector:\n        kubernetes.io/arch: amd64\n        kubernetes.io/hostname: rack-7\n      containers:\n      - name: queue\n        image: example/queue:2.1\n        imagePullPolicy: Always\n' },
      errors: [{ messageId: 'explicitAlways', line: 14, column: 26, message: /^Container queue of Deployment batch is pinned to host rack-7 \(kubernetes\.io\/hostname\), which can be an edge node, with `imagePullPolicy: Always`/ }],
    },
    {
      name: 'a host name beside an architecture in one required node-affinity term is still a pin to that host (review of 8e3166a)',
      files: { 'cloud/batch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: batch\nspec:\n  template:\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - {key: kubernetes.io/hostname, operator: In, values: [rack-7]}\n              - {key: kubernetes.io/arch, operator: In, values: [amd64]}\n      containers:\n      - name: queue\n        image: example/queue:2.1\n        imagePullPolicy: Always\n' },
      errors: [{ messageId: 'explicitAlways', line: 18, column: 26, message: /^Container queue of Deployment batch is pinned to host rack-7 \(kubernetes\.io\/hostname\), which can be an edge node, with `imagePullPolicy: Always`/ }],
    },
    {
      name: 'a pod bound by nodeName to a node keadm joins as an edge node',
      files: { 'edge/join.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 -i pi-01\n', 'p.yaml': pod('  nodeName: pi-01\n  containers:\n  - name: c\n    image: busybox:latest\n') },
      errors: [{ file: 'p.yaml', messageId: 'defaultAlways', line: 9, column: 12, message: /^Container c of Pod p is bound to edge node pi-01 \(nodeName\) with image busybox:latest/ }],
    },
    {
      // sweep7 M-1: one node's backed-up config names edge-a, but the installer joins nodes under a name the run decides.
      name: 'names are no closed list when a keadm join names its node at run time: a pin to another host can be an edge node',
      files: {
        'edge/backup/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    hostnameOverride: edge-a\n',
        'edge/setup.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name=edge-node-${NODE_NUM}\n',
        'cloud/dashboard.yaml': pinned('edge-002'),
      },
      errors: [{ file: 'cloud/dashboard.yaml', messageId: 'explicitAlways', line: 13, column: 26, message: /^Container grafana of Deployment dashboard is pinned to host edge-002 \(kubernetes\.io\/hostname\), which can be an edge node,/ }],
    },
    {
      name: 'names are no closed list beside an edgecore.yaml without hostnameOverride (its node registers under its hostname)',
      files: { 'devices/sensor.yaml': device('edgenode'), 'edge/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    maxPods: 20\n', 'cloud/dashboard.yaml': pinned('gateway-3') },
      errors: [{ file: 'cloud/dashboard.yaml', messageId: 'explicitAlways', line: 13, column: 26, message: /is pinned to host gateway-3 \(kubernetes\.io\/hostname\), which can be an edge node,/ }],
    },
    {
      // sweep7 Q-2: a placeholder is no node's name; whatever is filled in, the pod pulls at every start.
      name: 'a placeholder nodeName, beside edge node names the deployment states, is a node still to be filled in',
      files: { 'devices/sensor.yaml': device('edgenode'), 'p.yaml': pod('  nodeName: <your node name>\n  containers:\n  - name: c\n    image: busybox:latest\n') },
      errors: [{ file: 'p.yaml', messageId: 'defaultAlways', line: 9, column: 12, message: /^Container c of Pod p is bound by nodeName to a node still to be filled in \(<your node name>\), which can be an edge node, with image busybox:latest/ }],
    },
    {
      name: 'a placeholder hostname pin, beside edge node names the deployment states, can be an edge node',
      files: { 'devices/sensor.yaml': device('edgenode'), 'cloud/dashboard.yaml': pinned('<edge_node>') },
      errors: [{ file: 'cloud/dashboard.yaml', messageId: 'explicitAlways', line: 13, column: 26, message: /is pinned to a host still to be filled in \(kubernetes\.io\/hostname: <edge_node>\), which can be an edge node,/ }],
    },
    {
      // sweep8 Q-2: a placeholder in capitals and underscores is no node's name either.
      name: 'a placeholder hostname pin when the deployment names no edge node',
      files: { 'cloud/dashboard.yaml': pinned('Name_of_your_Node') },
      errors: [{ file: 'cloud/dashboard.yaml', messageId: 'explicitAlways', line: 13, column: 26, message: /is pinned to a host still to be filled in \(kubernetes\.io\/hostname: Name_of_your_Node\), which can be an edge node,/ }],
    },
    {
      // sweep5 D-1: the installer labels the edge node it joins; the DaemonSet selects that label.
      name: 'a label an installer puts on the edge node it joins (kubectl label node) reaches the workload selecting it',
      files: { 'edge/install.sh': joinAndLabel('tier=sensor'), 'ds.yaml': selecting('sensor') },
      errors: [{ file: 'ds.yaml', messageId: 'defaultAlways', line: 12, column: 16 }],
    },
    {
      name: 'a label keadm join --labels registers the node with, and one kubectl puts on every node',
      files: { 'edge/join.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 --labels=tier=sensor\n', 'ds.yaml': selecting('sensor'), 'all/label.sh': 'kubectl label nodes --all site=hall-3\n', 'site.yaml': selecting('sensor').replace('tier: sensor', 'site: hall-3').replace('name: collector', 'name: site-agent') },
      errors: [
        { file: 'ds.yaml', messageId: 'defaultAlways', line: 12, column: 16 },
        { file: 'site.yaml', messageId: 'defaultAlways', line: 12, column: 16 },
      ],
    },
    {
      name: 'a node labelled by a name the installer joins is an edge node even when another join names its node at run time',
      files: {
        'edge/install.sh': '#!/bin/bash\nkeadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name pi-01\nkubectl label node pi-01 tier=sensor\nkeadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name "pi-$N"\n',
        'ds.yaml': selecting('sensor'),
      },
      errors: [{ file: 'ds.yaml', messageId: 'defaultAlways', line: 12, column: 16 }],
    },
    {
      // review22: a placeholder pin counts as possibly edge; a placeholder in kubectl label must too.
      name: 'a label kubectl puts on a node named by a placeholder (`<edge-node>`) may reach an edge node',
      files: { 'docs/label.sh': "kubectl label node '<edge-node>' tier=sensor\n", 'ds.yaml': selecting('sensor') },
      errors: [{ file: 'ds.yaml', messageId: 'defaultAlways', line: 12, column: 16 }],
    },
    {
      name: 'keadm join --labels labels the node it joins, whose name is still a placeholder',
      files: { 'edge/join.sh': "keadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name='<node-name>' --labels=tier=sensor\n", 'ds.yaml': selecting('sensor') },
      errors: [{ file: 'ds.yaml', messageId: 'defaultAlways', line: 12, column: 16 }],
    },
    {
      name: 'names are no closed list when a keadm join names its node by a placeholder: a pin to another host can be an edge node',
      files: { 'devices/sensor.yaml': device('edge-a'), 'edge/setup.sh': "keadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name='<edge-node-name>'\n", 'cloud/dashboard.yaml': pinned('edge-002') },
      errors: [{ file: 'cloud/dashboard.yaml', messageId: 'explicitAlways', line: 13, column: 26, message: /is pinned to host edge-002 \(kubernetes\.io\/hostname\), which can be an edge node,/ }],
    },
    {
      name: 'names are no closed list beside an edgecore.yaml whose hostnameOverride is a placeholder filled in at install time',
      files: { 'devices/sensor.yaml': device('edge-a'), 'edge/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    hostnameOverride: ${NODE_NAME}\n', 'cloud/dashboard.yaml': pinned('edge-002') },
      errors: [{ file: 'cloud/dashboard.yaml', messageId: 'explicitAlways', line: 13, column: 26, message: /is pinned to host edge-002 \(kubernetes\.io\/hostname\), which can be an edge node,/ }],
    },
    {
      name: 'a label an installer puts on a node the deployment describes with a Node object reaches that node',
      files: { 'nodes/edgenode.yaml': edgeNode('', ''), 'edge/install.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 --edgenode-name edgenode\nkubectl label node edgenode tier=sensor\n', 'ds.yaml': selecting('sensor') },
      errors: [{ file: 'ds.yaml', messageId: 'defaultAlways', line: 12, column: 16 }],
    },
    {
      // sweep5 M-1: the KubeEdge 1.x taint key written with a suffix.
      name: 'a DaemonSet tolerating node-role.kubeedge.io/edge and selecting a label the repository never shows lands on edge nodes',
      files: { 'ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: collector\nspec:\n  template:\n    spec:\n      nodeSelector:\n        example.com/exclude-cni: "true"\n      tolerations:\n      - key: node-role.kubeedge.io/edge\n        operator: Exists\n      containers:\n      - name: c\n        image: example/collector:v4\n        imagePullPolicy: Always\n' },
      errors: [{ messageId: 'explicitAlways', line: 16, column: 26 }],
    },
    {
      // A real repository's DaemonSets: "only schedule this on kubeedge devices", by a label added with `kubectl label`.
      name: 'a workload tolerating the edge taint and selecting a label the repository never shows lands on edge nodes',
      files: {
        'ds.yaml': text`
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: web
          spec:
            selector:
              matchLabels: {app: web}
            template:
              metadata:
                labels: {app: web}
              spec:
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - key: example.com/sensor-gateway
                          operator: Exists
                tolerations:
                - key: node-role.kubernetes.io/edge
                  operator: Exists
                  effect: NoExecute
                containers:
                - name: web
                  image: nginx
        `,
      },
      errors: [{ messageId: 'defaultAlways', line: 25, column: 16 }],
    },
    {
      name: 'a workload tolerating the described edge node\'s taint lands there',
      files: { 'nodes/edgenode.yaml': edgeNode(), 'cloud/controller.yaml': unplaced('      tolerations:\n      - effect: NoSchedule\n        key: node-role.kubeedge.io\n        value: edge\n') },
      errors: [{ file: 'cloud/controller.yaml', messageId: 'defaultAlways', line: 14, column: 16 }],
    },
    {
      // sweep4 Q-3: the pod names its node; "nothing keeps it off them" would be wrong.
      name: 'a pod bound to a node by nodeName: said so, not that nothing places it',
      files: { 'p.yaml': pod('  nodeName: gateway-01\n  containers:\n  - name: c\n    image: busybox:latest\n') },
      errors: [{ messageId: 'defaultAlways', line: 9, column: 12, message: /^Container c of Pod p is bound to node gateway-01 \(nodeName\), which can be an edge node, with image busybox:latest and no imagePullPolicy/ }],
    },
    {
      // A real repository's robot pods: the agent role label plus a label set with `kubectl label`.
      name: 'a workload requiring the agent role label and a label the repository never shows lands on edge nodes',
      files: { 'p.yaml': pod('  nodeSelector:\n    node-role.kubernetes.io/agent: ""\n    example.com/robot: arm-1\n  containers:\n  - name: teleop\n    image: example/teleop:latest\n') },
      errors: [{ messageId: 'defaultAlways', line: 11, column: 12 }],
    },
    {
      name: 'a nodeSelector on a label only the described edge node carries lands on edge nodes',
      files: { 'nodes/edgenode.yaml': edgeNode('', ''), 'cloud/controller.yaml': unplaced('      nodeSelector:\n        name: edgenode\n') },
      errors: [{ file: 'cloud/controller.yaml', messageId: 'defaultAlways', line: 12, column: 16 }],
    },
    {
      name: 'two described edge nodes: a workload lands on the class when it lands on one of them',
      files: {
        'nodes.yaml': edgeNode() + '---\n' + edgeNode('    site: b\n', '').replace('name: edgenode\n  labels', 'name: edgenode-b\n  labels'),
        'cloud/controller.yaml': unplaced('      nodeSelector:\n        site: b\n'),
      },
      errors: [{ file: 'cloud/controller.yaml', messageId: 'defaultAlways', line: 12, column: 16 }],
    },
    {
      // Host names and image references are quoted whole, however long (no `…` in messages).
      name: 'a long registry host and path without a tag, quoted whole',
      files: { 'p.yaml': pod('  containers:\n  - name: c\n    image: registry.plant-7.line-controllers.edge.internal.example-manufacturing.com:5000/line-controllers/opcua-gateway-with-a-rather-long-name\n') },
      errors: [
        {
          messageId: 'defaultAlways',
          line: 8,
          column: 12,
          message:
            'Container c of Pod p can land on edge nodes (no nodeSelector or node affinity keeps it off them) with image registry.plant-7.line-controllers.edge.internal.example-manufacturing.com:5000/line-controllers/opcua-gateway-with-a-rather-long-name and no imagePullPolicy: Kubernetes defaults it to Always (the image has no tag), so the pod cannot start on an offline node.',
        },
      ],
    },
    // An explicit Always is certain whatever the image reference: template leftovers included.
    ...['<user>/app:v1', '${IMAGE}', '$REGISTRY/app:v1', '"{{ .Values.image }}"'].map((image) => ({
      name: `explicit Always with an unparseable image ${image}, at the Always value`,
      files: { 'ds.yaml': `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n      - name: agent\n        image: ${image}\n        imagePullPolicy: Always\n` },
      errors: [
        {
          messageId: 'explicitAlways',
          line: 11,
          column: 26,
          endColumn: 32,
          message: 'Container agent of DaemonSet agent can land on edge nodes (no nodeSelector or node affinity keeps it off them) with `imagePullPolicy: Always`: every start contacts the registry, so the pod cannot start on an offline node (ErrImagePull).',
        },
      ],
    })),
    {
      name: 'explicit Always on a pod with no placement (lands on edge)',
      files: { 'p.yaml': pod('  containers:\n  - name: c\n    image: nginx:1.25.3\n    imagePullPolicy: Always\n') },
      errors: [{ messageId: 'explicitAlways', line: 9, column: 22, endColumn: 28, severity: 'error' }],
    },
    {
      name: 'explicit Always beside a placeholder tag is still certain',
      files: { 'p.yaml': pod('  containers:\n  - name: c\n    image: app:__TAG__\n    imagePullPolicy: Always\n') },
      errors: [{ messageId: 'explicitAlways', line: 9, column: 22, endColumn: 28, severity: 'error' }],
    },
    {
      name: 'latest tag without policy defaults to Always',
      files: { 'p.yaml': pod('  nodeSelector:\n    node-role.kubernetes.io/edge: ""\n  containers:\n  - name: agent\n    image: registry.example.com/iot/sensor-agent:latest\n') },
      errors: [{ messageId: 'defaultAlways', line: 10, column: 12, severity: 'error', message: /defaults it to Always \(the tag is latest\)/ }],
    },
    {
      name: 'no tag without policy defaults to Always (init containers too)',
      files: { 'p.yaml': pod('  initContainers:\n  - name: init\n    image: busybox\n  containers:\n  - name: c\n    image: busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n    imagePullPolicy: IfNotPresent\n') },
      errors: [{ messageId: 'defaultAlways', line: 8, column: 12, message: /the image has no tag/ }],
    },
    {
      name: 'pinned without policy is a warning, fixed by inserting IfNotPresent',
      files: { 'p.yaml': pod('  containers:\n  - name: c\n    image: "eclipse-mosquitto:2.0"   # broker\n    ports:\n    - containerPort: 1883\n') },
      errors: [{ messageId: 'implicit', line: 8, column: 12, severity: 'warning' }],
      output: { 'p.yaml': pod('  containers:\n  - name: c\n    image: "eclipse-mosquitto:2.0"   # broker\n    imagePullPolicy: IfNotPresent\n    ports:\n    - containerPort: 1883\n') },
    },
    {
      name: 'image as first key after the dash keeps the list indentation in the fix',
      files: { 'p.yaml': pod('  containers:\n  - image: nginx:1.25.3\n    name: c\n') },
      errors: [{ messageId: 'implicit', line: 7, column: 12 }],
      output: { 'p.yaml': pod('  containers:\n  - image: nginx:1.25.3\n    imagePullPolicy: IfNotPresent\n    name: c\n') },
    },
    {
      name: 'flow-style container is reported but not fixed',
      files: { 'p.yaml': pod('  containers: [{name: c, image: nginx:1.25.3}]\n') },
      errors: [{ messageId: 'implicit', line: 6, column: 33 }],
      output: { 'p.yaml': pod('  containers: [{name: c, image: nginx:1.25.3}]\n') },
    },
    {
      name: 'helm output names the template',
      files: {
        'rendered.yaml': text`
          ---
          # Source: app/templates/deployment.yaml
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: app
          spec:
            template:
              spec:
                containers:
                - name: app
                  image: app:latest
        `,
      },
      errors: [{ messageId: 'defaultAlways', line: 12, column: 16, helmSource: 'app/templates/deployment.yaml' }],
    },
    {
      name: 'CronJob pod template',
      files: {
        'cj.yaml': text`
          apiVersion: batch/v1
          kind: CronJob
          metadata:
            name: cj
          spec:
            jobTemplate:
              spec:
                template:
                  spec:
                    containers:
                    - name: c
                      image: busybox:1.36
                      imagePullPolicy: Always
        `,
      },
      errors: [{ messageId: 'explicitAlways', line: 13, column: 30 }],
    },
    {
      name: 'the CloudCore chart mosquitto DaemonSet template with its optional blocks left out: no placement, so it lands on edge',
      files: {
        'ds.yaml': upstream('chartDaemonSetBare'),
      },
      errors: [{ messageId: 'implicit', line: 22, column: 16, message: /DaemonSet edge-eclipse-mosquitto/ }],
    },
  ],
});
