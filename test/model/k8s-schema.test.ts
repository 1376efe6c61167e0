import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateK8sSchemas } from '../../scripts/gen-k8s-schemas.mjs';
import { k8sSchemaVersion, schemaOfKind, suggestField } from '../../src/model/k8s-schema.js';

type Table = { kubernetes: string; kinds: Record<string, string>; types: Record<string, { properties?: Record<string, unknown>; required?: string[]; nonEmpty?: string[]; preserve?: boolean }> };

const committed = readFileSync(new URL('../../schemas/kubernetes.json', import.meta.url), 'utf8');
const table = JSON.parse(committed) as Table;
const modelsVersion = (JSON.parse(readFileSync(new URL('../../node_modules/kubernetes-models/package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('schemas/kubernetes.json', () => {
  it('is what scripts/gen-k8s-schemas.mjs generates from the installed kubernetes-models and data/kubeedge-crds.yaml (run it after either changes)', async () => {
    expect(committed, 'schemas/kubernetes.json is stale').toBe(await generateK8sSchemas());
  }, 120_000);

  it('follows the Kubernetes version of the kubernetes-models release it was generated from', () => {
    // kubernetes-models 4.5.x is generated from the Kubernetes 1.33.0 OpenAPI schema (its CHANGELOG).
    expect(modelsVersion).toMatch(/^4\.5\./);
    expect(k8sSchemaVersion()).toBe('1.33.0');
  });

  it('knows the kinds edge deployments use, and KubeEdge own kinds', () => {
    for (const kind of ['apps/v1/DaemonSet', 'apps/v1/Deployment', 'v1/Pod', 'v1/ConfigMap', 'v1/Service', 'batch/v1/CronJob', 'networking.k8s.io/v1/Ingress', 'apiextensions.k8s.io/v1/CustomResourceDefinition']) {
      expect(table.kinds[kind], kind).toBeDefined();
    }
    for (const kind of ['devices.kubeedge.io/v1beta1/Device', 'devices.kubeedge.io/v1beta1/DeviceModel', 'rules.kubeedge.io/v1/Rule', 'rules.kubeedge.io/v1/RuleEndpoint', 'apps.kubeedge.io/v1alpha1/NodeGroup', 'apps.kubeedge.io/v1alpha1/EdgeApplication']) {
      expect(schemaOfKind(kind.slice(0, kind.lastIndexOf('/')), kind.slice(kind.lastIndexOf('/') + 1)), kind).toBeDefined();
    }
    expect(schemaOfKind('example.com/v1', 'Widget')).toBeUndefined();
    expect(Object.keys(table.kinds).filter((k) => k.endsWith('List'))).toEqual([]);
  });

  it('carries fields, enums, integer kinds and required fields from kubernetes-models', () => {
    const container = table.types['core/v1.Container'];
    expect(container.properties!.imagePullPolicy).toEqual({ enum: ['Always', 'IfNotPresent', 'Never'] });
    // `image` is optional in the OpenAPI schema but required by the API server's validation
    // (data/k8s-required-by-validation.json), where an empty string counts as unset.
    expect(container.required).toEqual(['image', 'name']);
    expect(container.nonEmpty).toEqual(['image']);
    expect(table.types['core/v1.EphemeralContainer'].nonEmpty).toEqual(['image']);
    expect(table.types['core/v1.ContainerPort'].properties!.containerPort).toBe('int32');
    expect(table.types['core/v1.HTTPGetAction'].properties!.port).toBe('int-or-string');
    expect(table.types['core/v1.ResourceRequirements'].properties!.limits).toEqual({ map: 'quantity' });
    expect(table.types['apps/v1.DaemonSetSpec'].required).toEqual(['selector', 'template']);
    expect(table.types['core/v1.PodSpec'].properties!.nodeSelector).toEqual({ map: 'string' });
    // Free-form values: RawExtension (ControllerRevision.data) keeps anything.
    expect(table.types['apps/v1.ControllerRevision'].properties!.data).toBe('any');
  });

  it('tolerates fields Kubernetes 1.27-1.32 still read but 1.33 removed', () => {
    expect(table.types['core/v1.PodResourceClaim'].properties!.source).toBe('any');
    expect(table.types['core/v1.PersistentVolumeClaimStatus'].properties!.resizeStatus).toBe('string');
  });
});

describe('suggestField', () => {
  it.each([
    ['imagePullpolicy', 'imagePullPolicy'],
    ['hostnetwork', 'hostNetwork'],
    ['nodeSelecter', 'nodeSelector'],
    ['contaners', 'containers'],
  ])('%s → %s', (key, want) => {
    const fields = Object.keys(table.types[key === 'imagePullpolicy' ? 'core/v1.Container' : 'core/v1.PodSpec'].properties!);
    expect(suggestField(fields, key)).toBe(want);
  });

  it('suggests nothing when no field is near', () => {
    expect(suggestField(Object.keys(table.types['core/v1.Container'].properties!), 'restartAfterCrash')).toBeUndefined();
  });
});
