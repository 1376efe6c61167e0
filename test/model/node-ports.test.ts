import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { MAX_SERVICES_PER_POD } from '../../src/model/node-ports.js';

async function modelOf(files: Record<string, string>) {
  return (await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent' })).model;
}

/** `pods` Deployments labelled app=mqtt, every `broker`-th one running an anonymous 1.6 broker, the rest nginx. */
function pods(count: number, broker: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const image = i % broker === 0 ? 'eclipse-mosquitto:1.6.15' : 'nginx:1.25.3';
    text += `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pod-${i}\n  namespace: iot\nspec:\n  selector:\n    matchLabels: {app: mqtt}\n  template:\n    metadata:\n      labels: {app: mqtt}\n    spec:\n      containers:\n      - name: c\n        image: ${image}\n        imagePullPolicy: IfNotPresent\n`;
  }
  return text;
}

function services(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    text += `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: iot\nspec:\n  type: NodePort\n  selector: {app: mqtt}\n  ports:\n  - port: 1883\n`;
  }
  return text;
}

describe('NodePort Services joined to broker pods', () => {
  // Pods × Services is the join's natural size; a generated stream of one app (100,000 objects held
  // 62,000 pods and 11,000 NodePort Services) made it 1.1 GB. Only broker pods are joined, each to a
  // bounded number of Services.
  it('joins only pods running a broker, each to at most MAX_SERVICES_PER_POD Services', async () => {
    const model = await modelOf({ 'pods.yaml': pods(200, 10), 'services.yaml': services(200) });
    const brokers = 20;
    expect(model.nodePorts.length).toBe(brokers);
    expect(model.nodePorts.map((p) => p.openings.length)).toEqual(Array.from({ length: brokers }, () => MAX_SERVICES_PER_POD));
  });
  it('a broker pod behind a few Services is joined to each of them', async () => {
    const model = await modelOf({ 'pods.yaml': pods(1, 1), 'services.yaml': services(3) });
    expect(model.nodePorts.flatMap((p) => p.openings.map((o) => o.object.name)).sort()).toEqual(['svc-0', 'svc-1', 'svc-2']);
  });
});
