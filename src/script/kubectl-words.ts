/** Where kubectl's subcommand sits in a command's words, for the readers of kubectl commands. */
import type { ScriptReader } from './script-reader.js';
import type { ShWord } from './shell-syntax.js';

/** kubectl's global options that take the next word as their value (`kubectl options`). */
export const KUBECTL_GLOBAL_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '--kubeconfig', '--context', '--cluster', '--user', '-n', '--namespace', '-s', '--server', '--token',
  '--as', '--as-group', '--certificate-authority', '--client-certificate', '--client-key', '--request-timeout', '--cache-dir', '--tls-server-name', '--password', '--username', '-v', '--v',
]);

/**
 * The index of the subcommand (`label`, `apply`) in `words`, whose first word is kubectl's: the global
 * options before it skipped, with their values. A word the run decides ends the options.
 */
export function kubectlSubcommandIndex(reader: ScriptReader, words: readonly ShWord[]): number {
  let i = 1;
  while (i < words.length) {
    const value = reader.literal(words[i]);
    if (value === undefined || !value.startsWith('-')) return i;
    i += KUBECTL_GLOBAL_VALUE_OPTIONS.has(value) ? 2 : 1;
  }
  return i;
}
