import { defineRule } from '../../src/rule-api.js';
import type { ImageRef, ImageUse } from '../../src/rule-api.js';

/**
 * An offline edge node runs only what was imported into containerd (`ctr -n k8s.io images import`):
 * any other image leaves its pod in ImagePullBackOff until the node is online again.
 */

const EDGE_ROLE = 'node-role.kubernetes.io/edge';

/** A reference without tag or digest means `latest` (docker reference grammar). */
function tagOf(ref: ImageRef): string | undefined {
  return ref.tag ?? (ref.digest ? undefined : 'latest');
}

/** A digest is the content itself: it matches the same digest; otherwise the tag has to match. */
function inBundle(ref: ImageRef, bundle: ImageUse[]): boolean {
  return bundle.some((b) => {
    if (b.ref.repository !== ref.repository) return false;
    // A templated bundle entry (`app:__TAG__` in the list) holds some version of the image: maybe this one.
    if (b.ref.placeholder) return true;
    if (ref.digest && b.ref.digest) return ref.digest === b.ref.digest;
    return tagOf(ref) !== undefined && tagOf(ref) === tagOf(b.ref);
  });
}

export default defineRule({
  id: 'node/image-not-preloaded',
  description: 'Require images of edge workloads to be in the declared offline bundle',
  category: 'reliability',
  severity: 'error',
  recommended: true,
  remediation: 'Add the image (same repository and tag or digest) to the offline bundle, or change the workload to an image the bundle holds.',
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
      for (const use of cls.images) {
        if (use.origin !== 'manifest' || inBundle(use.ref, bundle)) continue;
        const key = `${use.span.source.root.path}\0${use.span.source.rootOffset(use.span.start)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const other = bundle.find((b) => b.ref.repository === use.ref.repository);
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
          ...(other ? { related: [{ at: other.span, message: `bundle entry ${other.ref.display}` }] } : {}),
        });
      }
    }
  },
});
