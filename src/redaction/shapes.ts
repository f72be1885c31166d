/**
 * Credentials recognised by their shape, for values the process never held (a key in a flow
 * name, a token a proxy echoes): AWS access key ids, SigV4 signature and session-token
 * parameters, OAuth token parameters, bearer headers, Salesforce session ids, JWTs and PEM
 * private keys. Matches are replaced, never shortened: the text around them stays readable.
 */
export const REDACTED = '[REDACTED]';
export const REDACTED_ACCESS_KEY = '[redacted-access-key]';

interface ShapeRule {
  pattern: RegExp;
  replace: string;
}

const SHAPES: readonly ShapeRule[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, replace: REDACTED },
  // AWS access key ids: long-term (AKIA), temporary (ASIA) and the other documented prefixes.
  { pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}(?![A-Z0-9])/g, replace: REDACTED_ACCESS_KEY },
  // SigV4 query / header parts and STS session tokens, as `name=value`, `name: value`, JSON or XML.
  {
    pattern: /((?:X-Amz-Security-Token|X-Amz-Signature|X-Amz-Credential|SessionToken|SecretAccessKey|aws_session_token|aws_secret_access_key)(?:=|:\s*|"\s*:\s*"|>))[^\s&,"<]+/gi,
    replace: `$1${REDACTED}`,
  },
  // The parts of a SigV4 Authorization header (`Credential=AKIA.../...`, `Signature=hex`): spelled
  // as AWS spells them and followed by `=`, so prose such as "a credential: aws-access-key" stays.
  { pattern: /(\b(?:Credential|Signature)=)[^\s&,"<]+/g, replace: `$1${REDACTED}` },
  // OAuth parameters in form bodies, query strings and JSON.
  {
    pattern: /((?:access_token|refresh_token|client_secret|assertion|id_token|sessionId|session_id)(?:=|"\s*:\s*"|>))[^\s&,"<]+/gi,
    replace: `$1${REDACTED}`,
  },
  { pattern: /(Bearer\s+)[^\s"',;]+/gi, replace: `$1${REDACTED}` },
  // A Salesforce session id / OAuth access token: org id, '!', opaque part.
  { pattern: /00D[a-zA-Z0-9]{12,15}![A-Za-z0-9._\-]+/g, replace: REDACTED },
  // A compact JWS / JWT (header and payload are base64url JSON objects).
  { pattern: /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: REDACTED },
];

/** `text` with every credential-shaped part replaced. */
export function maskCredentialShapes(text: string): string {
  let out = text;
  for (const { pattern, replace } of SHAPES) out = out.replace(pattern, replace);
  return out;
}
