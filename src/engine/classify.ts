/**
 * What a file is, from its name and its content (SPEC §1). A name proposes a kind; the content
 * confirms it, because real repositories hold files that share our names without being ours:
 * `package.json`, GitHub workflows, `docker-compose.yml` and Helm `values.yaml` are YAML/JSON but
 * neither Kubernetes objects nor edgecore configs, and Avahi's `/etc/avahi/services/*.service` are XML
 * service definitions, not systemd units. Such files are not linted (no parse errors, no duplicate
 * keys): edgelint reports only on files whose consumer it knows.
 */
import type { SourceKind } from '../core/source.js';
import { basename, dirname } from '../model/paths.js';
import { isShellScript } from '../script/shell-script-kind.js';

/**
 * `tentative-yaml`: a file whose name does not say YAML (or says it under a template suffix,
 * `edgecore.yaml.j2`) but whose text is a Kubernetes object or an edgecore config. It is linted only
 * when it parses as YAML (lint.ts): a template whose placeholders are not YAML is not what a node or
 * the API server reads, and a text that only looked like YAML is not ours.
 */
export type Classification = SourceKind | 'helm-template' | 'tentative-yaml';

const MOSQUITTO_DIRECTIVE = /^\s*(listener|allow_anonymous|password_file|bind_address|per_listener_settings|persistence_location|include_dir|log_dest)\s/m;

/**
 * Files that are never text edgelint reads, by name: archives (chart `.tgz`, image `.tar` bundles),
 * images, documents, compiled objects. They are skipped before being read.
 */
const FOREIGN_EXTENSIONS = new Set(['tgz', 'tar', 'gz', 'bz2', 'xz', 'zst', 'zip', '7z', 'rar', 'jar', 'war', 'deb', 'rpm', 'apk', 'iso', 'img', 'qcow2', 'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'webp', 'tif', 'tiff', 'svgz', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'o', 'a', 'so', 'dll', 'exe', 'bin', 'wasm', 'class', 'pyc', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4', 'mov', 'avi', 'sqlite', 'db']);
/*
 * The name's last extension looked up in a Set, in ASCII letters and digits of any case (what the one
 * pattern `\.(tgz|tar|…|db)$/i` matched, which V8 compiled to ~900 lines of regexp bytecode in every
 * run, ~1 M instructions of a one-file run's ~150 M; issue #13). ASCII first: toLowerCase() would
 * also turn the Kelvin sign into `k`, which the pattern did not match.
 */
const SHORT_ASCII_WORD = /^[a-z0-9]{1,6}$/i;

export function isForeignByName(path: string): boolean {
  const name = basename(path);
  const extension = name.slice(name.lastIndexOf('.') + 1);
  return extension.length < name.length && SHORT_ASCII_WORD.test(extension) && FOREIGN_EXTENSIONS.has(extension.toLowerCase());
}

/**
 * A YAML document is read by Kubernetes or edgecore only when it says what it is: a top-level
 * `apiVersion` or `kind` (edgecore's own config has `apiVersion: edgecore.config.kubeedge.io/…` and
 * `kind: EdgeCore`). In block YAML that key starts a line at column 0; in JSON it is a quoted key at
 * any indentation. Tested on the text, not the parse, so a manifest with a syntax error is still
 * recognised (and its error reported), while a random JSON or YAML file is not read at all.
 */
const YAML_TOP_KEY = /^(?:apiVersion|kind)[ \t]*:/m;
const JSON_KEY = /"(?:apiVersion|kind)"[ \t]*:/;

export function looksLikeManifest(text: string): boolean {
  return YAML_TOP_KEY.test(text) || JSON_KEY.test(text);
}

/** Nothing but blank lines, comments and document markers: an empty file, linted (it has nothing to report). */
function isBlankYaml(text: string): boolean {
  for (const line of text.replace(/^\ufeff/, '').split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#') && t !== '---' && t !== '...') return false;
  }
  return true;
}

/**
 * A systemd unit file is lines of `[Section]` headers and `Key=value` assignments (systemd.syntax(7));
 * a file whose first meaningful line is markup (`<?xml`, `<service-group>`) is something else.
 */
const UNIT_LINE = /^[ \t]*(?:\[|[A-Za-z][A-Za-z0-9]*[ \t]*=)/m;

export function looksLikeUnit(text: string): boolean {
  const first = /^[ \t]*([^\s#;])/m.exec(text);
  if (!first) return true; // empty or only comments: a unit with nothing in it (parses to nothing)
  if (first[1] === '<') return false;
  return UNIT_LINE.test(text);
}

/**
 * Suffixes a file gets when it is the model of the file a node reads, not that file: templates
 * (Jinja `.j2`, Go/Helm `.tmpl`/`.tpl`, `.template`) and samples (`.example`, `.sample`, `.dist`,
 * `.default`, `.orig`, `.in`). `edgecore.yaml.TEMPLATE` is an edgecore.yaml whatever its suffix (SPEC §1).
 */
const TEMPLATE_SUFFIX = /\.(?:template|tmpl|tpl|j2|jinja2?|example|sample|dist|default|orig|in)$/i;

/** Jinja and Go-template markup: `{{ expr }}`, `{% statement %}`, `{# comment #}`. */
export const TEMPLATE_MARK = /\{\{|\{%|\{#/;

/**
 * Template markup on a line that is not a YAML comment: a `.yaml` some renderer fills in before it
 * is applied (a repository of Jinja/Go-templated manifests outside any Helm chart, `image:
 * {{registry}}/broker:{{version}}`). Markup only in comments (`# see …/blob/{{version}}/README.md`)
 * leaves the file plain YAML. One pass over the lines.
 */
export function hasTemplateMarkup(text: string): boolean {
  if (!TEMPLATE_MARK.test(text)) return false;
  for (const line of text.split('\n')) {
    if (TEMPLATE_MARK.test(line) && !/^[ \t]*#/.test(line)) return true;
  }
  return false;
}

/**
 * Names read as text only by their name: documents and program sources hold YAML in examples and
 * string literals, which are not files anything applies.
 */
const NOT_SNIFFED = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt|text|html?|xml|svg|tex|org|go|py|js|mjs|cjs|ts|tsx|jsx|java|kt|c|cc|cpp|h|hpp|rs|rb|php|pl|lua|cs|swift|scala|tf|hcl|nix|toml|ini|properties|csv|tsv|log|lock|diff|patch|ps1|bat|cmd|mk|cmake|gradle|ipynb|sql)$/i;

/** The first line that is not blank, a comment, a document marker or a directive. */
function firstContentLine(text: string): string | undefined {
  const found = /^(?![ \t]*(?:#|---|\.\.\.|%|$))[^\r\n]*$/m.exec(text.startsWith('\ufeff') ? text.slice(1) : text);
  return found?.[0];
}

/**
 * Text under a name of no known kind that is a YAML object a consumer reads: it starts as a block
 * mapping (its first content line a top-level `key:`) and states both `apiVersion` and `kind` at the
 * top level (a Kubernetes object, or edgecore's `edgecore.config.kubeedge.io/v1alpha2` EdgeCore). Two
 * regular-expression passes over text already read; nothing is parsed unless this holds.
 */
export function looksLikeYamlObject(text: string): boolean {
  const first = firstContentLine(text);
  if (first === undefined || !/^[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)/.test(first)) return false;
  return /^apiVersion[ \t]*:/m.test(text) && /^kind[ \t]*:/m.test(text);
}

export function classify(path: string, text: string, imageLists: ReadonlySet<string> = new Set()): Classification {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (imageLists.has(path)) return 'image-list';
  if (TEMPLATE_SUFFIX.test(lower) && /\.(ya?ml|json)$/.test(lower.replace(TEMPLATE_SUFFIX, ''))) {
    // `edgecore.yaml.j2`, `deploy.yaml.example`: read when the text says what it is. Placeholders may
    // leave it something no YAML parser reads; lint.ts then skips it with a notice.
    if (!looksLikeManifest(text)) return 'unknown';
    return TEMPLATE_MARK.test(text) ? 'tentative-yaml' : 'yaml';
  }
  if (/\.(ya?ml|json)$/.test(lower)) {
    // Unrendered chart templates are Go templates, not YAML: linting them would only report syntax.
    if (/(^|\/)templates\//.test(path) && text.includes('{{')) return 'helm-template';
    // keadm writes edgecore's config as edgecore.yaml (/etc/kubeedge/config/): that name is enough.
    if (!(looksLikeManifest(text) || isBlankYaml(text) || /^(edgecore|cloudcore)\.ya?ml$/.test(lower))) return 'unknown';
    // A manifest with template markup outside a chart is the model of what gets applied (sweep19
    // FP-2): read like a `.j2`, linted where it parses and its values are literal (lint.ts).
    return hasTemplateMarkup(text) ? 'tentative-yaml' : 'yaml';
  }
  if (/\.(service|socket)$/.test(lower)) return looksLikeUnit(text) ? 'systemd' : 'unknown';
  if (lower.endsWith('.conf') && basename(dirname(path)).endsWith('.service.d')) return looksLikeUnit(text) ? 'systemd' : 'unknown';
  if (lower === 'mosquitto.conf' || (lower.endsWith('.conf') && (/mosquitto/.test(path) || MOSQUITTO_DIRECTIVE.test(text)))) return 'mosquitto';
  if (isShellScript(path, text)) return 'shell';
  // `edgecore.conf`, an `edgecore` with no extension: an EdgeCore config whatever the file is called (SPEC §1).
  if (!NOT_SNIFFED.test(lower) && looksLikeYamlObject(text)) return 'tentative-yaml';
  return 'unknown';
}
