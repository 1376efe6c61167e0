/**
 * KubeEdge releases an install script names in what it fetches, unpacks or copies: the release
 * assets are named `kubeedge-v<version>-linux-<arch>.tar.gz` and `keadm-v<version>-linux-<arch>.tar.gz`
 * and served under `https://github.com/kubeedge/kubeedge/releases/download/v<version>/` (the
 * download tables of kubeedge/kubeedge CHANGELOG/CHANGELOG-1.*.md). A word is read with the variables
 * the script assigns once filled in (`VER=v1.13.0; tar -xf kubeedge-${VER}-linux-${ARCH}.tar.gz`); a
 * part that stays unknown (`$ARCH`) only has to sit where the pattern allows anything.
 * `echo`/`printf` only print: a release they name is not one the script installs.
 */
import type { ScriptReader } from './script-reader.js';
import type { ShWord } from './shell-syntax.js';

/** A piece of a word the script fills in at run time: matches no version digit, only `[^/]*` parts. */
const UNKNOWN = '\u0000';

const PATTERNS: ReadonlyArray<{ re: RegExp; how: (m: RegExpExecArray) => string }> = [
  { re: /\b(kubeedge|keadm)-v(\d+\.\d+\.\d+)-linux-[^/\s]*?\.tar\.gz/, how: (m) => `the ${m[1] === 'keadm' ? 'keadm ' : ''}release tarball ${m[0].replaceAll(UNKNOWN, '*')}` },
  { re: /kubeedge\/kubeedge\/releases\/download\/v(\d+\.\d+\.\d+)\//, how: (m) => `a release download URL (…/${m[0]})` },
];

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
