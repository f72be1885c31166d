/**
 * Turns failed AWS calls into inventory `collection.errors` entries. A failed call never makes a
 * resource look absent or compliant: callers keep the field null and the error is recorded, so
 * the scan reports SCV-COLL-001 for it. Each entry names the operation as it failed, the
 * sections it left unread, its cause and remediation (./causes.ts). Messages are cut short and
 * scrubbed of anything that looks like a credential.
 */
import type { AwsAccountConfig, AwsService } from '../../config/types.js';
import type { CollectionError } from '../../inventory/types.js';
import { classifyAwsError, sectionsOf, type ErrorContext } from './causes.js';
import { redactText } from '../../redaction/registry.js';
import { checkAnswer } from './response-shapes.js';

/** The code of an answer not in the shape AWS documents (cause invalid-response). */
export const INVALID_RESPONSE = 'InvalidResponse';

const MAX_MESSAGE = 300;

/** The error code AWS (or the SDK, or Node) gave, e.g. AccessDenied, ThrottlingException, ECONNREFUSED. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
    // The SDK could not parse a successful answer's body (SyntaxError, XML parse error): an answer not in the documented shape.
    if (isDeserializationFailure(err)) return INVALID_RESPONSE;
    if (typeof e.Code === 'string' && e.Code) return e.Code;
    if (typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
    if (typeof e.code === 'string' && e.code) return e.code;
    if (e.$metadata?.httpStatusCode) return `HTTP${e.$metadata.httpStatusCode}`;
  }
  return 'UnknownError';
}

function isDeserializationFailure(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return err instanceof Error && status !== undefined && status >= 200 && status < 300 && /Deserialization error|parse error/i.test(err.message);
}

export function scrubMessage(message: string): string {
  const oneLine = redactText(message).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

export function toCollectionError(target: string, operation: string, err: unknown, ctx: ErrorContext = {}): CollectionError {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const code = errorCode(err);
  const message = scrubMessage(raw) || code;
  return { source: 'aws', target, operation, code, message, sections: sectionsOf(operation), ...classifyAwsError(operation, code, err, ctx) };
}

export interface ErrorLogOptions {
  /** Called with each error as it is recorded (live reporting). */
  onError?: (error: CollectionError) => void;
  endpoints?: Partial<Record<AwsService, string>>;
  maxAttempts?: number;
}

/** Collection errors of one run, shared by every collector. */
export class ErrorLog {
  readonly entries: CollectionError[] = [];
  private readonly accounts = new Map<string, AwsAccountConfig>();

  constructor(private readonly options: ErrorLogOptions = {}) {}

  /** The config an account's errors are classified against (its role, profile). */
  registerAccount(account: AwsAccountConfig): void {
    this.accounts.set(account.id, account);
  }

  private context(target: string): ErrorContext {
    const account = this.accounts.get(target.split('/')[0] ?? '');
    return {
      ...(account ? { account } : {}),
      ...(this.options.endpoints ? { endpoints: this.options.endpoints } : {}),
      ...(this.options.maxAttempts !== undefined ? { maxAttempts: this.options.maxAttempts } : {}),
    };
  }

  private push(entry: CollectionError): void {
    this.entries.push(entry);
    this.options.onError?.(entry);
  }

  /** The remediation of the last error recorded for an account, for its progress line. */
  lastReasonFor(accountId: string): string | undefined {
    return this.entries.filter((e) => e.target.startsWith(`${accountId}/`)).at(-1)?.remediation;
  }

  add(target: string, operation: string, err: unknown): void {
    this.push(toCollectionError(target, operation, err, this.context(target)));
  }

  /** An error that is not an SDK exception (bad content, identity mismatch). */
  note(target: string, operation: string, code: string, message: string): void {
    const scrubbed = scrubMessage(message);
    this.push({
      source: 'aws',
      target,
      operation,
      code,
      message: scrubbed,
      sections: sectionsOf(operation),
      ...classifyAwsError(operation, code, new Error(scrubbed), this.context(target)),
    });
  }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; absent: boolean };

/**
 * Runs one API call. Errors whose code is in `absentCodes` (S3's NoSuchTagSet, ...) mean "not
 * configured" and yield `{ok: false, absent: true}` without an error entry; every other failure
 * is recorded and yields `{ok: false, absent: false}`.
 */
export async function attempt<T>(
  log: ErrorLog,
  target: string,
  operation: string,
  call: () => Promise<T>,
  absentCodes: readonly string[] = [],
): Promise<Outcome<T>> {
  try {
    const { answer, leftOut } = checkAnswer(operation, await call());
    if (leftOut) log.note(target, operation, INVALID_RESPONSE, leftOut);
    return { ok: true, value: answer };
  } catch (err) {
    if (absentCodes.includes(errorCode(err))) return { ok: false, absent: true };
    log.add(target, operation, err);
    return { ok: false, absent: false };
  }
}

/**
 * Drains a paginator into a list. Items of the pages read before a failure are kept (they exist),
 * and the failure is recorded, so a partial list never passes silently.
 */
export async function collectPages<P, I>(
  log: ErrorLog,
  target: string,
  operation: string,
  pages: () => AsyncIterable<P>,
  itemsOf: (page: P) => readonly I[] | undefined,
): Promise<{ items: I[]; complete: boolean }> {
  const items: I[] = [];
  try {
    for await (const raw of pages()) {
      // A page whose list is not a list is not "nothing found"; its malformed entries are errors, not dropped entries.
      const { answer: page, leftOut } = checkAnswer(operation, raw);
      if (leftOut) log.note(target, operation, INVALID_RESPONSE, leftOut);
      items.push(...(itemsOf(page) ?? []));
    }
    return { items, complete: true };
  } catch (err) {
    log.add(target, operation, err);
    return { items, complete: false };
  }
}
