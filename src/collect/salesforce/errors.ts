/**
 * What a failed Salesforce call looks like once it reaches the inventory: a closed-shape
 * `{code, message}` pair read from jsforce's errors (REST `errorCode`, SOAP `faultcode`, OAuth
 * `error`), or from Node's network errors.
 */
export interface ApiFailure {
  code: string;
  message: string;
}

/** Thrown by the collector itself when a response is not what Salesforce documents. */
export class SalesforceResponseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SalesforceResponseError';
  }
}

function stringProp(obj: object, key: string): string | undefined {
  const value = (obj as Record<string, unknown>)[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function describeFailure(err: unknown): ApiFailure {
  if (!(err instanceof Error)) return { code: 'UNKNOWN', message: String(err) };
  const named = err.name && err.name !== 'Error' ? err.name : undefined;
  const raw = stringProp(err, 'errorCode') ?? stringProp(err, 'code') ?? named ?? 'UNKNOWN';
  // SOAP fault codes come namespaced (`sf:INVALID_SESSION_ID`).
  const code = raw.replace(/^[a-zA-Z]+:/, '');
  const message = (err.message || code).replace(/\s+/g, ' ').trim();
  return { code, message };
}

/** An expired or revoked session: the one failure a token refresh can fix. */
export function isSessionExpired(err: unknown): boolean {
  const { code } = describeFailure(err);
  return code === 'INVALID_SESSION_ID' || code === 'ERROR_HTTP_401';
}
