import rule from '../../../rules/node/image-eol.js';
import { ruleTester, text } from '../../rule-tester.js';
import { upstream } from '../../upstream.js';

const values = upstream('chartValues');
// The chart's mosquitto image, as its values.yaml (KubeEdge v1.22.2) sets it: eclipse-mosquitto:1.6.15.
const chartTag = /mosquitto:[\s\S]*?repository: (\S+)[\s\S]*?tag: "?([^"\s]+)"?/.exec(values)!;
const chartImage = `${chartTag[1]}:${chartTag[2]}`;

const daemonSet = (image: string) => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: edge-eclipse-mosquitto
  spec:
    template:
      spec:
        hostNetwork: true
        containers:
        - name: edge-eclipse-mosquitto
          image: ${image}
`;

ruleTester(rule, {
  valid: [
    { name: 'eclipse-mosquitto 2.0', files: { 'ds.yaml': daemonSet('eclipse-mosquitto:2.0.22') } },
    { name: 'a placeholder tag is no version, so no end-of-life one', files: { 'ds.yaml': daemonSet('eclipse-mosquitto:__MOSQUITTO_TAG__') } },
    { name: 'an image edgelint knows nothing about', files: { 'ds.yaml': daemonSet('registry.example.com/iot/agent:1.0') } },
    { name: 'a unit running the 2.0 image', files: { 'mqtt.service': '[Service]\nExecStart=ctr run --net-host docker.io/library/eclipse-mosquitto:2.0 mqtt\n' } },
  ],
  invalid: [
    {
      name: "upstream: the CloudCore chart's eclipse-mosquitto:1.6.15 is no longer built; suggests 2.0",
      files: { 'ds.yaml': daemonSet(chartImage) },
      errors: [
        {
          messageId: 'eol',
          line: 11,
          column: 16,
          message: /^eclipse-mosquitto:1\.6\.15 \(DaemonSet edge-eclipse-mosquitto\) is end-of-life since 2023-05-12: .*no longer built.* Use the 2\.0 series \(eclipse-mosquitto:2\.0\) instead\.$/,
        },
      ],
    },
    {
      name: 'any 1.x tag in a unit, with the registry prefix kept in the suggestion',
      files: { 'mqtt.service': '[Service]\nExecStart=docker run --network host docker.io/library/eclipse-mosquitto:1.5.11\n' },
      errors: [{ messageId: 'eol', line: 2, column: 37, message: /since 2021-06-08: Mosquitto 1\.x is end-of-life.* \(docker\.io\/library\/eclipse-mosquitto:2\.0\) instead\.$/ }],
    },
    {
      name: 'an offline bundle entry',
      config: { offlineImages: [{ file: 'images.txt' }] },
      files: { 'images.txt': 'eclipse-mosquitto:1.6\n' },
      errors: [{ messageId: 'eol', line: 1, column: 1 }],
    },
  ],
});
