/**
 * What a Dockerfile puts at one path of the image it builds, and what its final stage runs: a broker
 * image built `FROM eclipse-mosquitto:2.0` with `COPY mosquitto.conf /mosquitto/config/mosquitto.conf`
 * reads the repository's file. Dockerfile reference (docs.docker.com/reference/dockerfile):
 * - COPY/ADD `[--from=…] <src>... <dest>` or the JSON form; sources are relative to the build context
 *   (a leading `/` too), or with `--from` paths in that stage or image; a source directory copies its
 *   contents, not itself; a destination ending in `/` (required for several sources) is a directory,
 *   otherwise the file is written at that path; a relative destination is relative to WORKDIR.
 * - WORKDIR joins a relative path to the previous one; a stage `FROM` an earlier stage continues its
 *   filesystem and config; ENTRYPOINT resets a CMD the stage did not set itself.
 * - ADD fetches URLs and unpacks local tar archives; `COPY <<EOF` writes inline text (heredocs).
 * Whatever cannot be followed exactly (a variable, a wildcard, an archive, a URL, another image,
 * `--parents`/`--exclude`, a RUN naming the file afterwards) makes the path `unknown`: nothing is claimed.
 */
import type { SourceFile } from '../core/source.js';
import { basename, joinRelative } from './paths.js';

/** Longer than any Dockerfile a repository holds: a hostile one is not read. */
const MAX_CHARS = 1 << 20;

/** Where one instruction starts and ends in the Dockerfile's text (offsets). */
export interface InstructionAt {
  start: number;
  end: number;
}

interface Copy {
  kind: 'copy';
  keyword: string;
  from?: string;
  sources: string[];
  /** Absolute destination with its trailing `/` kept; undefined when WORKDIR or a variable leaves it unknown. */
  dest?: string;
  /** A relative destination under a WORKDIR not known here (the base image's). */
  relative?: string;
  /** Something makes what lands under `dest` unknowable (a heredoc, `--parents`, `--exclude`). */
  opaque: boolean;
  at: InstructionAt;
}

type Step = Copy | { kind: 'run'; text: string };

/** `undefined`: left as the base image has it; `'unknown'`: set to something edgelint cannot read as words. */
type Words = string[] | 'unknown' | undefined;

interface Stage {
  name?: string;
  /** The earlier stage this one starts from, else undefined (an image). */
  parent?: number;
  /** The image the stage starts from, through the stages it continues; undefined for scratch or a variable. */
  base?: string;
  steps: Step[];
  entrypoint: Words;
  cmd: Words;
  /** WORKDIR as the stage goes (a base image's is not known here; a stage continues its parent's). */
  workdir?: string;
}

export interface DockerfileImage {
  stages: Stage[];
}

/** What the built image holds at a path. */
export type ImageFile = { kind: 'base' } | { kind: 'unknown' } | { kind: 'context'; path: string; at: InstructionAt; keyword: string };

interface Line {
  text: string;
  start: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    lines.push({ text: raw.replace(/\r$/, ''), start });
    start += raw.length + 1;
  }
  return lines;
}

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Instructions as keyword + arguments, continuation lines joined, comments and heredoc bodies skipped. */
function instructions(text: string): Array<{ keyword: string; args: string; heredoc: boolean; at: InstructionAt }> {
  const lines = splitLines(text);
  // A `# escape=` parser directive before anything else changes the line-continuation character.
  let escape = '\\';
  for (const line of lines) {
    const m = /^\s*#\s*(\w+)\s*=\s*(\S+)\s*$/.exec(line.text);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') escape = m[2];
  }
  const out: Array<{ keyword: string; args: string; heredoc: boolean; at: InstructionAt }> = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i];
    if (/^\s*(#|$)/.test(first.text)) continue;
    let joined = '';
    let last = first;
    for (;;) {
      // trimEnd, not replace(/\s+$/): the regex tries every start in a run of blanks, quadratic in a
      // long one (hostile16: a RUN line of 60,000 spaces took 1.8 s of CPU, a megabyte of them minutes).
      const body = last.text.trimEnd();
      if (!body.endsWith(escape) || i + 1 >= lines.length) {
        joined += body;
        break;
      }
      joined += body.slice(0, -escape.length) + ' ';
      // Comment and empty lines inside a continued instruction are dropped.
      while (i + 1 < lines.length && /^\s*(#|$)/.test(lines[i + 1].text)) i++;
      if (i + 1 >= lines.length) break;
      last = lines[++i];
    }
    const m = /^\s*(\S+)\s*(.*)$/.exec(joined);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const args = m[2];
    // Heredoc bodies follow the instruction line, each up to its terminator (`<<-` allows leading tabs);
    // only RUN, COPY and ADD take them (Dockerfile reference, "Here-Documents").
    const heredocs = HEREDOC_KEYWORDS.has(keyword) ? [...args.matchAll(/<<(-?)(["']?)([A-Za-z_][\w-]*)\2/g)] : [];
    for (const h of heredocs) {
      while (i + 1 < lines.length) {
        const line = lines[++i].text;
        if ((h[1] ? line.replace(/^\t+/, '') : line) === h[3]) break;
      }
    }
    out.push({ keyword, args, heredoc: heredocs.length > 0, at: { start: first.start, end: last.start + last.text.length } });
  }
  return out;
}

/** The JSON (exec) form's strings, or undefined when the arguments are not a JSON array of strings. */
function jsonWords(args: string): string[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** CMD/ENTRYPOINT words: the exec form, or a shell form that is one plain command (`/bin/sh -c` runs it as written). */
function commandWords(args: string): Words {
  const json = jsonWords(args);
  if (json) return json;
  return /^[\w/.,:=@+%-]+(?:\s+[\w/.,:=@+%-]+)*$/.test(args.trim()) ? args.trim().split(/\s+/) : 'unknown';
}

function joinPath(dir: string, path: string): string {
  return '/' + joinRelative(dir, path);
}

/** A Dockerfile read as stages; undefined when it has no FROM or is too long to be one. */
export function readDockerfile(text: string): DockerfileImage | undefined {
  if (text.length > MAX_CHARS) return undefined;
  const stages: Stage[] = [];
  const byName = new Map<string, number>();
  let stage: Stage | undefined;
  let cmdSet = false;
  for (const ins of instructions(text)) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(ins.args);
      if (!m) return undefined;
      const parent = byName.get(m[1].toLowerCase());
      const from = parent === undefined ? undefined : stages[parent];
      const base = from ? from.base : m[1].includes('$') || m[1].toLowerCase() === 'scratch' ? undefined : m[1];
      stage = { name: m[2]?.toLowerCase(), parent, base, steps: [], entrypoint: from?.entrypoint, cmd: from?.cmd, workdir: from?.workdir };
      cmdSet = false;
      if (stage.name) byName.set(stage.name, stages.length);
      stages.push(stage);
      continue;
    }
    if (!stage) continue;
    switch (ins.keyword) {
      case 'WORKDIR': {
        const path = ins.args.trim();
        const workdir = stage.workdir;
        stage.workdir = path.includes('$') ? undefined : path.startsWith('/') ? joinPath('/', path) : workdir === undefined ? undefined : joinPath(workdir, path);
        break;
      }
      case 'COPY':
      case 'ADD':
        stage.steps.push(copyStep(ins.keyword, ins.args, ins.heredoc, stage.workdir, ins.at));
        break;
      case 'RUN':
        stage.steps.push({ kind: 'run', text: ins.args });
        break;
      case 'CMD':
        stage.cmd = commandWords(ins.args);
        cmdSet = true;
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = commandWords(ins.args);
        if (!cmdSet) stage.cmd = [];
        break;
    }
  }
  return stages.length ? { stages } : undefined;
}

function copyStep(keyword: string, args: string, heredoc: boolean, workdir: string | undefined, at: InstructionAt): Copy {
  let rest = args.trim();
  let from: string | undefined;
  let opaque = heredoc;
  for (let m = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest); m; m = /^--([\w-]+)(?:=(\S*))?\s+/.exec(rest)) {
    const flag = m[1].toLowerCase();
    if (flag === 'from') from = m[2];
    else if (flag === 'parents' || flag === 'exclude') opaque = true;
    rest = rest.slice(m[0].length);
  }
  const words = jsonWords(rest) ?? rest.split(/\s+/).filter(Boolean);
  const rawDest = words.length >= 2 ? words[words.length - 1] : undefined;
  let dest: string | undefined;
  if (rawDest !== undefined && !rawDest.includes('$')) {
    const slash = rawDest.endsWith('/') || rawDest === '.' || rawDest.endsWith('/.') ? '/' : '';
    const base = rawDest.startsWith('/') ? '/' : workdir;
    if (base !== undefined) dest = joinPath(base, rawDest).replace(/\/$/, '') + slash;
    else return { kind: 'copy', keyword, from, sources: words.slice(0, -1), relative: joinRelative('.', rawDest) + slash, opaque, at };
  }
  return { kind: 'copy', keyword, from, sources: words.slice(0, -1), dest, opaque, at };
}

const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;

/**
 * Where `path` of a COPY's destination comes from: a source path (in the build context, or in the
 * `--from` stage), `unknown`, or undefined when the instruction does not reach the path.
 */
function copySource(copy: Copy, path: string, exists: (source: string) => boolean): { source: string } | 'unknown' | undefined {
  if (copy.dest === undefined) {
    if (copy.relative === undefined) return copy.sources.length ? 'unknown' : undefined;
    // Under an unknown WORKDIR: unknown when some directory above the path, as WORKDIR, lets it reach the path.
    const relative = copy.relative;
    const dirs = path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/') || '/');
    return dirs.some((dir) => copySource({ ...copy, dest: joinPath(dir, relative).replace(/\/$/, '') + (relative.endsWith('/') ? '/' : ''), relative: undefined }, path, exists) !== undefined) ? 'unknown' : undefined;
  }
  const dir = copy.dest.endsWith('/') || copy.sources.length > 1;
  const root = copy.dest.replace(/\/+$/, '');
  const under = path.startsWith(root + '/');
  if (!under && (dir || path !== root)) return undefined;
  if (copy.opaque) return 'unknown';
  // Sources are tried last first: of two landing at one path, the later is written last.
  for (let i = copy.sources.length - 1; i >= 0; i--) {
    const raw = copy.sources[i];
    const asFile = dir ? `${root}/${basename(raw)}` === path : path === root;
    if (/[$*?[\\]/.test(raw) || (copy.keyword === 'ADD' && (raw.includes('://') || raw.startsWith('git@') || ARCHIVE.test(raw)))) {
      if (asFile || under) return 'unknown';
      continue;
    }
    const source = joinRelative('.', raw);
    const child = under ? joinRelative(source, path.slice(root.length + 1)) : undefined;
    // Written as a file it lands at the destination (or in it); a directory's contents land under it.
    if (exists(source)) {
      if (asFile) return { source };
      // `COPY f /dir` over a directory the image already holds writes /dir/f: whether it does is not known here.
      if (`${root}/${basename(raw)}` === path) return 'unknown';
      continue;
    }
    if (child !== undefined && exists(child)) return { source: child };
    // The source may be a file or directory edgelint does not hold (not a broker config, or absent).
    if (asFile || child !== undefined) return 'unknown';
  }
  return undefined;
}

/**
 * What the image built from stage `index` holds at absolute `path`: a build-context file (`exists`
 * says which context paths are files edgelint read), the base image's own file, or unknown.
 */
function stageFile(image: DockerfileImage, index: number, path: string, exists: (source: string) => boolean, depth: number, seen: Map<string, ImageFile>): ImageFile {
  // Each stage and path is worked out once: a chain of stages each copying from the one before asks
  // for the same files again and again (exponential without this).
  const key = `${index}\0${path}`;
  let found = seen.get(key);
  if (!found) seen.set(key, (found = depth > MAX_DEPTH ? { kind: 'unknown' } : stageFileOnce(image, index, path, exists, depth, seen)));
  return found;
}

/** Stages followed into one another before a path is left unknown: the stack stays small on a hostile chain. */
const MAX_DEPTH = 64;

function stageFileOnce(image: DockerfileImage, index: number, path: string, exists: (source: string) => boolean, depth: number, seen: Map<string, ImageFile>): ImageFile {
  const stage = image.stages[index];
  const name = basename(path);
  for (let i = stage.steps.length - 1; i >= 0; i--) {
    const step = stage.steps[i];
    // A later RUN naming the file (sed -i, cat >) may rewrite it.
    if (step.kind === 'run') {
      if (step.text.includes(name)) return { kind: 'unknown' };
      continue;
    }
    if (step.from === undefined) {
      const found = copySource(step, path, exists);
      if (found === undefined) continue;
      return found === 'unknown' ? { kind: 'unknown' } : { kind: 'context', path: found.source, at: step.at, keyword: step.keyword };
    }
    // `--from` names an earlier stage (by name or index) or another image, whose files edgelint does not know.
    const from = /^\d+$/.test(step.from) ? Number(step.from) : image.stages.findIndex((s) => s.name === step.from!.toLowerCase());
    const found = copySource(step, path, (source) => from >= 0 && from < index && stageFile(image, from, '/' + source, exists, depth + 1, seen).kind === 'context');
    if (found === undefined) continue;
    if (found === 'unknown') return { kind: 'unknown' };
    const carried = stageFile(image, from, '/' + found.source, exists, depth + 1, seen);
    return carried.kind === 'context' ? carried : { kind: 'unknown' };
  }
  return stage.parent === undefined ? { kind: 'base' } : stageFile(image, stage.parent, path, exists, depth + 1, seen);
}

/**
 * The stage a build stops at: compose-spec build.md `target`, a stage name (BuildKit matches it
 * case-insensitively), else the last; undefined for a target no stage has (the build fails).
 */
export function targetStage(image: DockerfileImage, target: string | undefined): number | undefined {
  if (target === undefined) return image.stages.length - 1;
  const index = image.stages.findIndex((s) => s.name === target.toLowerCase());
  return index === -1 ? undefined : index;
}

/** What the image (its last stage, or `stage`) holds at `path`. */
export function imageFile(image: DockerfileImage, path: string, exists: (source: string) => boolean, stage = image.stages.length - 1): ImageFile {
  return stageFile(image, stage, path, exists, 0, new Map());
}

/**
 * What the image runs: ENTRYPOINT and CMD as its last stage leaves them (`undefined` = the base
 * image's), `'unknown'` when either is a shell command edgelint does not read as plain words.
 */
export function imageCommand(image: DockerfileImage, stage = image.stages.length - 1): { entrypoint: Words; cmd: Words } {
  const last = image.stages[stage];
  return { entrypoint: last.entrypoint, cmd: last.cmd };
}

/**
 * The image the final stage starts from: what a Compose service that builds the Dockerfile runs when
 * the build adds a config but not a different program (`FROM eclipse-mosquitto:2.0` then `COPY
 * mosquitto.conf …`); undefined for scratch or a base named by a build argument.
 */
export function finalBase(image: DockerfileImage): string | undefined {
  return image.stages[image.stages.length - 1].base;
}

/** A repository Dockerfile as a Compose service that builds it sees it. */
export interface BuiltDockerfile {
  source: SourceFile;
  image: DockerfileImage;
}
