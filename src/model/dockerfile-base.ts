/**
 * The image a Dockerfile's final stage starts from: what a Compose service that builds it runs, when
 * the build adds a config but not a different program (`FROM eclipse-mosquitto:2.0` then `COPY
 * mosquitto.conf …`). Dockerfile reference: `FROM [--platform=<p>] <image> [AS <name>]`, the last
 * FROM is the image built, and a FROM naming an earlier stage continues that stage's image.
 */

/** Longer than any Dockerfile a repository holds: a hostile one is not read. */
const MAX_CHARS = 1 << 20;

const FROM_LINE = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i;

/**
 * The final stage's base image, or undefined when it is `scratch`, names a build argument
 * (`FROM ${BASE}`), or the file has no FROM.
 */
export function dockerfileBaseImage(text: string): string | undefined {
  if (text.length > MAX_CHARS) return undefined;
  const stages = new Map<string, string | undefined>();
  let last: string | undefined;
  let seen = false;
  for (const line of text.split('\n')) {
    const m = FROM_LINE.exec(line.replace(/\r$/, ''));
    if (!m) continue;
    seen = true;
    const named = m[1].toLowerCase();
    const image = stages.has(named) ? stages.get(named) : m[1].includes('$') || named === 'scratch' ? undefined : m[1];
    if (m[2]) stages.set(m[2].toLowerCase(), image);
    last = image;
  }
  return seen ? last : undefined;
}
