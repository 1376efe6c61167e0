/** Is this text a shell script: named `*.sh` / `*.bash`, or a `#!` line naming sh, bash, dash, ash, ksh or zsh (directly or through `env`)? */
export function isShellScript(path: string, text: string): boolean {
  if (/\.(sh|bash)$/i.test(path)) return true;
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (!body.startsWith('#!')) return false;
  const newline = body.indexOf('\n');
  const line = (newline === -1 ? body.slice(2) : body.slice(2, newline)).trim();
  const words = line.split(/[ \t]+/).filter(Boolean);
  let i = 0;
  if (words.length > 0 && basename(words[0]) === 'env') {
    i = 1;
    // env(1): skip options and NAME=VALUE words; `-S` splits the rest into words, which are the same words here.
    while (i < words.length && (words[i].startsWith('-') || words[i].includes('='))) {
      i += words[i] === '-u' || words[i] === '-C' ? 2 : 1;
    }
  }
  const interpreter = words[i] === undefined ? '' : basename(words[i]);
  return ['sh', 'bash', 'dash', 'ash', 'ksh', 'zsh'].includes(interpreter);
}

function basename(path: string): string {
  return path.replace(/^.*\//, '');
}
