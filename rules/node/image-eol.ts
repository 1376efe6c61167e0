import { defineRule } from '../../src/rule-api.js';
import type { ImageRef, Knowledge } from '../../src/rule-api.js';

/**
 * An image nobody builds any more gets no security fixes, and a tag docker-library stopped building
 * may vanish from the registry: the next node that has to pull it cannot start the workload. Which
 * versions are end-of-life is data (data/image-eol.json, with sources), not rule code.
 */

/** `docker.io/library/eclipse-mosquitto:1.6.15` → `docker.io/library/eclipse-mosquitto`, as written. */
function repositoryAsWritten(ref: ImageRef): string {
  const noDigest = ref.raw.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

function minor(version: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}

/** The oldest series of a known image newer than this tag that is not end-of-life itself: `eclipse-mosquitto:2.0` for 1.6.15. */
function successor(ref: ImageRef, knowledge: Knowledge): string | undefined {
  const image = knowledge.images.image(ref);
  const current = ref.tag === undefined ? undefined : minor(ref.tag);
  if (!image || current === undefined) return undefined;
  const newer = image.series
    .map((s) => ({ series: s.series, minor: minor(s.series) }))
    .filter((s): s is { series: string; minor: number } => s.minor !== undefined && s.minor > current)
    .sort((a, b) => a.minor - b.minor);
  for (const next of newer) {
    if (!knowledge.images.eol({ ...ref, tag: next.series, digest: undefined })) return `${repositoryAsWritten(ref)}:${next.series}`;
  }
  return undefined;
}

export default defineRule({
  id: 'node/image-eol',
  description: 'Disallow image versions that are end-of-life or no longer built',
  category: 'reliability',
  severity: 'warning',
  recommended: true,
  remediation: 'Move to a maintained version of the image (and check its default configuration, which may differ).',
  messages: {
    eol: '{{image}} ({{owner}}) is end-of-life since {{since}}: {{reason}}.{{upgrade}}',
  },
  check({ model, knowledge, report }) {
    const seen = new Set<string>();
    for (const cls of model.classes) {
      for (const use of cls.images) {
        const key = `${use.span.source.root.path}\0${use.span.source.rootOffset(use.span.start)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fact = knowledge.images.eol(use.ref);
        if (!fact) continue;
        const next = successor(use.ref, knowledge);
        report({
          messageId: 'eol',
          data: { image: use.ref.display, owner: use.owner, since: fact.since, reason: fact.reason, upgrade: next ? ` Use the ${next.replace(/^.*:/, '')} series (${next}) instead.` : '' },
          at: use.span,
          helmSource: use.helmSource,
        });
      }
    }
  },
});
