/**
 * KubeEdge releases an install script names in what it fetches, unpacks or copies: the release
 * assets are named `kubeedge-v<version>-linux-<arch>.tar.gz` and `keadm-v<version>-linux-<arch>.tar.gz`
 * and served under `https://github.com/kubeedge/kubeedge/releases/download/v<version>/` (the
 * download tables of kubeedge/kubeedge CHANGELOG/CHANGELOG-1.*.md). A word is read with the variables
 * the script assigns once filled in (`VER=v1.13.0; tar -xf kubeedge-${VER}-linux-${ARCH}.tar.gz`); a
 * part that stays unknown (`$ARCH`) only has to sit where the pattern allows anything.
 * `echo`/`printf` only print: a release they name is not one the script installs.
 *
 * Two more ways a script states its release (sweep4 FP-1): the edgecore binary it runs or copies from
 * a directory named after the release (`/etc/kubeedge/upgrade/${KUBEEDGE_VERSION}/bin/edgecore`, the
 * unpacked tarball's `kubeedge-v1.13.0-linux-amd64/edge/edgecore`), and a variable named for the
 * release (`KUBEEDGE_VERSION=v1.10.0`, `keadm_version=1.14.2`) the script assigns once.
 */
import type { ScriptReader } from './script-reader.js';
import type { ShWord } from './shell-syntax.js';
import { RELEASE_DOWNLOAD_URL, RELEASE_TARBALL, RELEASE_VALUE, isReleaseVariable } from '../core/release-names.js';
import { nodeSource } from './words.js';

/** A piece of a word the script fills in at run time: matches no version digit, only `[^/]*` parts. */
const UNKNOWN = '\u0000';

/**
 * The architecture part of a tarball name is at most 64 characters: unbounded, each `kubeedge-v1.1.1-linux-`
 * in a word scanned to the word's end for `.tar.gz`, and 20,000 of them in one word took 40 s.
 */
const PATTERNS: ReadonlyArray<{ re: RegExp; how: (m: RegExpExecArray) => string }> = [
  { re: RELEASE_TARBALL, how: (m) => `the ${m[1] === 'keadm' ? 'keadm ' : ''}release tarball ${m[0].replaceAll(UNKNOWN, '*')}` },
  { re: RELEASE_DOWNLOAD_URL, how: (m) => `a release download URL (…/${m[0]})` },
  {
    re: /(?:^|\/)(?:kubeedge-)?v(\d+\.\d+\.\d+)(?:-linux-[^/\s]*)?\/(?:[^/\s]+\/){0,3}edgecore$/,
    how: (m) => `the edgecore binary at …${m[0].replaceAll(UNKNOWN, '*')}`,
  },
];

/**
 * `X="${X:-v1.19.0}"` (or `:=`, with or without the colon): X is the release given in the environment,
 * else the default the script states (bash(1), Parameter Expansion). Read from the word's own text.
 */
const DEFAULTED = /^"?\$\{([A-Za-z_][A-Za-z0-9_]*):?[-=]([^}"'$`\\\s]+)\}"?$/;

/**
 * Each release variable the script assigns exactly once, to a literal release or to itself defaulting
 * to one (the common `KUBEEDGE_VERSION="${KUBEEDGE_VERSION:-v1.19.0}"`).
 */
export function readReleaseVariables(reader: ScriptReader): void {
  for (const name of reader.assignments.names()) {
    if (!isReleaseVariable(name)) continue;
    const word = reader.assignments.only(name);
    if (!word) continue;
    const literal = reader.literal(word);
    const defaulted = literal === undefined ? DEFAULTED.exec(nodeSource(reader.script, word)) : null;
    const value = literal ?? (defaulted && defaulted[1] === name ? defaulted[2] : undefined);
    if (value === undefined || !RELEASE_VALUE.test(value)) continue;
    const how = literal === undefined ? `${name} defaulting to ${value}` : `${name}=${value}`;
    reader.reading.releases.push({ version: value.replace(/^v/, ''), span: reader.wordSpan(word), how });
  }
}

export function readReleaseMentions(reader: ScriptReader, words: ShWord[], name: string | undefined): void {
  if (name === 'echo' || name === 'printf') return;
  for (const word of words) {
    const text = reader.partialWord(word);
    if (text === undefined || !/v\d/.test(text)) continue;
    for (const { re, how } of PATTERNS) {
      const m = re.exec(text);
      if (!m) continue;
      reader.reading.releases.push({ version: m[m.length - 1], span: reader.wordSpan(word), how: how(m) });
      break;
    }
  }
}
