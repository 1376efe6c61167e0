import type { ImageRef } from './types.js';

const DOCKER_HUB = 'docker.io';

/**
 * A tag that stands for one filled in before deploy, not a version: a template or shell expansion
 * (`{{ .Values.tag }}`, `${TAG}`, `$TAG`), the placeholder conventions of sed/envsubst/autotools
 * templates (`__TAG__`, `%TAG%`, `@TAG@`), a README's `<tag>`, or an all-capitals word (`TAG`,
 * `IMAGE_TAG`, `VERSION`: registries' tags are versions, lower case or with digits).
 */
const PLACEHOLDER_TAG = /^(?:\{\{.*\}\}|\$\{[^{}]*\}|\$[A-Za-z_]\w*|<[^<>]*>|__\w+__|%\w+%|@\w+@|[A-Z][A-Z_]{2,})$/;

/** `name:PLACEHOLDER` with a name that has no template or expansion of its own. */
const WITH_PLACEHOLDER_TAG = /^([^\s{}$<>@%]+):(.+)$/;

/**
 * Parses an image reference the way the container runtimes do (distribution/reference): the first
 * path component is a registry only when it contains `.` or `:` or is `localhost`; Docker Hub names
 * without a namespace live under `library/`. `index.docker.io` and `registry-1.docker.io` are Docker Hub.
 * Returns undefined for text that is not a reference (empty, whitespace, a template expression in
 * the name). A known name with a placeholder tag (PLACEHOLDER_TAG) is a reference to that repository
 * whose version is unknown: `placeholder` is set and the tag holds the placeholder as written.
 */
export function parseImageRef(raw: string): ImageRef | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const placeholder = WITH_PLACEHOLDER_TAG.exec(text);
  if (placeholder && PLACEHOLDER_TAG.test(placeholder[2])) {
    const name = parseImageRef(placeholder[1]);
    if (!name || name.tag !== undefined || name.digest !== undefined) return undefined;
    return { ...name, raw: text, tag: placeholder[2], placeholder: true, display: `${name.display}:${placeholder[2]}` };
  }
  if (/\s/.test(text) || text.includes('{{') || text.includes('$')) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined;
  }
  if (!rest) return undefined;
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (parts.some((p) => !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(p))) return undefined;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  const shortPath = registry === DOCKER_HUB ? path.replace(/^library\//, '') : `${registry}/${path}`;
  const display = shortPath + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { raw: text, registry, path, repository: `${registry}/${path}`, tag, digest, display };
}

/** The version a reference names: its tag, or its digest when it has no tag. */
export function imageVersion(ref: ImageRef): string {
  if (ref.tag) return ref.tag;
  if (ref.digest) return `@${ref.digest}`;
  return 'latest';
}

/** Tarball names in the offline-bundle convention: `eclipse-mosquitto-2.0.tar` → `eclipse-mosquitto:2.0`. */
export function imageFromTarballName(fileName: string): ImageRef | undefined {
  const base = fileName.replace(/^.*\//, '').replace(/\.(tar|tar\.gz|tgz|tar\.zst)$/, '');
  if (base === fileName.replace(/^.*\//, '')) return undefined;
  // The tag is the part after the last `-` that starts with a digit or `v<digit>`: names hold dashes too.
  const m = /^(.+)-((?:v?\d)[\w.-]*)$/.exec(base);
  if (!m) return undefined;
  return parseImageRef(`${m[1]}:${m[2]}`);
}

/** A reference without tag or digest means `latest` (docker reference grammar). */
function tagOf(ref: ImageRef): string | undefined {
  return ref.tag ?? (ref.digest ? undefined : 'latest');
}

/**
 * Does an offline bundle hold the image `ref` names? A digest is the content itself: it matches the
 * same digest; otherwise the tag has to match. A templated bundle entry (`app:__TAG__` in the list)
 * holds some version of the image: maybe this one.
 */
export function bundleHolds(ref: ImageRef, bundle: ReadonlyArray<{ ref: ImageRef }>): boolean {
  return bundle.some((b) => {
    if (b.ref.repository !== ref.repository) return false;
    if (b.ref.placeholder) return true;
    if (ref.digest && b.ref.digest) return ref.digest === b.ref.digest;
    return tagOf(ref) !== undefined && tagOf(ref) === tagOf(b.ref);
  });
}
