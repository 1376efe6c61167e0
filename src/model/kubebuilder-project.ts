/**
 * The APIs a kubebuilder (or operator-sdk) project defines, read from its `PROJECT` file.
 *
 * Such a project commits its API types and its samples (`config/samples/*.yaml`), not its CRDs:
 * `make manifests` generates `config/crd/bases/` with controller-gen and `make install` applies them,
 * so the tree says what it serves only in `PROJECT` (kubebuilder's project config, book.kubebuilder.io
 * "Project Config"). A project that defines its own version of a KubeEdge kind (sweep14 FP-1: a
 * `devices.kubeedge.io/v1alpha3` Device, DeviceModel and DeviceAccess of a device-controller project)
 * has its samples served by its own CRD, whose schema is in Go types edgelint does not read.
 *
 * Layout 2 lists every resource as an API of the project; layout 3 on (`version: "3"`) marks the ones
 * it defines with `api:` and also lists controllers of kinds it does not own (core kinds, `external`).
 * kubebuilder qualifies the group with the domain (`group.domain`, the resource's `domain` or the
 * project's); a project that writes the whole group in `group` is read that way too.
 */
import { isMap } from 'yaml';
import { SourceFile } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { yamlDocuments } from '../parse/yaml.js';
import { getNode, scalarString, seqItems } from '../parse/yaml-nodes.js';
import type { ShippedCrd } from './types.js';

/** kubebuilder writes its config as `PROJECT` at the project root. */
export const KUBEBUILDER_PROJECT_NAME = /(?:^|\/)PROJECT$/;

/** More resources than any project scaffolds; past it the rest are not read (the lookups stay small). */
const MAX_RESOURCES = 1000;

/** The kinds and versions a `PROJECT` file says the project defines, as CRDs whose schema the tree does not hold. */
export function kubebuilderCrds(path: string, text: string): ShippedCrd[] {
  const problems: ParseProblem[] = [];
  const first = yamlDocuments(new SourceFile(path, text, 'unknown'), problems).next();
  if (first.done || problems.length > 0) return [];
  const { doc } = first.value;
  const root = doc.contents;
  // kubebuilder's config always has a layout or a domain; any other YAML named PROJECT is not its.
  if (!isMap(root) || (getNode(doc, root, 'layout') === undefined && getNode(doc, root, 'domain') === undefined)) return [];
  const layout = scalarString(getNode(doc, root, 'version'));
  const projectDomain = scalarString(getNode(doc, root, 'domain')) ?? '';
  const byKind = new Map<string, ShippedCrd>();
  for (const resource of seqItems(doc, getNode(doc, root, 'resources')).slice(0, MAX_RESOURCES)) {
    const kind = scalarString(getNode(doc, resource, 'kind'));
    const version = scalarString(getNode(doc, resource, 'version'));
    if (!kind || !version) continue;
    // Layout 3 on: a resource without `api` is a controller (or webhook) of a kind another project defines.
    if (layout !== undefined && layout !== '2' && getNode(doc, resource, 'api') === undefined) continue;
    const group = scalarString(getNode(doc, resource, 'group')) ?? '';
    const domain = scalarString(getNode(doc, resource, 'domain')) ?? projectDomain;
    const groups = new Set<string>();
    if (group && domain) groups.add(`${group}.${domain}`);
    if (group) groups.add(group);
    else if (domain) groups.add(domain);
    for (const qualified of groups) {
      const key = `${qualified}/${kind}`;
      let crd = byKind.get(key);
      if (!crd) byKind.set(key, (crd = { group: qualified, kind, versions: new Map() }));
      crd.versions.set(version, { served: true, schemaUnknown: true });
    }
  }
  return [...byKind.values()];
}
