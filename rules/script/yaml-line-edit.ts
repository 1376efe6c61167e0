import { appendedFirst, appendsByTarget, basename, changedRanges, childKeys, defineRule, keyLine, knownTextBefore, lineEditBudget, lineinfileAsSed, lintedCopy, memoized, repositoryYaml, textBefore, edgecoreConfigs, fillsPlaceholders, insertedDuplicates, insertedKeyPath, insertedKeyPaths, insertedValue, insertionBudgets, keyValueEdits, layoutValueChanges, nest, oneLineValue, oneValueLine, parsesAsYaml, plainPatternMatches, readSubstitutions, replacesOneValue, shellQuote, statedRelease, topLevelKeyOffsets, topLevelKeys, versionOf, yamlScalarOf, yqCommand } from '../../src/rule-api.js';
import type { EdgecoreKeyPlace, InsertedKey, InsertionBudgets, KeadmEdgecoreFile, KeyValueEdit, Knowledge, Model, SchemaIssue, YamlLineEdit } from '../../src/rule-api.js';

type SourceFile = Model['sources'][number];

/**
 * `sed -i` and `cat >>` treat a YAML file as lines. Which mapping a line belongs to is decided by
 * its indentation and by whatever lines the address happens to match, so an inserted key lands
 * wherever the file's current layout puts it, and an appended block that repeats a top-level key
 * creates a duplicate that Go's YAML decoders resolve by keeping the last one (edgecore: facts §1.2).
 * Neither is visible when reading the script. The seed installer's
 * `sed -i '/edged:/a\    clusterDNS: …'` is the pattern: it lands at `modules.edged.clusterDNS`,
 * which edgecore ignores.
 */

/** Where edgecore keadm-joined nodes keep their config (facts §1.1, `DefaultConfigDir`). */
const EDGECORE_PATH = '/etc/kubeedge/config/edgecore.yaml';

/**
 * Mappings of the v1alpha2 EdgeCore config a `/KEY:/` address may name, for edits of an edgecore.yaml
 * that is not among the linted files (facts §1.1-1.5); filtered through the schema of the target
 * version before use.
 */
const EDGECORE_MAPPINGS: readonly string[] = [
  'database',
  'modules',
  'modules.edged',
  'modules.edged.tailoredKubeletConfig',
  'modules.eventBus',
  'modules.eventBus.eventBusTLS',
  'modules.metaManager',
  'modules.metaManager.metaServer',
  'modules.edgeHub',
  'modules.edgeHub.websocket',
  'modules.edgeHub.quic',
  'modules.edgeStream',
  'modules.serviceBus',
  'modules.deviceTwin',
  'modules.dbTest',
];

/** How each kind of line edit is named in a message: a script's command, or an Ansible task's module. */
const TOOL: Record<YamlLineEdit['tool'], string> = { sed: '`sed -i`', append: '`cat >>`', lineinfile: '`lineinfile`', replace: '`replace`', blockinfile: '`blockinfile`' };

/** Value changes one finding names (and suggests a yq edit for). */
const MAX_LISTED_CHANGES = 3;

/** Top-level keys of the edgecore.yaml `keadm join` writes (a full v1alpha2 config). */
const KEADM_TOP_LEVEL = ['apiVersion', 'kind', 'database', 'modules'];

/**
 * The edgecore.yaml `keadm join` wrote, for an edit of it the repository holds no copy of: the file of
 * the release the script's keadm join names (`--kubeedge-version=`), else of the release edgelint
 * judges by (kubeedgeVersion, or the newest it knows: the engine says so once per run). Undefined when
 * edgelint does not know that release's file (data/keadm-edgecore.json): nothing is claimed then.
 */
function keadmFileFor(edit: YamlLineEdit, knowledge: Knowledge, model: Model): { file: KeadmEdgecoreFile; whence: string } | undefined {
  const schemas = knowledge.edgecore;
  if (!schemas) return undefined;
  const stated = edit.keadmJoin?.version;
  if (stated) {
    const file = schemas.keadmEdgecoreFile(stated.value);
    return file ? { file, whence: `, the release the script's \`keadm join --kubeedge-version=${stated.value}\` installs` } : undefined;
  }
  const configured = model.settings.kubeedgeVersion;
  const release = statedRelease(configured, model.release);
  // A release older than edgelint's schemas wrote a file edgelint does not know: nothing is claimed.
  if (release !== undefined && schemas.pickEdgecoreVersion(release, undefined).note !== undefined) return undefined;
  const version = schemas.pickEdgecoreVersion(release, undefined).version;
  const file = schemas.keadmEdgecoreFile(version);
  if (!file) return undefined;
  // A join whose release is not read (a run-time value, a form keadm does not take) installs some
  // release: it is not known, not absent.
  const unknown = edit.keadmJoin ? ", assumed: the release the script's keadm join installs is not known here" : ', assumed: no `keadm join --kubeedge-version=` read in the script';
  return { file, whence: configured !== undefined ? ', the kubeedgeVersion in .edgelint.yaml' : release !== undefined ? ', the release the deployment installs' : unknown };
}


/**
 * Does KEY name one scalar of the edgecore config, so `KEY: .*` can match only its line? An
 * unanchored pattern also matches the tail of a longer key (`Server: .*` in `mqttServer: …`).
 */
function uniqueScalarKey(edit: KeyValueEdit, layout: ReadonlyMap<string, readonly EdgecoreKeyPlace[]>): boolean {
  const places: EdgecoreKeyPlace[] = [];
  for (const [name, at] of layout) if (name === edit.key || (!edit.anchored && name.endsWith(edit.key))) for (const place of at) places.push(place);
  return places.length === 1 && places[0].scalar && oneLineValue(edit.key, edit.after);
}

interface Placement {
  landed: InsertedKey[];
  /** The schema's verdict on the first landing, for edgecore files. */
  issue?: SchemaIssue;
  suggestion?: string[];
}

/** EDGECORE_MAPPINGS that `version`'s schema has, by last key (the schema check is the cost). */
function knownMappings(knowledge: Knowledge, version: string | undefined): Record<string, string[]> {
  const known: Record<string, string[]> = {};
  for (const mapping of EDGECORE_MAPPINGS) {
    const path = mapping.split('.');
    if (knowledge.edgecore && version && knowledge.edgecore.checkEdgecore(nest(path, {}), version).some((i) => i.kind !== 'invalid-value')) continue;
    known[path[path.length - 1]] = path;
  }
  // A key the version's config has in one place only (`clusterDomain`, under tailoredKubeletConfig) also
  // tells where a line matching it is: an address anchored on it places the inserted lines (issue #10).
  if (knowledge.edgecore && version) {
    for (const [name, places] of knowledge.edgecore.edgecoreKeyLayout(version)) {
      if (places.length !== 1 || Object.prototype.hasOwnProperty.call(known, name)) continue;
      const path = places[0].path;
      if (path.every((p) => p !== '[]' && p !== '*')) known[name] = [...path];
    }
  }
  return known;
}

function place(
  edit: YamlLineEdit,
  known: string | undefined,
  edgecore: boolean,
  knowledge: Knowledge,
  version: string | undefined,
  mappings: (version: string | undefined) => Record<string, string[]>,
  budgets: InsertionBudgets,
): Placement {
  let landed: InsertedKey[];
  if (known !== undefined) landed = insertedKeyPaths(known, edit, budgets);
  else {
    const one = insertedKeyPath(undefined, edit, { knownKeyPaths: edgecore ? mappings(version) : {} });
    landed = one ? [one] : [];
  }
  if (landed.length === 0 || !edgecore || !knowledge.edgecore || !version) return { landed };
  const first = landed[0];
  const full = [...first.path, first.key];
  const issue = knowledge.edgecore
    .checkEdgecore(nest(full, null), version)
    .find((i) => i.kind !== 'invalid-value' && i.path.length === full.length && i.path.every((p, k) => String(p) === full[k]));
  return { landed, issue, suggestion: issue?.suggestion?.split('.') };
}


/** Characters searched for idle patterns per sed command (patterns × text). */
const MAX_IDLE_SEARCH = 32 * 1024 * 1024;

/**
 * The pattern of a `sed -i 's/PATTERN/…/'` that can never match the edited file, or undefined. Decided
 * only when the file's text before the edit is wholly known — a repository file, or what this script
 * wrote there, with no run-time expansion in it and no earlier edit of the path in the script — and
 * every command is a substitution whose pattern is plain (literal characters and `.`, matched
 * case-sensitively); then a pattern found on no line leaves the file as it was.
 */
function idlePattern(sed: NonNullable<YamlLineEdit['sed']>, known: string, copy: SourceFile, editedBefore: boolean, searched: ReturnType<typeof lineEditBudget>): string | undefined {
  if (editedBefore) return undefined;
  const { found, onlySubstitutions } = readSubstitutions(sed.script.value);
  if (!onlySubstitutions) return undefined;
  const runtime = copy.origin ? copy.origin.runtime : copy.runtime;
  if (runtime?.some(([start]) => start < known.length)) return undefined;
  // Each pattern is searched through the whole text: past this, not decided (hostile12: 999
  // substitutions on a 1 MB edgecore.yaml took 16 s, one search per substitution).
  // So is what all the edits search together (each edit searches the whole text again).
  if (found.length * known.length > MAX_IDLE_SEARCH || !searched.charge(0, found.length * known.length)) return undefined;
  for (const s of found) {
    if (/[iI]/.test(s.flags ?? '') || plainPatternMatches(s.pattern, sed.extended === true, known) !== false) return undefined;
  }
  return found[0]?.pattern;
}

export default defineRule({
  id: 'script/yaml-line-edit',
  description: 'Disallow line-based edits (sed -i, cat >>, Ansible lineinfile/replace/blockinfile) of YAML config files in install scripts',
  category: 'reliability',
  severity: 'warning',
  recommended: true,
  remediation: "Edit YAML with a YAML-aware tool, e.g. yq -i '.modules.edged.tailoredKubeletConfig.clusterDNS = [\"169.254.96.16\"]' FILE, or write the whole file once.",
  messages: {
    insertIgnored:
      '{{tool}} inserts `{{key}}`{{from}} into {{file}} at {{landed}}, where edgecore does not read it ({{reason}}). Set it where edgecore reads it with a YAML-aware edit: {{suggest}}.',
    insertDuplicate:
      '{{tool}} inserts `{{key}}`{{from}} into {{file}} at {{landed}}, which the edgecore.yaml keadm join writes already holds: keadm writes {{keadmValue}} there (KubeEdge {{release}}{{whence}}). The file then has `{{key}}` twice in that mapping and edgecore keeps only the later copy, {{kept}}; {{ignored}} is ignored{{same}}. Change the one key in place with a YAML-aware edit: {{suggest}}.',
    insertLands:
      '{{tool}} inserts `{{key}}`{{from}} into {{file}} at {{landed}}{{reads}}; where a line lands depends on indentation and on which lines /…/ happens to match. Prefer a YAML-aware edit: {{suggest}}.',
    insertUnknown:
      '{{tool}} inserts a line into {{file}}{{after}}; where it lands in the YAML depends on indentation and on the lines the address matches, which edgelint cannot check here. Prefer a YAML-aware edit (yq -i) of the key path you mean.',
    insertFile:
      '{{tool}} inserts the contents of {{source}} into {{file}}{{after}}; the script does not write {{source}} itself, so edgelint cannot tell where its lines land in the YAML. Prefer a YAML-aware edit (yq -i) of the key path you mean.',
    noMatch:
      '{{tool}} replaces `{{pattern}}` in {{file}}, but {{whence}} has no line it matches: the edit silently does nothing. Check the pattern against the file (spelling, spacing, quoting), or edit the key path with yq -i.',
    sedEdit:
      '{{tool}} edits {{file}} as text; a line edit cannot tell which mapping a match belongs to and can break the YAML. Prefer a YAML-aware edit (yq -i) of the key path you mean.',
    sedKeadm:
      '{{tool}} edits {{file}} as text. On the edgecore.yaml keadm join writes (KubeEdge {{release}}{{whence}}) it changes {{changes}}; which lines it changes depends on the order and number of keys there, so a key added or moved near them changes what it edits. Prefer a YAML-aware edit: {{suggest}}.',
    appendDuplicate:
      '{{appender}} adds a second top-level `{{key}}:` to {{file}}, which already has one: the file now holds a duplicate key and {{consumer}} keeps only the appended mapping{{lost}}. Merge it instead: put the block in a file (say {{key}}-patch.yaml) and run yq -i {{merge}} {{quoted}}.',
    append:
      '{{appender}} adds text to {{file}} as lines; an appended block cannot add keys to mappings the file already has and repeats keys it cannot see. Prefer a YAML-aware edit (yq -i) or writing the whole file once.',
  },
  check({ model, knowledge, report: reportAs }) {
    let tool = TOOL.sed;
    let appender = 'This append';
    // Every message names the command or task that edits, in the words of the file it is written in.
    const report: typeof reportAs = (r) => reportAs({ ...r, data: { ...r.data, tool, appender } });
    const configs = edgecoreConfigs(model);
    const edgecoreSources = new Set(configs.map((c) => c.source));
    // Per target path and per copy, computed once: a script may edit one file thousands of times.
    const copies = new Map<string, SourceFile | undefined>();
    const firstAppends = new Map<string, boolean>();
    // Indexed on the first lookup (most runs append to nothing).
    let appends: ReturnType<typeof appendsByTarget> | undefined;
    const keyOffsets = new Map<SourceFile, Map<string, number>>();
    const endsValid = memoized((file: SourceFile) => parsesAsYaml(file.text, { uniqueKeys: true }));
    const isYaml = memoized((template: SourceFile) => template.kind === 'yaml' || parsesAsYaml(template.text));
    // The mappings a version's schema has, once per version rather than once per edit: 15 schema
    // checks per edit were most of a 1,000-line installer's rule time (270 checks in one run).
    const mappings = memoized((version: string | undefined) => knownMappings(knowledge, version));
    // The first edit of each path in each script: an edit after another one sees text edgelint did not follow.
    const firstEdit = new Map<string, number>();
    const editKey = (edit: YamlLineEdit) => `${edit.span.source.root.path}\u0000${edit.target.value}`;
    for (const { edit } of model.scriptEdits) {
      const start = edit.span.source.rootOffset(edit.span.start);
      const key = editKey(edit);
      if (start < (firstEdit.get(key) ?? Infinity)) firstEdit.set(key, start);
    }
    // What the line edits search in the text they edit, in all (Ansible's patterns, sed's placeholders
    // and key-value rewrites): each edit searches the whole text again (hostile13: 800 sed rewrites of
    // a 1 MB file, 6.9 s in replacesOneValue alone).
    const searched = lineEditBudget();
    // What the inserts spend matching their addresses and parsing the copies they make, in all (a whole parse per insert).
    const inserted = insertionBudgets(searched);
    const repository = repositoryYaml(model);
    // One run per layout and script: an installer may repeat one edit for every node.
    const changesOf = new Map<string, ReturnType<typeof layoutValueChanges>>();
    const keadmChanges = (file: KeadmEdgecoreFile, script: string, extended: boolean) => {
      const key = `${file.version}\u0000${extended}\u0000${script}`;
      if (!changesOf.has(key)) changesOf.set(key, layoutValueChanges(file, script, extended));
      return changesOf.get(key);
    };
    const editedBefore = (edit: YamlLineEdit) => (firstEdit.get(editKey(edit)) ?? Infinity) < edit.span.source.rootOffset(edit.span.start);
    for (const { edit, template } of model.scriptEdits) {
      tool = TOOL[edit.tool];
      appender = edit.tool === 'append' ? 'This append' : `This ${TOOL[edit.tool]} task`;
      const file = edit.target.value;
      const scriptPath = edit.span.source.root.path;
      const copyKey = `${scriptPath}\u0000${file}`;
      // A file under a directory known only at run time is no repository file.
      if (!copies.has(copyKey)) copies.set(copyKey, edit.openDirectory ? undefined : lintedCopy(repository, file, scriptPath));
      // A template the script copied to this path before the edit (`cp TEMPLATE DEST; sed -i … DEST`) is DEST's text.
      // A template of no kind edgelint lints is read only when it is YAML (lintedCopy).
      const copy = template ? (isYaml(template) ? template : undefined) : copies.get(copyKey);
      if (copy && !template && !firstAppends.has(copyKey)) firstAppends.set(copyKey, appendedFirst((appends ??= appendsByTarget(model)), copy, file));
      const firstWriteAppends = !template && firstAppends.get(copyKey) === true;
      const config = copy ? configs.find((c) => c.source === copy) : undefined;
      // A file named edgecore.yaml is edgecore's config wherever the script edits it: installers edit a
      // copy beside them and then put it in place (`sed -i … edgecore.yaml; cp edgecore.yaml
      // /etc/kubeedge/config/`, sweep20 FP-2). What keadm join wrote is known only at its own path.
      const edgecore = file === EDGECORE_PATH || basename(file) === 'edgecore.yaml' || (copy !== undefined && edgecoreSources.has(copy));
      const keadmWrote = file === EDGECORE_PATH || (copy !== undefined && edgecoreSources.has(copy));
      const version = knowledge.edgecore ? (config ? versionOf(config, statedRelease(model.settings.kubeedgeVersion, model.release), knowledge.edgecore) : knowledge.edgecore.pickEdgecoreVersion(statedRelease(model.settings.kubeedgeVersion, model.release), undefined).version) : undefined;
      const at = edit.span;
      const q = shellQuote(file);
      const reportPlacement = (edit: YamlLineEdit, placement: Placement, address: string | undefined, from: string): void => {
        const { key } = placement.landed[0];
        const paths = [...new Set(placement.landed.map((l) => [...l.path, l.key].join('.')))];
        const landed = paths.length === 1 && placement.landed.length > 1 ? `${paths[0]} (${placement.landed.length} times: every line ${address} matches)` : paths.join(' and ');
        const value = insertedValue(edit);
        // Never suggest the path edgecore ignores: without a known reading path, the suggestion names none.
        const targetPath = placement.suggestion ?? (placement.issue ? undefined : [...placement.landed[0].path, key]);
        let suggestedValue = value;
        if (targetPath && value !== undefined && !Array.isArray(value) && edgecore && knowledge.edgecore && version) {
          // A scalar where edgecore expects a list (clusterDNS) is offered as a one-item list.
          const asIs = knowledge.edgecore.checkEdgecore(nest(targetPath, value), version).some((i) => i.kind === 'invalid-value');
          const asList = knowledge.edgecore.checkEdgecore(nest(targetPath, [value]), version).some((i) => i.kind === 'invalid-value');
          if (asIs && !asList) suggestedValue = [value];
        }
        const suggest = targetPath ? yqCommand(targetPath, suggestedValue, q) : `yq -i on the key path edgecore reads, in ${q}`;
        if (placement.issue) {
          const reason = placement.suggestion ? `it reads ${placement.suggestion.join('.')}` : placement.issue.message;
          report({ messageId: 'insertIgnored', data: { key, from, file, landed, reason, suggest }, at });
          return;
        }
        report({ messageId: 'insertLands', data: { key, from, file, landed, reads: edgecore && knowledge.edgecore ? ', where edgecore reads it' : '', suggest }, at });
      };

      if (edit.tool === 'lineinfile' && edit.ansible) {
        const known = knownTextBefore(copy, edit, firstWriteAppends) ?? (copy === undefined && file === EDGECORE_PATH ? keadmFileFor(edit, knowledge, model)?.file.text : undefined);
        const args = edit.ansible;
        if (args.state === 'absent') {
          if (known === undefined || changedRanges(known, 'lineinfile', args, searched).length > 0) report({ messageId: 'sedEdit', data: { file }, at });
          continue;
        }
        const read = known !== undefined ? lineinfileAsSed(known, args, (key, after, line) => oneLineValue(key, after) && oneValueLine(known, line, key), searched) : undefined;
        if (read?.kind === 'unchanged' || read?.kind === 'value') continue;
        if (!read) {
          // The file is not known: a rewrite of a key edgecore has in one place only is one value, as a sed `s/KEY: .*/…/` is.
          const line = args.line !== undefined ? keyLine(args.line) : undefined;
          const layout = edgecore && knowledge.edgecore && version !== undefined ? knowledge.edgecore.edgecoreKeyLayout(version) : undefined;
          const names = line !== undefined && args.regexp !== undefined && args.regexp.includes(`${line.key}:`);
          if (!args.unknown && names && layout && uniqueScalarKey({ key: line!.key, anchored: true, after: line!.after }, layout)) continue;
          report({ messageId: 'insertUnknown', data: { file, after: args.regexp !== undefined ? ` in place of the last line matching /${args.regexp}/` : '' }, at });
          continue;
        }
        const asSed: YamlLineEdit = { ...edit, sed: { command: read.command, address: String(read.line), text: args.line, script: { value: args.line ?? '', span: at } } };
        const placement = place(asSed, known, edgecore, knowledge, version, mappings, inserted);
        if (placement.landed.length === 0) {
          report({ messageId: 'insertUnknown', data: { file, after: read.where }, at });
          continue;
        }
        reportPlacement(asSed, placement, undefined, '');
        continue;
      }

      if (edit.tool === 'append' || (edit.tool === 'blockinfile' && !edit.sed)) {
        const appended = edit.appended;
        const existingText = copy ? textBefore(copy, edit) : undefined;
        // keadm join wrote the edgecore.yaml a script only appends to; its keys are not in the script.
        const preexisting = copy === undefined || firstWriteAppends ? (keadmWrote ? KEADM_TOP_LEVEL : []) : [];
        let offsets: Map<string, number> | undefined;
        if (copy && existingText !== undefined) {
          offsets = keyOffsets.get(copy) ?? topLevelKeyOffsets(copy.text);
          keyOffsets.set(copy, offsets);
        }
        const existingLength = existingText?.length ?? 0;
        const exists = (k: string): boolean => preexisting.includes(k) || (offsets?.get(k) ?? Infinity) < existingLength;
        // A file this script wrote whole and extends: when the text it ends up with is YAML with no key
        // twice in a mapping, the appends added keys where their indentation says, which is the intent.
        // Parsed once per file (a script may append to one file thousands of times).
        if (appended !== undefined && copy?.origin && copy.root === edit.span.source.root && !firstWriteAppends && existingText !== undefined && existingText.trim() !== '' && endsValid(copy)) continue;
        const repeated = appended !== undefined ? topLevelKeys(appended).find(exists) : undefined;
        if (repeated && appended !== undefined) {
          const kept = childKeys(appended, repeated);
          const lost = existingText !== undefined ? childKeys(existingText, repeated).filter((k) => !kept.includes(k)) : [];
          report({
            messageId: 'appendDuplicate',
            data: {
              key: repeated,
              file,
              consumer: edgecore ? 'edgecore' : "Go's YAML decoders",
              lost: lost.length ? `, dropping ${lost.join(', ')} from the first` : '',
              merge: `'. *= load("${repeated}-patch.yaml")'`,
              quoted: q,
            },
            at,
          });
          continue;
        }
        report({ messageId: 'append', data: { file }, at });
        continue;
      }

      const sed = edit.sed;
      // `w FILE` writes matching lines to another file: the edited file is left as it was.
      if (sed && (sed.command === 'w' || sed.command === 'W')) continue;
      const after = sed?.address ? ` ${sed.command === 'i' ? 'before' : sed.command === 'c' ? 'in place of' : 'after'} the lines matching ${sed.address}` : '';
      if (sed && (sed.command === 'r' || sed.command === 'R') && sed.file !== undefined) {
        report({ messageId: 'insertFile', data: { source: sed.file, file, after }, at });
        continue;
      }
      if (!sed || (sed.command !== 'a' && sed.command !== 'i' && sed.command !== 'c') || sed.text === undefined) {
        // Filling placeholders the script itself wrote into values (`server: __CLOUD_IP__:10000`) moves no key.
        const known = knownTextBefore(copy, edit, firstWriteAppends);
        const idle = sed && copy && known !== undefined ? idlePattern(sed, known, copy, editedBefore(edit), searched) : undefined;
        if (idle !== undefined) {
          // The linted copy is named when its path is not the one the script edits (a template copied into place).
          const samePath = file.replace(/^(\.\/)+/, '') === copy!.path;
          const whence = copy!.origin && copy!.root === edit.span.source.root ? 'the text this script writes there before this line' : samePath ? 'the file' : `its text (${copy!.path})`;
          report({ messageId: 'noMatch', data: { pattern: idle, file, whence }, at });
          continue;
        }
        if (sed && known !== undefined && searched.charge(0, known.length) && fillsPlaceholders(known, edit)) continue;
        // `s/KEY: .*/KEY: VALUE/` rewrites one value when KEY names one line: in the text when it is
        // known, else in edgecore's key layout. A key several mappings have (`enable`) stays reported.
        const values = sed ? keyValueEdits(edit) : undefined;
        if (values && values.length > 0) {
          const layout = known === undefined && edgecore && knowledge.edgecore && version !== undefined ? knowledge.edgecore.edgecoreKeyLayout(version) : undefined;
          if (known !== undefined ? values.every((v) => searched.charge(0, known.length) && replacesOneValue(known, v)) : layout !== undefined && values.every((v) => uniqueScalarKey(v, layout))) continue;
        }
        // keadm's own file, which the repository does not hold: a substitution under key addresses is
        // told key by key on the layout keadm writes, when that is certain (layoutValueChanges).
        const keadm = sed && copy === undefined && file === EDGECORE_PATH ? keadmFileFor(edit, knowledge, model) : undefined;
        const changes = keadm && sed ? keadmChanges(keadm.file, sed.script.value, sed.extended === true) : undefined;
        if (keadm && changes) {
          const listed = changes.slice(0, MAX_LISTED_CHANGES);
          const more = changes.length > listed.length ? ` (and ${changes.length - listed.length} more)` : '';
          report({
            messageId: 'sedKeadm',
            data: {
              file,
              release: keadm.file.version,
              whence: keadm.whence,
              changes: listed.map((c) => `${c.path.join('.')} from ${c.from || 'empty'} to ${c.to || 'empty'}`).join(', ') + more,
              suggest: listed.map((c) => yqCommand(c.path, yamlScalarOf(c.to), q)).join(' && ') + more,
            },
            at,
          });
          continue;
        }
        report({ messageId: 'sedEdit', data: { file }, at });
        continue;
      }
      const from = sed.file !== undefined ? ` (the contents of ${sed.file})` : '';
      // No copy of keadm's edgecore.yaml in the repository: its text is the release's keadm layout, so an
      // insert of a key keadm already wrote there is a second copy of it (issue #10).
      const keadm = copy === undefined && file === EDGECORE_PATH ? keadmFileFor(edit, knowledge, model) : undefined;
      const duplicate = keadm ? insertedDuplicates(keadm.file.text, edit, 1)[0] : undefined;
      if (keadm && duplicate) {
        const path = [...duplicate.path, duplicate.key];
        const value = insertedValue(edit);
        report({
          messageId: 'insertDuplicate',
          data: {
            key: duplicate.key,
            from,
            file,
            landed: path.join('.'),
            release: keadm.file.version,
            whence: keadm.whence,
            keadmValue: keadm.file.valueOf(path) ?? 'a value',
            kept: duplicate.insertedLast ? 'the inserted one, below keadm\'s' : 'keadm\'s, further down the file',
            ignored: duplicate.insertedLast ? "keadm's value" : 'the inserted value',
            same: value !== undefined && JSON.stringify(value) === keadm.file.valueOf(path) ? ' (it is the value keadm writes: the line changes nothing but adds the duplicate)' : '',
            suggest: yqCommand(path, value, q),
          },
          at,
        });
        continue;
      }
      const placement = place(edit, knownTextBefore(copy, edit, firstWriteAppends), edgecore, knowledge, version, mappings, inserted);
      if (placement.landed.length === 0) {
        report({ messageId: 'insertUnknown', data: { file, after }, at });
        continue;
      }
      reportPlacement(edit, placement, sed.address, from);
    }
  },
});
