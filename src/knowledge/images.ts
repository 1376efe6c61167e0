/**
 * Facts about well-known images (default command, shipped config files, default ports, end of life),
 * read from data/images.json and data/image-eol.json so they can be updated without touching rules.
 */
import imagesData from '../../data/images.json' with { type: 'json' };
import eolData from '../../data/image-eol.json' with { type: 'json' };
import type { ImageRef } from '../model/types.js';
import { parseImageRef, tarballNames } from '../model/image-ref.js';
import type { MosquittoSeries } from '../parse/mosquitto.js';

export interface ImageConfigFile {
  path: string;
  /** Effective directives of the file as shipped (comments dropped). */
  text: string;
  source: string;
}

export interface ImageDefaultListener {
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Omitted = all interfaces. */
  addresses?: string[];
  source: string;
}

export interface ImageSeriesData {
  series: string;
  tags: string[];
  tagsSource?: string;
  movedTags?: Array<{ tag: string; from: string; since: string; source: string }>;
  configs?: ImageConfigFile[];
  listeners?: ImageDefaultListener[];
}

export interface ImageData {
  repository: string;
  /** `mosquitto` images are modelled through their config files. */
  kind?: string;
  defaultCommand?: string[];
  defaultCommandSource?: string;
  series: ImageSeriesData[];
  /** Series of a reference without tag (`latest`). */
  untaggedSeries?: string;
  untaggedSource?: string;
}

export interface EolMatch {
  tags?: string[];
  prefix?: string;
  range?: string;
}

export interface EolEntry {
  repository: string;
  match: EolMatch;
  since: string;
  reason: string;
  source: string;
}

export interface ImageKnowledgeData {
  images: ImageData[];
  eol: EolEntry[];
}

export interface BrokerConfigFile {
  series: MosquittoSeries;
  /** `''` when the broker is started without `-c` (no config file at all). */
  configPath: string;
  text: string;
  /** Ports given with `-p`. */
  cmdPorts: number[];
}

export interface EolFact {
  version: string;
  since: string;
  reason: string;
  source: string;
}

const MOSQUITTO_SERIES: readonly string[] = ['1.6', '2.0', '2.1'];

function bundledData(): ImageKnowledgeData {
  return {
    images: (imagesData as { images: ImageData[] }).images,
    eol: (eolData as { entries: EolEntry[] }).entries,
  };
}

export class ImageKnowledge {
  private readonly byRepository = new Map<string, ImageData>();
  private readonly eolEntries: EolEntry[];

  /**
   * Known repositories by the tarball names they may carry; several under one name = ambiguous. Made
   * on the first reference whose registry is unknown: parsing every known repository at every start
   * cost more than most runs ask of it (issue #13, start-up).
   */
  private tarballNamesIndex: Map<string, Set<string>> | undefined;
  private readonly data: ImageKnowledgeData;

  constructor(data: ImageKnowledgeData = bundledData()) {
    this.data = data;
    for (const image of data.images) this.byRepository.set(image.repository, image);
    this.eolEntries = data.eol;
  }

  private get byTarballName(): Map<string, Set<string>> {
    if (this.tarballNamesIndex) return this.tarballNamesIndex;
    const index = new Map<string, Set<string>>();
    for (const repository of new Set([...this.data.images.map((i) => i.repository), ...this.data.eol.map((e) => e.repository)])) {
      const ref = parseImageRef(repository);
      if (!ref) continue;
      for (const name of tarballNames(ref)) {
        const set = index.get(name);
        if (set) set.add(repository);
        else index.set(name, new Set([repository]));
      }
    }
    return (this.tarballNamesIndex = index);
  }

  /**
   * The normalised repository a reference names. A tarball name (`eclipse-mosquitto-1.6.15.tar`)
   * tells no registry: it stands for the one known image that name fits, since a mirror of an image
   * keeps its contents and defaults; none when no or several known images fit.
   */
  private repositoryOf(ref: ImageRef): string | undefined {
    if (!ref.registryUnknown) return ref.repository;
    const fits = this.byTarballName.get(ref.path);
    return fits?.size === 1 ? [...fits][0] : undefined;
  }

  /** The data of a known image, by normalised repository. */
  image(ref: ImageRef): ImageData | undefined {
    const repository = this.repositoryOf(ref);
    return repository === undefined ? undefined : this.byRepository.get(repository);
  }

  /**
   * Series of a known image's reference. A tag listed in the data wins; otherwise the tag's leading
   * version (`2.0.20-openssl` → `2.0`). No tag means `latest` (`untaggedSeries`); a digest alone
   * cannot be placed.
   */
  series(ref: ImageRef): string | undefined {
    const image = this.image(ref);
    // A placeholder tag (`eclipse-mosquitto:__TAG__`) places the reference in no series.
    if (!image || ref.placeholder) return undefined;
    if (!ref.tag) return ref.digest ? undefined : image.untaggedSeries;
    const exact = image.series.find((s) => s.tags.includes(ref.tag!));
    if (exact) return exact.series;
    const byVersion = image.series.find(
      (s) => ref.tag === s.series || ref.tag!.startsWith(`${s.series}.`) || ref.tag!.startsWith(`${s.series}-`),
    );
    return byVersion?.series;
  }

  /** Series of a known image, e.g. '1.6' | '2.0' | '2.1' for eclipse-mosquitto; undefined if unknown. */
  mosquittoSeries(ref: ImageRef): MosquittoSeries | undefined {
    if (this.image(ref)?.kind !== 'mosquitto') return undefined;
    const series = this.series(ref);
    return series !== undefined && MOSQUITTO_SERIES.includes(series) ? (series as MosquittoSeries) : undefined;
  }

  /**
   * The mosquitto config text a container of this image reads when started with `command` (container
   * command + args, or ctr's trailing words; empty = the image's default CMD). Undefined when the image
   * or series is unknown, the command does not run mosquitto, or the config path is not a file the image
   * ships (then it is a user-mounted file the model must find among linted files).
   */
  brokerConfig(ref: ImageRef, command: string[]): BrokerConfigFile | undefined {
    const image = this.image(ref);
    const series = this.mosquittoSeries(ref);
    if (!image || !series) return undefined;
    const seriesData = image.series.find((s) => s.series === series);
    const words = command.length > 0 ? command : (image.defaultCommand ?? []);
    const invocation = mosquittoInvocation(words);
    if (!invocation) return undefined;
    if (invocation.configPath === '') return { series, configPath: '', text: '', cmdPorts: invocation.cmdPorts };
    const file = seriesData?.configs?.find((c) => c.path === normalisePath(invocation.configPath));
    if (!file) return undefined;
    return { series, configPath: file.path, text: file.text, cmdPorts: invocation.cmdPorts };
  }

  /**
   * Whether a known image ships a file at `path`: its series' config files, or, when the reference
   * places it in no series (an unlisted tag), every series' — a path all of them hold.
   */
  shipsFile(ref: ImageRef, path: string): boolean {
    const image = this.image(ref);
    if (!image || ref.placeholder) return false;
    const wanted = normalisePath(path);
    const holds = (s: ImageSeriesData) => s.configs?.some((c) => c.path === wanted) === true;
    const series = this.series(ref);
    if (series !== undefined) {
      const data = image.series.find((s) => s.series === series);
      return data !== undefined && holds(data);
    }
    return image.series.length > 0 && image.series.every(holds);
  }

  /** Default listening ports of a known image when it is not modelled through a config file. */
  defaultListeners(ref: ImageRef): ImageDefaultListener[] | undefined {
    const image = this.image(ref);
    const series = image && this.series(ref);
    if (!image || series === undefined) return undefined;
    return image.series.find((s) => s.series === series)?.listeners;
  }

  /** Why a reference whose tag is one `latest`/`2` moved to resolves to its series, if it did move. */
  movedTag(ref: ImageRef): { tag: string; from: string; to: string; since: string; source: string } | undefined {
    const image = this.image(ref);
    if (!image || ref.placeholder) return undefined;
    const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
    if (!tag) return undefined;
    for (const s of image.series) {
      const moved = s.movedTags?.find((m) => m.tag === tag);
      if (moved) return { tag, from: moved.from, to: s.series, since: moved.since, source: moved.source };
    }
    return undefined;
  }

  /** End-of-life facts for this reference, if any. */
  eol(ref: ImageRef): EolFact | undefined {
    const tag = ref.tag;
    if (!tag || ref.placeholder) return undefined;
    const repository = this.repositoryOf(ref);
    for (const entry of this.eolEntries) {
      if (entry.repository !== repository) continue;
      if (eolMatches(entry.match, tag)) return { version: tag, since: entry.since, reason: entry.reason, source: entry.source };
    }
    return undefined;
  }
}

function normalisePath(path: string): string {
  return path.replace(/\/{2,}/g, '/').replace(/^\.\//, '');
}

/**
 * Finds the mosquitto program in a command line and its `-c`/`-p` options (mosquitto(8)). A shell
 * wrapper (`sh -c "mosquitto -c …"`) is looked into by splitting its script on blanks.
 */
function mosquittoInvocation(words: string[]): { configPath: string; cmdPorts: number[] } | undefined {
  const flat = words.flatMap((w) => (/\s/.test(w) ? w.split(/\s+/).filter(Boolean) : [w]));
  const start = flat.findIndex((w) => w === 'mosquitto' || w.endsWith('/mosquitto'));
  if (start === -1) return undefined;
  let configPath = '';
  const cmdPorts: number[] = [];
  for (let i = start + 1; i < flat.length; i++) {
    const w = flat[i];
    if ((w === '-c' || w === '--config-file') && i + 1 < flat.length) configPath = flat[++i];
    else if ((w === '-p' || w === '--port') && i + 1 < flat.length) {
      const port = Number(flat[++i]);
      if (Number.isInteger(port) && port >= 1 && port <= 65535) cmdPorts.push(port);
    } else if (w === '&&' || w === ';' || w === '|') break;
  }
  return { configPath, cmdPorts };
}

function eolMatches(match: EolMatch, tag: string): boolean {
  if (match.tags && match.tags.includes(tag)) return true;
  if (match.prefix !== undefined && tag.startsWith(match.prefix)) return true;
  if (match.range !== undefined) {
    const version = leadingVersion(tag);
    if (version && satisfies(version, match.range)) return true;
  }
  return false;
}

type Version = [number, number, number];

/** `1.6.15-openssl` → [1,6,15]; `v0.4` → [0,4,0]; tags without a leading number have none. */
function leadingVersion(tag: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?![\d])/.exec(tag);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Space-separated comparators (`>=1.0.0 <2.0.0`), all of which must hold. */
function satisfies(version: Version, range: string): boolean {
  const parts = range.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return false;
  return parts.every((part) => {
    const m = /^(>=|<=|>|<|=)?(.+)$/.exec(part);
    const bound = m ? leadingVersion(m[2]) : undefined;
    if (!m || !bound) return false;
    const c = compare(version, bound);
    switch (m[1] ?? '=') {
      case '>=':
        return c >= 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '<':
        return c < 0;
      default:
        return c === 0;
    }
  });
}
