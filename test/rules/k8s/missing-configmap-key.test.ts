import rule from '../../../rules/k8s/missing-configmap-key.js';
import { ruleTester } from '../../rule-tester.js';

/** A ConfigMap whose `data` holds the given keys (each a one-line value). */
const configMap = (keys: string[], { name = 'broker-conf', namespace = '', binary = [] as string[] } = {}) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}` +
  (keys.length ? `data:\n${keys.map((k) => `  ${k}: "listener 1883"\n`).join('')}` : '') +
  (binary.length ? `binaryData:\n${binary.map((k) => `  ${k}: AAAA\n`).join('')}` : '');

/**
 * A broker Deployment mounting ConfigMap broker-conf; `mount` and `volume` are the lines under the
 * container's volumeMounts item and the volume's configMap mapping: a `subPath:` is line 18, its value
 * at column 20; without `env`, an `items:` list starts on line 23.
 */
const broker = (mount: string, volume = '', { namespace = '', env = '' } = {}) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broker\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  selector:\n    matchLabels: {app: broker}\n  template:\n    metadata:\n      labels: {app: broker}\n    spec:\n      containers:\n      - name: mosquitto\n        image: eclipse-mosquitto:2.0.18\n${env}        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config/mosquitto.conf\n${mount}      volumes:\n      - name: conf\n        configMap:\n          name: broker-conf\n${volume}`;

const subPath = (path: string) => `          subPath: ${path}\n`;
const envRef = (key: string, optional = '') =>
  `        env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: broker-conf\n              key: ${key}\n${optional}`;

ruleTester(rule, {
  valid: [
    { name: 'subPath names a key the ConfigMap has', files: { 'cm.yaml': configMap(['mosquitto.conf']), 'broker.yaml': broker(subPath('mosquitto.conf')) } },
    {
      name: 'subPath names the path an item projects its key to',
      files: { 'cm.yaml': configMap(['edge.conf']), 'broker.yaml': broker(subPath('mosquitto.conf'), '          items:\n          - key: edge.conf\n            path: mosquitto.conf\n') },
    },
    {
      name: 'subPath names a directory an item path creates',
      files: { 'cm.yaml': configMap(['edge.conf']), 'broker.yaml': broker(subPath('conf.d/'), '          items:\n          - key: edge.conf\n            path: conf.d/edge.conf\n') },
    },
    { name: 'a key of binaryData is a file of the volume too', files: { 'cm.yaml': configMap([], { binary: ['mosquitto.conf'] }), 'broker.yaml': broker(subPath('mosquitto.conf')) } },
    { name: 'an optional configMap volume skips what is missing', files: { 'cm.yaml': configMap(['other.conf']), 'broker.yaml': broker(subPath('mosquitto.conf'), '          optional: true\n') } },
    { name: 'a ConfigMap the deployment does not define is created elsewhere: nothing to compare', files: { 'broker.yaml': broker(subPath('mosquitto.conf')) } },
    {
      name: 'a ConfigMap of another namespace is another object',
      files: { 'cm.yaml': configMap(['other.conf'], { namespace: 'cloud' }), 'broker.yaml': broker(subPath('mosquitto.conf'), '', { namespace: 'edge' }) },
    },
    {
      name: 'two definitions of one ConfigMap: a key either has is there',
      files: { 'base/cm.yaml': configMap(['other.conf']), 'site/cm.yaml': configMap(['mosquitto.conf']), 'broker.yaml': broker(subPath('mosquitto.conf')) },
    },
    {
      name: 'a merge key stands for keys the file does not spell out',
      files: {
        'cm.yaml': 'common: &common\n  mosquitto.conf: "listener 1883"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broker-conf\ndata:\n  <<: {mosquitto.conf: "listener 1883"}\n  other.conf: x\n',
        'broker.yaml': broker(subPath('mosquitto.conf')),
      },
    },
    {
      name: 'a kustomization generator merging keys into the ConfigMap: its keys are not all in the file',
      files: {
        'base/cm.yaml': configMap(['other.conf']),
        'base/broker.yaml': broker(subPath('mosquitto.conf')),
        'base/kustomization.yaml': 'resources:\n- cm.yaml\n- broker.yaml\n',
        'overlays/plant/kustomization.yaml': 'resources:\n- ../../base\nconfigMapGenerator:\n- name: broker-conf\n  behavior: merge\n  files:\n  - mosquitto.conf\n',
      },
    },
    {
      name: 'a generator in a Kustomization with apiVersion and kind counts too',
      files: {
        'cm.yaml': configMap(['other.conf']),
        'broker.yaml': broker(subPath('mosquitto.conf')),
        'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml, broker.yaml]\nconfigMapGenerator:\n- name: broker-conf\n  behavior: replace\n  files: [mosquitto.conf]\n',
      },
    },
    { name: 'an env key the ConfigMap has', files: { 'cm.yaml': configMap(['mosquitto.conf', 'log-level']), 'broker.yaml': broker(subPath('mosquitto.conf'), '', { env: envRef('log-level') }) } },
    {
      name: 'an optional env key may be missing',
      files: { 'cm.yaml': configMap(['mosquitto.conf']), 'broker.yaml': broker(subPath('mosquitto.conf'), '', { env: envRef('log-level', '              optional: true\n') }) },
    },
  ],
  invalid: [
    {
      // The real case: the cloud broker's ConfigMap was renamed, the edge Deployment kept the old key.
      name: 'subPath names a key the ConfigMap lacks: kubelet mounts an empty directory',
      files: { 'cm.yaml': configMap(['mosquitto-cloud.conf']), 'broker.yaml': broker(subPath('mosquitto-edge.conf')) },
      errors: [
        {
          file: 'broker.yaml',
          messageId: 'missingSubPathOverFile',
          line: 18,
          column: 20,
          // eclipse-mosquitto ships its config file at that path: runc cannot mount a directory over it.
          message:
            'subPath `mosquitto-edge.conf` is no file of volume conf: ConfigMap broker-conf has no key `mosquitto-edge.conf`, so kubelet creates an empty directory there, and the runtime cannot mount a directory over the file eclipse-mosquitto:2.0.18 ships at /mosquitto/config/mosquitto.conf (runc: "not a directory"): container mosquitto is never started.',
        },
      ],
    },
    {
      name: 'a subPath mounted where the image ships no file: the program finds a directory instead of its config',
      files: { 'cm.yaml': configMap(['mosquitto-cloud.conf']), 'broker.yaml': broker(subPath('mosquitto-edge.conf')).replace('mountPath: /mosquitto/config/mosquitto.conf', 'mountPath: /mosquitto/config/edge.conf') },
      errors: [
        {
          file: 'broker.yaml',
          messageId: 'missingSubPath',
          line: 18,
          column: 20,
          message:
            'subPath `mosquitto-edge.conf` is no file of volume conf: ConfigMap broker-conf has no key `mosquitto-edge.conf`, so kubelet creates an empty directory there and container mosquitto gets that directory at /mosquitto/config/edge.conf instead of a file.',
        },
      ],
    },
    {
      name: 'an items key misspelt: the volume cannot be set up, with the close key suggested',
      files: { 'cm.yaml': configMap(['mosquitto.conf']), 'broker.yaml': broker(subPath('mosquitto.conf'), '          items:\n          - key: mosquito.conf\n            path: mosquitto.conf\n') },
      errors: [
        {
          file: 'broker.yaml',
          messageId: 'missingItemKey',
          line: 24,
          column: 18,
          message:
            'ConfigMap broker-conf has no key `mosquito.conf`: kubelet cannot set up volume conf ("configmap references non-existent config key"), so the pods of Deployment broker stay in ContainerCreating. Did you mean `mosquitto.conf`?',
        },
      ],
    },
    {
      name: 'an env key the ConfigMap lacks stops the container',
      files: { 'cm.yaml': configMap(['mosquitto.conf']), 'broker.yaml': broker(subPath('mosquitto.conf'), '', { env: envRef('log-level') }) },
      errors: [{ file: 'broker.yaml', messageId: 'missingEnvKey', line: 20, column: 20 }],
    },
    {
      // Two layouts of one Deployment are alternatives: whichever is applied mounts the directory.
      name: 'one Deployment in two files: each file\'s subPath is reported',
      files: { 'cm.yaml': configMap(['other.conf']), 'a/broker.yaml': broker(subPath('mosquitto.conf')), 'b/broker.yaml': broker(`          subPath: mosquitto.conf\n`, '', { namespace: '' }).replace('name: broker\n', 'name: broker\n  labels: {layout: b}\n') },
      errors: [
        { file: 'a/broker.yaml', messageId: 'missingSubPathOverFile', line: 18, column: 20 },
        { file: 'b/broker.yaml', messageId: 'missingSubPathOverFile', line: 19, column: 20 },
      ],
    },
    {
      name: 'subPath into a directory no item creates',
      files: { 'cm.yaml': configMap(['edge.conf']), 'broker.yaml': broker(subPath('conf.d'), '          items:\n          - key: edge.conf\n            path: edge.conf\n') },
      errors: [{ file: 'broker.yaml', messageId: 'missingSubPathOverFile', line: 18, column: 20 }],
    },
  ],
});
