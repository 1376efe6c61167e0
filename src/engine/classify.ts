/**
 * What a file is, from its name and, where names are ambiguous, its content (SPEC §1). YAML is read
 * for any `.yaml`/`.yml`/`.json`; whether a document is a Kubernetes object or an edgecore config is
 * decided per document later, from `apiVersion`/`kind`.
 */
import type { SourceKind } from '../core/source.js';
import { basename, dirname } from '../model/paths.js';
import { isShellScript } from '../script/read-script.js';

export type Classification = SourceKind | 'helm-template';

const MOSQUITTO_DIRECTIVE = /^\s*(listener|allow_anonymous|password_file|bind_address|per_listener_settings|persistence_location|include_dir|log_dest)\s/m;

export function classify(path: string, text: string, imageLists: ReadonlySet<string> = new Set()): Classification {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (imageLists.has(path)) return 'image-list';
  if (/\.(ya?ml|json)$/.test(lower)) {
    // Unrendered chart templates are Go templates, not YAML: linting them would only report syntax.
    if (/(^|\/)templates\//.test(path) && text.includes('{{')) return 'helm-template';
    return 'yaml';
  }
  if (/\.(service|socket)$/.test(lower)) return 'systemd';
  if (lower.endsWith('.conf') && basename(dirname(path)).endsWith('.service.d')) return 'systemd';
  if (lower === 'mosquitto.conf' || (lower.endsWith('.conf') && (/mosquitto/.test(path) || MOSQUITTO_DIRECTIVE.test(text)))) return 'mosquitto';
  if (isShellScript(path, text)) return 'shell';
  return 'unknown';
}
