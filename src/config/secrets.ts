/**
 * Secrets are never inline (DESIGN.md "Config"): a Salesforce access token, refresh token or
 * client secret must be exactly one `${VAR}` reference, so the value lives in the CI secret store
 * and never in a committed file. The AWS external id is not a secret (AWS documents it as a
 * confused-deputy guard that the trusted party knows), so it may be written inline or referenced.
 */
import { formatKeyPath } from './schema.js';
import type { KeyPath } from './interpolate.js';

export const SECRET_KEYS = ['accessToken', 'clientSecret', 'refreshToken'] as const;

export interface SecretIssue {
  segments: KeyPath;
  message: string;
}

/**
 * Checks the raw (pre-interpolation) document against the set of whole `${VAR}` references, and
 * that a key file setting names a file rather than holding key material.
 */
export function checkInlineSecrets(raw: unknown, interpolated: unknown, wholeReferences: ReadonlySet<string>): SecretIssue[] {
  const issues: SecretIssue[] = [];
  const orgs = (raw as { salesforce?: { orgs?: unknown } } | null)?.salesforce?.orgs;
  if (!Array.isArray(orgs)) return issues;
  orgs.forEach((org, i) => {
    const auth = (org as { auth?: unknown } | null)?.auth;
    if (auth === null || typeof auth !== 'object') return;
    for (const key of SECRET_KEYS) {
      const value = (auth as Record<string, unknown>)[key];
      if (value === undefined) continue;
      const segments: KeyPath = ['salesforce', 'orgs', i, 'auth', key];
      if (!wholeReferences.has(formatKeyPath(segments))) {
        issues.push({ segments, message: `secret written inline; use an environment variable reference such as "\${SF_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}}"` });
      }
    }
    const resolved = (interpolated as { salesforce: { orgs: { auth: Record<string, unknown> }[] } }).salesforce.orgs[i]?.auth;
    const keyFile = resolved?.privateKeyFile;
    if (typeof keyFile === 'string' && keyFile.includes('PRIVATE KEY')) {
      issues.push({ segments: ['salesforce', 'orgs', i, 'auth', 'privateKeyFile'], message: 'expected the path of a key file, not the key itself' });
    }
  });
  return issues;
}
