import { closestName, defineRule } from '../../src/rule-api.js';
import type { HostUnit } from '../../src/rule-api.js';

/**
 * systemd looks every `Key=` of a known section up in its gperf table (src/shared/conf-parser.c
 * `next_assignment`); a key it does not find is logged ("Unknown key 'Restat' in section [Service],
 * ignoring.") and dropped, and the unit loads without it. The key list is data/systemd.json: keys of
 * any systemd release count as known, so a unit written for a newer systemd is never reported.
 */

/** systemd.unit(5): keys prefixed `X-` are extensions for other programs; systemd skips them silently. */
const isExtension = (key: string): boolean => key.startsWith('X-');

function unitType(unit: HostUnit): string {
  const name = unit.unit.name;
  return name.slice(name.lastIndexOf('.') + 1);
}

export default defineRule<'elsewhere' | 'caseOnly' | 'unknown', Record<string, never>>({
  id: 'systemd/unknown-key',
  description: 'Disallow unit-file keys systemd does not read in their section',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Rename the key to the one systemd reads, or move it to the section that reads it.',
  messages: {
    elsewhere: 'systemd ignores {{key}}= in [{{section}}]: it is a setting of [{{home}}], so the unit runs without it.',
    caseOnly: 'systemd ignores {{key}}= in [{{section}}]: keys are case-sensitive, so the unit runs without {{suggestion}}=.',
    unknown: 'systemd ignores {{key}}= in [{{section}}]: no systemd release reads that key{{hint}}.',
  },
  check({ model, knowledge, report }) {
    const seen = new Set<string>();
    for (const cls of model.classes) {
      for (const unit of cls.units) {
        const key = `${unit.unit.source.path}\0${unit.unit.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const sections = knowledge.systemd.sectionsOf(unitType(unit));
        if (!sections) continue;
        for (const entry of unit.unit.entries) {
          if (isExtension(entry.key) || !sections.includes(entry.section)) continue;
          const known = knowledge.systemd.keysOf(entry.section);
          if (!known || known.has(entry.key)) continue;
          const data = { key: entry.key, section: entry.section };
          const home = sections.find((s) => s !== entry.section && knowledge.systemd.knows(s, entry.key));
          if (home) {
            report({ messageId: 'elsewhere', data: { ...data, home }, at: entry.keySpan });
            continue;
          }
          const suggestion = closestName(known, entry.key);
          if (suggestion !== undefined && suggestion.toLowerCase() === entry.key.toLowerCase()) {
            report({ messageId: 'caseOnly', data: { ...data, suggestion }, at: entry.keySpan });
            continue;
          }
          report({ messageId: 'unknown', data: { ...data, hint: suggestion ? `; did you mean ${suggestion}=?` : '' }, at: entry.keySpan });
        }
      }
    }
  },
});
