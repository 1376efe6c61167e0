import { bundleHolds, defineRule, ImageIndex } from '../../src/rule-api.js';

/**
 * An offline edge node runs only what was imported into containerd (`ctr -n k8s.io images import`):
 * any other image leaves its pod in ImagePullBackOff until the node is online again.
 */

const EDGE_ROLE = 'node-role.kubernetes.io/edge';

export default defineRule({
  id: 'node/image-not-preloaded',
  description: 'Require images of edge workloads to be in the declared offline bundle',
  category: 'reliability',
  severity: 'error',
  recommended: true,
  remediation: 'Add the image (same repository and tag or digest) to the offline bundle, or change the workload to an image the bundle holds.',
  // A workload at another version than the bundle holds is one root cause, a version drift between the
  // chart and the node side: node/image-drift reports it at the same image, naming the bundle entry.
  yieldsTo: ['node/image-drift'],
  messages: {
    missing: '{{image}} ({{owner}}) runs on {{class}} nodes but is not in the offline bundle ({{sources}}){{nearest}}: an offline node cannot pull it.',
  },
  check({ model, report }) {
    const seen = new Set<string>();
    for (const cls of model.classes) {
      const bundle = cls.offlineBundle;
      // The bundle is what edge nodes import; cloud nodes pull online. Edge = the role label edged sets (facts §Q3).
      if (!bundle || !Object.hasOwn(cls.nodeClass.labels, EDGE_ROLE)) continue;
      // An import of an archive named only at run time holds images nothing here can name: any image
      // may be among them, so none is claimed missing (sweep9 FP-2).
      if (cls.offlineBundleOpen) continue;
      const sources = [...new Set(bundle.map((b) => b.span.source.root.path))];
      // By repository, and tarball entries by name: a tarball name cannot tell the registry, so
      // `turbine-telemetry-3.2.0.tar` holds registry.example.com/wind/turbine-telemetry:3.2.0 as well.
      const index = new ImageIndex(bundle);
      // One image missing for one pod is one root cause: its other containers with the same image are
      // related locations of the first (sweep9 Q-1).
      const missing = new Map<unknown, Map<string, Array<(typeof cls.images)[number]>>>();
      for (const use of cls.images) {
        // Only workloads pull; the bundle's own entries (often thousands) are not looked up.
        if (use.origin !== 'manifest') continue;
        if (bundleHolds(use.ref, index.candidates(use.ref))) continue;
        const key = `${use.span.source.root.path}\0${use.span.source.rootOffset(use.span.start)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const owner = use.workload ?? use;
        let byImage = missing.get(owner);
        if (!byImage) missing.set(owner, (byImage = new Map()));
        const same = byImage.get(use.ref.display);
        if (same) same.push(use);
        else byImage.set(use.ref.display, [use]);
      }
      for (const byImage of missing.values()) {
        for (const [use, ...others] of byImage.values()) {
          const other = index.candidates(use.ref)[0];
          const related = [
            ...others.map((o) => ({ at: o.span, message: `${o.ref.display} also in container ${o.container?.name ?? ''}` })),
            ...(other ? [{ at: other.span, message: `bundle entry ${other.ref.display}` }] : []),
          ];
          report({
            messageId: 'missing',
            data: {
              image: use.ref.display,
              owner: use.owner,
              class: cls.nodeClass.name,
              sources: sources.length ? sources.join(', ') : 'empty',
              nearest: other ? `; the bundle has ${other.ref.display}` : '',
            },
            at: use.span,
            helmSource: use.helmSource,
            ...(related.length > 0 ? { related } : {}),
            ...(other ? { yieldsTo: 'node/image-drift' } : {}),
          });
        }
      }
    }
  },
});
