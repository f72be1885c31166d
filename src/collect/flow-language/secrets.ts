/**
 * Credential-looking literals inside Amazon Connect flow content. Only the location (action and
 * parameter path) and the kind are reported; the matched value is never returned or logged.
 */
import type { FlowSecret } from '../../inventory/types.js';

export type FlowSecretKind = 'aws-access-key' | 'private-key' | 'named-secret';

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

function nameLooksSecret(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/** Kinds of credential found in one string value held under `name`. */
export function classifyValue(name: string, value: string): FlowSecretKind[] {
  const kinds: FlowSecretKind[] = [];
  if (AWS_ACCESS_KEY.test(value)) kinds.push('aws-access-key');
  if (PRIVATE_KEY_BLOCK.test(value)) kinds.push('private-key');
  if (kinds.length === 0 && nameLooksSecret(name) && value.trim() !== '' && !isDynamicValue(value) && !FLAG_VALUE.test(value.trim())) {
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
