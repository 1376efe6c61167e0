/**
 * One anonymous mosquitto config mounted by many workloads is one mosquitto/no-anonymous finding
 * naming them (sweep7 Q-1). How many there are is the repository's choice: the finding names a few
 * owners, binds and node ports and counts the rest, so its message stays a message.
 */
import { afterAll, expect, it } from 'vitest';
import { makeTree, removeTree, runLint } from './helpers.js';

let dir: string | undefined;
afterAll(() => {
  if (dir) removeTree(dir);
});

it('2,000 brokers sharing one config, each on its own host port: eight binds named, the rest counted', async () => {
  const count = 2_000;
  const docs = ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mq}\ndata:\n  mosquitto.conf: |\n    listener 1883\n    allow_anonymous true\n'];
  for (let i = 0; i < count; i++) {
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b${i}}\nspec:\n  selector: {matchLabels: {a: b${i}}}\n  template:\n    metadata: {labels: {a: b${i}}}\n    spec:\n      containers:\n      - name: m\n        image: "eclipse-mosquitto:2.0.18"\n        imagePullPolicy: IfNotPresent\n` +
        `        ports: [{containerPort: 1883, hostPort: ${20_000 + i}}]\n        volumeMounts: [{name: c, mountPath: /mosquitto/config/mosquitto.conf, subPath: mosquitto.conf}]\n      volumes: [{name: c, configMap: {name: mq}}]\n`,
    );
  }
  dir = makeTree({ 'brokers.yaml': docs.join('---\n') });
  const result = await runLint(dir, { paths: ['.'] });
  expect(result.errors).toEqual([]);
  const anonymous = result.findings.filter((f) => f.ruleId === 'mosquitto/no-anonymous');
  expect(anonymous.map((f) => [f.file, f.line, f.column])).toEqual([['brokers.yaml', 7, 5]]);
  const binds = Array.from({ length: 8 }, (_, i) => `0.0.0.0:${20_000 + i}`).join(', ');
  expect(anonymous[0].message).toBe(
    `Deployment b0 (container m), Deployment b1 (container m), Deployment b2 (container m), Deployment b3 (container m) and ${count - 4} more, all reading this config, accept anonymous MQTT clients on ${binds} and ${count - 8} more: anyone who can reach the node can read and publish device messages.`,
  );
});
