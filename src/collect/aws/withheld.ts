/**
 * Values the AWS-side evidence keeps or withholds. A Lambda variable, stack parameter or output
 * may hold a credential; only its kind is kept, never the value. References (SSM parameter paths
 * and ARNs, Secrets Manager ARNs, `{{resolve:...}}`) name where a secret lives and are no secret.
 */
import { classifyValue } from '../flow-language/secrets.js';
import { setOwn } from '../../own-properties.js';

const REFERENCE = [
  /^arn:aws[a-z-]*:secretsmanager:/,
  /^arn:aws[a-z-]*:ssm:[^:]*:\d{12}:parameter\//,
  /^\{\{resolve:(?:ssm|ssm-secure|secretsmanager):/,
  /^\/aws\/reference\/secretsmanager\//,
];
/** What CloudFormation shows instead of a NoEcho parameter value. */
export const NO_ECHO_MASK = '****';

export function isSecretReference(value: string): boolean {
  const v = value.trim();
  return REFERENCE.some((r) => r.test(v));
}

/** The kind of credential `value` (held under `name`) looks like, or null for none or a reference. */
export function credentialKind(name: string, value: string): string | null {
  if (isSecretReference(value)) return null;
  return classifyValue(name, value)[0] ?? null;
}

/** Key/value pairs with every NoEcho or credential-looking value replaced by null. */
export function withholdCredentials(entries: readonly { key: string | undefined; value: string | undefined }[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const { key, value } of entries) {
    if (key === undefined) continue;
    const v = value ?? '';
    setOwn(out, key, v === NO_ECHO_MASK || credentialKind(key, v) !== null ? null : v);
  }
  return out;
}
