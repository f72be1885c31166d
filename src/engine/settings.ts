/**
 * Rule settings (`settings:` in the scanner config, `data.config` in the policies): a built-in
 * setting must have the type of its default in policies/lib/config.rego, or rules would silently
 * compare a string with a number. A key no loaded policy reads is a typo (it would silently change
 * nothing), unless some policy reads the settings as a whole: then any key may be read.
 */
import { distance } from 'fastest-levenshtein';
import { throwProblems } from '../errors.js';
import type { KeyPath } from '../config/interpolate.js';
import { formatKeyPath } from '../config/schema.js';

/** A settings problem: the key path below the config root (`settings.multiOrg[0].orgs`) and what is wrong. */
export interface SettingsIssue {
  segments: KeyPath;
  message: string;
}

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
function multiOrgIssues(value: unknown): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const at = (...rest: KeyPath): KeyPath => ['settings', 'multiOrg', ...rest];
  if (!Array.isArray(value)) return [{ segments: at(), message: `expected a list of {orgs, accounts, instances} groups, got ${kind(value)}` }];
  value.forEach((group: unknown, i) => {
    if (group === null || typeof group !== 'object' || Array.isArray(group)) {
      issues.push({ segments: at(i), message: `expected a group {orgs, accounts, instances}, got ${kind(group)}` });
      return;
    }
    const record = group as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(MULTI_ORG_KEYS, key)) issues.push({ segments: at(i, key), message: `unknown key (expected ${Object.keys(MULTI_ORG_KEYS).join(', ')})` });
    }
    if (!Array.isArray(record.orgs) || record.orgs.length < 2) issues.push({ segments: at(i, 'orgs'), message: 'expected a list of two or more Salesforce org ids' });
    for (const [key, { pattern, what }] of Object.entries(MULTI_ORG_KEYS)) {
      const list = record[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        if (key !== 'orgs') issues.push({ segments: at(i, key), message: `expected a list, got ${kind(list)}` });
        continue;
      }
      list.forEach((item: unknown, j) => {
        if (typeof item !== 'string' || !pattern.test(item)) issues.push({ segments: at(i, key, j), message: `expected ${what}, got ${JSON.stringify(item)}` });
      });
    }
  });
  return issues;
}

/** Settings whose shape the default's type does not describe. */
const STRUCTURED_SETTINGS: Record<string, (value: unknown) => SettingsIssue[]> = { multiOrg: multiOrgIssues };

/**
 * Every problem of `settings`: built-in settings of the wrong type, and — when `keysRead` (the
 * keys the loaded policies read by name, see configKeysRead) is known — keys no policy reads.
 */
export function settingsIssues(settings: Record<string, unknown>, defaults: Record<string, unknown>, keysRead?: ReadonlySet<string>): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const segments: KeyPath = ['settings', key];
    // Own keys only: a setting named `constructor` or `__proto__` is not a built-in one.
    if (!Object.hasOwn(defaults, key)) {
      if (keysRead !== undefined && !keysRead.has(key)) issues.push({ segments, message: unreadKeyMessage(key, [...Object.keys(defaults), ...keysRead]) });
      continue;
    }
    const structured = Object.hasOwn(STRUCTURED_SETTINGS, key) ? STRUCTURED_SETTINGS[key] : undefined;
    if (structured) {
      issues.push(...structured(value));
      continue;
    }
    const want = kind(defaults[key]);
    const got = kind(value);
    if (want !== got) {
      issues.push({ segments, message: `expected a ${want} (default ${JSON.stringify(defaults[key])}), got ${got} ${JSON.stringify(value)}` });
    } else if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) {
      issues.push({ segments, message: `expected a whole number ≥ 0, got ${value}` });
    }
  }
  return issues;
}

function unreadKeyMessage(key: string, known: readonly string[]): string {
  const near = known
    .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
    .filter((c) => c.d <= Math.max(2, Math.floor(key.length / 4)))
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))[0];
  return `no rule reads this setting${near ? `; did you mean ${near.k}?` : ''} (settings the rules read: docs/policies.md "Rule settings", \`scv-guard policy show ID\`)`;
}

/** Throws ScvGuardError 'config' listing every built-in setting of the wrong type (`settings.<key>`). */
export function checkSettings(settings: Record<string, unknown>, defaults: Record<string, unknown>): void {
  throwProblems(
    'config',
    settingsIssues(settings, defaults).map((i) => ({ message: i.message, location: { path: formatKeyPath(i.segments) } })),
  );
}
