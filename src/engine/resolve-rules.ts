/** Config `rules:` → the rules that run, with their severity and options (defaults merged, schema-checked). */
import { ConfigError } from '../config/config.js';
import type { EdgelintConfig, LoadedConfig } from '../config/config.js';
import { resolveSpan } from '../core/source.js';
import type { RuleModule } from '../rule-api.js';
import type { ResolvedRule } from './run-rules.js';

export async function resolveRules(all: RuleModule[], loaded: { config: EdgelintConfig; locate?: LoadedConfig['locate']; source?: LoadedConfig['source'] }): Promise<ResolvedRule[]> {
  const byId = new Map(all.map((r) => [r.id, r]));
  const settings = loaded.config.rules ?? {};
  const where = (path: string[]) => {
    const at = loaded.locate?.(path);
    const pos = at ? resolveSpan(at) : undefined;
    return `${loaded.source?.path ?? 'config'}${pos ? `:${pos.line}:${pos.column}` : ''}`;
  };
  for (const id of Object.keys(settings)) {
    if (!byId.has(id)) {
      const known = all.map((r) => r.id).filter((r) => r.split('/')[1] === id.split('/')[1]);
      throw new ConfigError(`${where(['rules', id])}: rules.${id}: unknown rule${known.length ? ` (did you mean ${known.join(', ')}?)` : ''}; "edgelint rules" lists them`);
    }
  }
  const resolved: ResolvedRule[] = [];
  for (const rule of all) {
    const setting = settings[rule.id];
    const severity = typeof setting === 'string' ? setting : setting?.severity ?? (rule.recommended ? rule.severity : 'off');
    if (severity === 'off') continue;
    const given = typeof setting === 'object' ? setting.options : undefined;
    const options = { ...(rule.options?.defaults ?? {}), ...(given ?? {}) };
    if (given && rule.options) {
      const { default: Ajv } = await import('ajv');
      const validate = new Ajv.default({ allErrors: true, strict: false }).compile(rule.options.schema);
      if (!validate(options)) {
        const e = validate.errors![0];
        throw new ConfigError(`${where(['rules', rule.id, 'options', ...e.instancePath.split('/').slice(1)])}: rules.${rule.id}.options${e.instancePath.replace(/\//g, '.')}: ${e.message}`);
      }
    } else if (given && Object.keys(given).length) {
      throw new ConfigError(`${where(['rules', rule.id, 'options'])}: rules.${rule.id}.options: this rule takes no options`);
    }
    resolved.push({ rule, severity, options });
  }
  return resolved;
}
