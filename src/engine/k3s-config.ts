/**
 * K3s's configuration files as K3s merges them (k3s-io/k3s pkg/configfilearg/parser.go readConfigFile,
 * read at f6466040; docs.k3s.io "Configuration File"): `/etc/rancher/k3s/config.yaml`, then the files of
 * `config.yaml.d/` whose names end in `.yaml` or `.yml` (any case), in name order (os.ReadDir). A key
 * replaces what an earlier file gave it and `key+:` appends to it; a list is one flag per item. The
 * merged values become `--key=value` flags placed right after `server`/`agent`, before the command
 * line's own, so a slice flag given on the command line as well adds to them.
 *
 * A repository may hold the files of several hosts (`server/etc/rancher/k3s/config.yaml` beside
 * `agent/etc/…`), and scripts write them (`cat > /etc/rancher/k3s/config.yaml <<EOF`): the files of
 * one folder, or of one script, are one host's configuration.
 */
import { filledAtRunTime, located, type Located, type SourceFile } from '../core/source.js';
import { parseSideDocument } from '../parse/side-yaml.js';
import { mapEntries, nodeSpan, scalarString, seqItems } from '../parse/yaml-nodes.js';
import { basename } from '../model/paths.js';
import { pushAll } from '../core/arrays.js';
import { isScalar, isSeq, type Document, type Node } from 'yaml';

/** The main file or a drop-in, split at the folder holding `rancher/k3s/`. */
const CONFIG_PATH = /^(.*?)(?:^|\/)rancher\/k3s\/config\.yaml(\.d\/[^/]+\.(?:[yY][aA][mM][lL]|[yY][mM][lL]))?$/;

/** Whether a host path is K3s's configuration file or one of its drop-ins. */
export function isK3sConfigPath(path: string): boolean {
  return CONFIG_PATH.test(path);
}

/** A flag's merged values; 'unknown' when one of them is decided at run time or is no scalar. */
export type K3sConfigValue = Array<Located<string>> | 'unknown';

/** One host's merged configuration. */
export interface K3sConfig {
  /** The main file, or the first drop-in when the host's main file is not here. */
  file: SourceFile;
  values: Map<string, K3sConfigValue>;
  /**
   * One of its files was over the parser's budget and not read (side-yaml.ts; the engine's notice
   * names it): any key may be set there, so every value is one the run decides.
   */
  unread?: true;
}

/** A value K3s reads (convert.ToString of a scalar, each item of a list), or 'unknown'. */
function valueItems(source: SourceFile, node: unknown, doc: Document.Parsed): K3sConfigValue {
  // `key:` with no value: K3s passes an empty flag, which sets nothing read here.
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
  const nodes = scalarString(node) !== undefined ? [node] : isSeq(node) ? seqItems(doc, node) : undefined;
  if (!nodes) return 'unknown';
  const items: Array<Located<string>> = [];
  for (const item of nodes) {
    const text = scalarString(item);
    const at = nodeSpan(source, item as Node);
    if (text === undefined || text.includes('$') || text.includes('{{') || filledAtRunTime(at)) return 'unknown';
    items.push(located(text, at));
  }
  return items;
}

/** Every host's K3s configuration among the files (each file once). */
export function k3sConfigs(files: readonly SourceFile[]): K3sConfig[] {
  const hosts = new Map<string, { main?: SourceFile; dropIns: SourceFile[] }>();
  const seen = new Set<SourceFile>();
  for (const file of files) {
    const match = CONFIG_PATH.exec(file.path);
    if (!match || seen.has(file)) continue;
    seen.add(file);
    // A file a script writes is keyed by the script too: two scripts write two hosts' files.
    const key = `${file.root === file ? '' : file.root.path}\0${match[1]}`;
    const host = hosts.get(key) ?? { dropIns: [] };
    hosts.set(key, host);
    if (match[2]) host.dropIns.push(file);
    else host.main ??= file;
  }
  const configs: K3sConfig[] = [];
  for (const host of hosts.values()) {
    const dropIns = host.dropIns.sort((a, b) => (basename(a.path) < basename(b.path) ? -1 : basename(a.path) > basename(b.path) ? 1 : 0));
    const ordered = host.main ? [host.main, ...dropIns] : dropIns;
    const values = new Map<string, K3sConfigValue>();
    let unread = false;
    for (const file of ordered) {
      const doc = parseSideDocument(file);
      if (!doc) {
        unread = true;
        continue;
      }
      for (const { key: written, value } of mapEntries(doc, doc.contents)) {
        const append = written.endsWith('+');
        const key = append ? written.slice(0, -1) : written;
        const items = valueItems(file, value, doc);
        const before = values.get(key);
        // An append to a value the run decides is decided at run time too; a replacement is not.
        if (!append || before === undefined) values.set(key, items);
        else if (items === 'unknown' || before === 'unknown') values.set(key, 'unknown');
        // In place: each list is this merge's own, and a file of 100,000 `key+:` lines copies nothing.
        else pushAll(before, items);
      }
    }
    configs.push({ file: ordered[0], values, ...(unread ? { unread: true as const } : {}) });
  }
  return configs;
}
