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
      const sources = [...new Set(bundle.map((b) => b.span.source.root.path))];
      // By repository, and tarball entries by name: a tarball name cannot tell the registry, so
      // `turbine-telemetry-3.2.0.tar` holds registry.example.com/wind/turbine-telemetry:3.2.0 as well.
      const index = new ImageIndex(bundle);
      for (const use of cls.images) {
        // Only workloads pull; the bundle's own entries (often thousands) are not looked up.
        if (use.origin !== 'manifest') continue;
        const entries = index.candidates(use.ref);
        if (bundleHolds(use.ref, entries)) continue;
        const key = `${use.span.source.root.path}\0${use.span.source.rootOffset(use.span.start)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const other = entries[0];
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
          ...(other ? { related: [{ at: other.span, message: `bundle entry ${other.ref.display}` }], yieldsTo: 'node/image-drift' } : {}),
        });
      }
    }
  },
});
