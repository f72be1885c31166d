/**
 * The one redaction registry of the process. Every credential the process comes to hold (AWS base
 * and assumed-role keys and session tokens, Salesforce access and refresh tokens, client secrets,
 * JWT assertions) is registered here by the code that obtains it, before it is used. Every text
 * that leaves the process (reports, inventories, stderr) passes through `redactText`, which
 * replaces each registered secret in every encoding a remote party could echo it in, and then
 * masks whatever else looks like a credential.
 */
import { encodedForms } from './encodings.js';
import { REDACTED, maskCredentialShapes } from './shapes.js';

export { REDACTED, REDACTED_ACCESS_KEY, maskCredentialShapes } from './shapes.js';

/** Shorter values are not secrets worth masking and would mask ordinary words. */
export const MIN_SECRET_LENGTH = 8;

export class RedactionRegistry {
  private readonly secrets = new Set<string>();
  private matcher: RegExp | null = null;

  /** Registers a secret; empty and very short values are ignored. */
  add(secret: string | null | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.matcher = null;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** `text` with every registered secret, in every encoded form, replaced. */
  redactSecrets(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    this.matcher ??= this.buildMatcher();
    return text.replace(this.matcher, REDACTED);
  }

  /** Registered secrets, then credential shapes. */
  redact(text: string): string {
    return maskCredentialShapes(this.redactSecrets(text));
  }

  private buildMatcher(): RegExp {
    const forms = new Set<string>();
    for (const secret of this.secrets) for (const form of encodedForms(secret, MIN_SECRET_LENGTH)) forms.add(form);
    // Longest first, so a form that contains another is replaced whole.
    const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    return new RegExp(alternatives.join('|'), 'g');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The registry of this process: collectors register into it, every output goes through it. */
export const processSecrets = new RedactionRegistry();

/** Registers a credential the process now holds. */
export function registerSecret(secret: string | null | undefined): void {
  processSecrets.add(secret);
}

/** The text as it may leave the process: registered secrets and credential shapes masked. */
export function redactText(text: string): string {
  return processSecrets.redact(text);
}
