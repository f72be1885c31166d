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

const ORG_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const ACCOUNT_ID = /^[0-9]{12}$/;
const INSTANCE_ARN = /^arn:[a-z-]+:connect:[a-z0-9-]+:[0-9]{12}:instance\/[^/]+$/;
const MULTI_ORG_KEYS: Record<string, { pattern: RegExp; what: string }> = {
  orgs: { pattern: ORG_ID, what: 'a 15- or 18-character Salesforce org id' },
  accounts: { pattern: ACCOUNT_ID, what: 'a 12-digit AWS account id' },
  instances: { pattern: INSTANCE_ARN, what: 'an Amazon Connect instance ARN' },
};

/** `settings.multiOrg`: a list of `{orgs, accounts?, instances?}` groups, orgs two or more. */
function checkMultiOrg(value: unknown): void {
  const fail = (path: string, message: string): never => {
    throw new ScvGuardError('config', message, { path });
  };
  if (!Array.isArray(value)) fail('settings.multiOrg', `expected a list of {orgs, accounts, instances} groups, got ${kind(value)}`);
  (value as unknown[]).forEach((group, i) => {
    const at = `settings.multiOrg[${i}]`;
    if (group === null || typeof group !== 'object' || Array.isArray(group)) fail(at, `expected a group {orgs, accounts, instances}, got ${kind(group)}`);
    const record = group as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in MULTI_ORG_KEYS)) fail(`${at}.${key}`, `unknown key (expected ${Object.keys(MULTI_ORG_KEYS).join(', ')})`);
    }
    if (!Array.isArray(record.orgs) || record.orgs.length < 2) fail(`${at}.orgs`, 'expected a list of two or more Salesforce org ids');
    for (const [key, { pattern, what }] of Object.entries(MULTI_ORG_KEYS)) {
      const list = record[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) fail(`${at}.${key}`, `expected a list, got ${kind(list)}`);
      (list as unknown[]).forEach((item, j) => {
        if (typeof item !== 'string' || !pattern.test(item)) fail(`${at}.${key}[${j}]`, `expected ${what}, got ${JSON.stringify(item)}`);
      });
    }
  });
}

/** Settings whose shape the default's type does not describe. */
const STRUCTURED_SETTINGS: Record<string, (value: unknown) => void> = { multiOrg: checkMultiOrg };

/** Throws ScvGuardError 'config' naming `settings.<key>` when a built-in setting has the wrong type. */
export function checkSettings(settings: Record<string, unknown>, defaults: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(settings)) {
    // Own keys only: a setting named `constructor` or `__proto__` is not a built-in one.
    if (!Object.hasOwn(defaults, key)) continue;
    const structured = Object.hasOwn(STRUCTURED_SETTINGS, key) ? STRUCTURED_SETTINGS[key] : undefined;
    if (structured) {
      structured(value);
      continue;
    }
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
