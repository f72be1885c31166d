/**
 * Rule settings (`settings:` in the scanner config, `data.config` in the policies): a built-in
 * setting must have the type of its default in policies/lib/config.rego, or rules would silently
 * compare a string with a number. Other keys are left to custom policies.
 */
import { ScvGuardError } from '../errors.js';

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? 'list of strings' : 'list';
  return typeof v === 'number' ? 'number' : typeof v;
}

/** Throws ScvGuardError 'config' naming `settings.<key>` when a built-in setting has the wrong type. */
export function checkSettings(settings: Record<string, unknown>, defaults: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(settings)) {
    if (!(key in defaults)) continue;
    const want = kind(defaults[key]);
    const got = kind(value);
    if (want !== got) {
      throw new ScvGuardError('config', `expected a ${want} (default ${JSON.stringify(defaults[key])}), got ${got} ${JSON.stringify(value)}`, {
        path: `settings.${key}`,
      });
    }
    if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) {
      throw new ScvGuardError('config', `expected a whole number ≥ 0, got ${value}`, { path: `settings.${key}` });
    }
  }
}
