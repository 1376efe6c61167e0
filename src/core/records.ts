/**
 * Records keyed by text from the linted repository (labels, annotations, ConfigMap keys). On a plain
 * `{}`, `record['constructor']` is Object's constructor and `record['__proto__'] = v` replaces the
 * prototype: a ConfigMap volume `subPath: constructor` crashed the run with a TypeError. These records
 * have no prototype, and lookups read own properties only.
 */

/** An empty record with no prototype: every key, `__proto__` included, is an ordinary own property. */
export function ownRecord<T>(from?: Readonly<Record<string, T>>): Record<string, T> {
  // Not Object.create(null): V8 keeps such an object in dictionary mode, ~250 bytes for four labels
  // (a 100,000-object stream has 280,000 of these records). A plain object given a null prototype
  // stays in fast mode and shares its hidden class with every record of the same keys.
  const record = Object.setPrototypeOf({}, null) as Record<string, T>;
  if (from) for (const key of Object.keys(from)) record[key] = from[key];
  return record;
}

/** `record[key]` when `key` is the record's own property (never something inherited from Object.prototype). */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
