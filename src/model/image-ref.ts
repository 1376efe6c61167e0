import { appendTo, pushAll } from '../core/arrays.js';
import type { ImageRef } from './types.js';

const DOCKER_HUB = 'docker.io';

/** One path component of a repository name (distribution/reference `path-component`). */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A tag (distribution/reference `tag`). */
const TAG = /^[\w][\w.-]{0,127}$/;

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
    if (!TAG.test(tag)) return undefined;
  }
  if (!rest) return undefined;
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (parts.some((p) => !PATH_COMPONENT.test(p))) return undefined;
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

/** Archive suffixes `docker save` / `ctr images export` output is named with. */
const TARBALL = /\.(tar|tar\.gz|tgz|tar\.zst)$/;

/** Is this a tarball's file name rather than an image reference (`pause-3.6.tar`)? */
export function isTarballName(text: string): boolean {
  return TARBALL.test(text);
}

/**
 * Tarball names in the offline-bundle convention: `eclipse-mosquitto-2.0.tar` → `eclipse-mosquitto:2.0`.
 * The tag is the part after the last `-` or `_` that starts with a digit or `v<digit>` (names hold
 * dashes too; `kubeedge_pause_3.6.tar` is the underscore form). A file name cannot tell the registry
 * or the namespace (`docker save -o turbine-telemetry-3.2.0.tar registry.example.com/wind/turbine-telemetry:3.2.0`
 * is how such names come about), so the reference claims none: `registryUnknown` is set, `path` is the
 * name as written, and it matches any repository whose path ends with that name (`sameRepository`).
 */
export function imageFromTarballName(fileName: string): ImageRef | undefined {
  const file = fileName.replace(/^.*\//, '');
  const base = file.replace(TARBALL, '');
  if (base === file) return undefined;
  const m = /^(.+)[-_]((?:v?\d)[\w.-]*)$/.exec(base);
  if (!m) return undefined;
  const [, name, tag] = m;
  if (!PATH_COMPONENT.test(name) || !TAG.test(tag)) return undefined;
  return { raw: `${name}:${tag}`, registry: '', path: name, repository: `${UNKNOWN_REGISTRY}${name}`, tag, display: `${name}:${tag}`, registryUnknown: true };
}

/** Prefix of the `repository` of a reference whose registry is unknown: never equal to a real one. */
const UNKNOWN_REGISTRY = '?/';

/**
 * The names a tarball of this repository may carry: its last path component, and the last k
 * components (registry included) joined with `-` or `_` as people flatten them into file names
 * (`kubeedge-pause`, `registry.example.com_wind_turbine-telemetry`).
 */
export function tarballNames(ref: ImageRef): string[] {
  if (ref.registryUnknown) return [ref.path];
  const parts = [ref.registry, ...ref.path.split('/')];
  const names = [parts[parts.length - 1]];
  for (let k = 2; k <= parts.length; k++) {
    const tail = parts.slice(parts.length - k);
    names.push(tail.join('-'), tail.join('_'));
  }
  return names;
}

/**
 * May `a` and `b` name the same repository? Two known references: the same normalised repository.
 * A reference from a tarball name: any repository that tarball name fits (tarballNames); two of
 * them: the same name.
 */
export function sameRepository(a: ImageRef, b: ImageRef): boolean {
  if (!a.registryUnknown && !b.registryUnknown) return a.repository === b.repository;
  if (a.registryUnknown && b.registryUnknown) return a.path === b.path;
  const [named, known] = a.registryUnknown ? [a, b] : [b, a];
  return tarballNames(known).includes(named.path);
}

/**
 * Entries (bundle entries, image uses) found by the repository their reference may name, including
 * references from tarball names, which match by name (sameRepository). Lookups are Map gets: one per
 * tarball name of the reference looked up.
 */
export class ImageIndex<T extends { ref: ImageRef }> {
  private readonly byRepository = new Map<string, T[]>();
  /** Known references, under each tarball name they may carry. */
  private readonly knownByName = new Map<string, T[]>();
  /** References from tarball names, under that name. */
  private readonly unknownByName = new Map<string, T[]>();

  constructor(entries: Iterable<T> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: T): void {
    if (entry.ref.registryUnknown) {
      appendTo(this.unknownByName, entry.ref.path, entry);
      return;
    }
    appendTo(this.byRepository, entry.ref.repository, entry);
    for (const name of new Set(tarballNames(entry.ref))) appendTo(this.knownByName, name, entry);
  }

  /** The entries whose reference may name the repository of `ref`. */
  candidates(ref: ImageRef): T[] {
    if (ref.registryUnknown) return [...(this.unknownByName.get(ref.path) ?? []), ...(this.knownByName.get(ref.path) ?? [])];
    const out = [...(this.byRepository.get(ref.repository) ?? [])];
    for (const name of new Set(tarballNames(ref))) {
      const named = this.unknownByName.get(name);
      if (named) pushAll(out, named);
    }
    return out;
  }
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
    if (!sameRepository(b.ref, ref)) return false;
    if (b.ref.placeholder) return true;
    if (ref.digest && b.ref.digest) return ref.digest === b.ref.digest;
    return tagOf(ref) !== undefined && tagOf(ref) === tagOf(b.ref);
  });
}
