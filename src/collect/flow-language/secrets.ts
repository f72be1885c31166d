/**
 * Credential-looking literals inside Amazon Connect flow content. Only the location (action and
 * parameter path) and the kind are reported; the matched value is never returned or logged.
 */
import type { FlowSecret } from '../../inventory/types.js';

export type FlowSecretKind = 'aws-access-key' | 'private-key' | 'authorization-header' | 'named-secret';

const AWS_ACCESS_KEY = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA)[A-Z0-9]{16}(?![A-Z0-9])/;
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** Parameter / attribute names that announce a credential. */
const SECRET_NAME = /password|passwd|passphrase|pwd|secret|token|api[-_ ]?key|access[-_ ]?key|private[-_ ]?key|credential|auth[-_ ]?key/i;
/** Names that contain a secret-ish word but hold no secret (e.g. TokenType, Passthrough*). */
const NOT_SECRET_NAME = /(?:type|length|count|ttl|expiry|expiration|url|uri|name|id|arn|enabled|required)$/i;
/** Switch values say nothing secret, whatever the name. */
const FLAG_VALUE = /^(?:true|false)$/i;

/** A value the flow reads at run time (`$.Attributes.x`, `$.External.y`) is no literal. */
export function isDynamicValue(value: string): boolean {
  return value.trim().startsWith('$.');
}

/** `Authorization: Basic …` / `Bearer …` (or the bare scheme and credential) with the credential captured. */
const AUTHORIZATION = /(?:^|authorization["']?\s*[:=]\s*["']?)(?:basic|bearer)\s+([^\s"',}]+)/i;

/** An SSM parameter path (`/prod/CRM_API_KEY`): slash-separated names, no spaces. */
const SSM_PARAMETER_PATH = /^\/[\w.-]+(?:\/[\w.-]+)*$/;
/** ARNs of the stores a credential belongs in: Secrets Manager secrets, SSM parameters, KMS keys. */
const SECRET_STORE_ARN = /^arn:[\w-]+:(?:secretsmanager:[^:]*:[^:]*:secret:|ssm:[^:]*:[^:]*:parameter\/|kms:)/;
/** CloudFormation dynamic references: `{{resolve:ssm:…}}`, `{{resolve:secretsmanager:…}}`. */
const DYNAMIC_REFERENCE = /^\{\{resolve:[^}]+\}\}$/;
/** Placeholders for a value filled in at deployment: `<API_KEY>`, `${TOKEN}`, `{{token}}`, `YOUR_API_KEY`, `REPLACE_ME`, `xxxx`, `****`. */
const PLACEHOLDER = /^(?:<[^<>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[\w.-]+%|(?:your|my)[-_ ][\w -]*|replace[-_ ]?(?:me|this|with[\w -]*)|change[-_ ]?me|todo|tbd|placeholder|x{3,}|\*{3,}|\.{3,})$/i;

/**
 * A value that names where a credential is kept, or stands in for one: an SSM parameter path or
 * ARN, a Secrets Manager ARN, a `{{resolve:…}}` reference, a contact attribute (`$.…`) or a
 * placeholder. Such a value is a reference, not a credential.
 */
export function isCredentialReference(value: string): boolean {
  const v = value.trim();
  return isDynamicValue(v) || SSM_PARAMETER_PATH.test(v) || SECRET_STORE_ARN.test(v) || DYNAMIC_REFERENCE.test(v) || PLACEHOLDER.test(v);
}

/** A literal `Authorization: Basic/Bearer` credential (not a reference or placeholder after the scheme). */
function isAuthorizationLiteral(value: string): boolean {
  const m = AUTHORIZATION.exec(value.trim());
  if (!m) return false;
  const credential = m[1]!;
  return credential.length >= 8 && !isCredentialReference(credential);
}

function nameLooksSecret(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/** Kinds of credential found in one string value held under `name`. */
export function classifyValue(name: string, value: string): FlowSecretKind[] {
  const kinds: FlowSecretKind[] = [];
  if (AWS_ACCESS_KEY.test(value)) kinds.push('aws-access-key');
  if (PRIVATE_KEY_BLOCK.test(value)) kinds.push('private-key');
  if (kinds.length === 0 && isAuthorizationLiteral(value)) kinds.push('authorization-header');
  if (kinds.length === 0 && nameLooksSecret(name) && value.trim() !== '' && !isCredentialReference(value) && !FLAG_VALUE.test(value.trim())) {
    kinds.push('named-secret');
  }
  return kinds;
}

/**
 * Walks a parameter tree and reports every credential-looking literal. `path` is the dotted
 * location below the action (`Attributes.crmApiKey`); array items appear as `[i]`.
 */
export function findSecrets(action: string, value: unknown, path: string, out: FlowSecret[]): void {
  if (typeof value === 'string') {
    const name = lastSegment(path);
    for (const kind of classifyValue(name, value)) out.push({ action, parameter: path, kind });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findSecrets(action, item, `${path}[${i}]`, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      findSecrets(action, child, path === '' ? key : `${path}.${key}`, out);
    }
  }
}

function lastSegment(path: string): string {
  const withoutIndex = path.replace(/(\[\d+\])+$/, '');
  const dot = withoutIndex.lastIndexOf('.');
  return dot === -1 ? withoutIndex : withoutIndex.slice(dot + 1);
}
