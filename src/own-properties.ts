/**
 * Plain objects keyed by names that come from input: bundle paths, data documents, tags, Rego
 * values. An assignment `out[key] = value` with the key `__proto__` replaces the object's
 * prototype (or, when the object *is* a prototype reached that way, pollutes every object in the
 * process), and a read `out[key]` of `constructor`, `toString` or `__proto__` finds an inherited
 * value instead of nothing. These helpers define and read own properties only, so such keys stay
 * ordinary keys. (`Object.fromEntries`, object spread and `JSON.parse` define own properties
 * already and are safe.)
 */

/** Sets `key` as an own, enumerable data property of `target`, whatever the key. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `target[key]` when `key` is an own property of `target`, else undefined (never an inherited value). */
export function getOwn(target: object, key: string): unknown {
  return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}

