/**
 * Keeps secrets out of everything the Salesforce collector writes: every access token, refresh
 * token, client secret and JWT assertion a session handles is registered with the process's
 * redaction registry (src/redaction), and messages pass through `redact` before they reach
 * collection errors or progress lines. Tokens the collector never saw (echoed by a proxy) are
 * masked by their shape.
 */
import { redactText, registerSecret } from '../../redaction/registry.js';

export class Redactor {
  /** Registers a secret value; empty and very short values are ignored (nothing to leak). */
  add(secret: string | null | undefined): void {
    registerSecret(secret);
  }

  redact(text: string): string {
    return redactText(text);
  }
}
