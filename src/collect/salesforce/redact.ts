/**
 * Keeps secrets out of everything the collector writes: every access token, refresh token and
 * client secret a session has seen is registered here, and messages pass through `redact` before
 * they reach collection errors or progress lines. Salesforce session ids and bearer headers are
 * also masked by shape, for tokens the collector never saw (e.g. echoed by a proxy).
 */
const REDACTED = '[REDACTED]';
/** A Salesforce session id / OAuth access token: org id, '!', opaque part. */
const SESSION_ID = /00D[a-zA-Z0-9]{12,15}![A-Za-z0-9._\-]+/g;
const BEARER = /(Bearer\s+)[^\s"',;]+/gi;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value; empty and very short values are ignored (nothing to leak). */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out.replace(SESSION_ID, REDACTED).replace(BEARER, `$1${REDACTED}`);
  }
}
