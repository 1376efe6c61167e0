/** Path helpers for `/`-separated paths (file paths as given, and paths written inside scripts). */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirname(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

/** `dir` joined with a relative `path`, `.` and `..` resolved (`a/b` + `../c.yaml` = `a/c.yaml`); `..` above the root stays. */
export function joinRelative(dir: string, path: string): string {
  const parts: string[] = [];
  for (const part of `${dir === '.' ? '' : dir}/${path}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
