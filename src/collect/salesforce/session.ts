/**
 * One authenticated org: a jsforce Connection plus the collector's call discipline.
 *
 * - Every API call goes through `call(operation, fn)`. When Salesforce answers that the session
 *   expired (REST 401 / SOAP fault INVALID_SESSION_ID), the session is renewed once through the
 *   org's Authenticator and the call retried once; a second expiry is a failure like any other.
 *   jsforce's own refresh delegate is not used (the Connection gets no OAuth client id), so the
 *   retry policy is exactly this one.
 * - `attempt` records a failed call in collection.errors (with secrets redacted) instead of
 *   throwing, so one denied API never hides the rest of the org.
 * - `queryAll` follows SOQL paging (`nextRecordsUrl` → queryMore) for REST and Tooling queries.
 */
import { Connection } from 'jsforce';
import type { CollectionError } from '../../inventory/types.js';
import type { SalesforceOrgConfig } from '../../config/types.js';
import { createAuthenticator, loginUrlOf, type Authenticator, type TokenGrant } from './auth.js';
import { SalesforceResponseError, describeFailure, isSessionExpired } from './errors.js';
import { checkedRecords, soqlOf, type RecordQuery, type SObjectRecord } from './records.js';
import { Redactor } from './redact.js';
import { useTransport, type TimedTransport } from './transport.js';

export type QueryApi = 'rest' | 'tooling';

interface QueryPage {
  records?: unknown;
  done?: unknown;
  nextRecordsUrl?: unknown;
}

export class OrgSession {
  readonly redactor: Redactor;
  /** Org id once known; error targets then read `alias/orgId`. */
  orgId: string | null = null;
  /** Renewals done so far (for progress output and tests). */
  refreshCount = 0;
  private constructor(
    readonly alias: string,
    readonly conn: Connection,
    private readonly authenticator: Authenticator,
    redactor: Redactor,
    private readonly errors: Pick<CollectionError[], 'push'>,
    private readonly progress: (line: string) => void,
  ) {
    this.redactor = redactor;
  }

  /** Authenticates; throws (with secrets redacted by the caller's Redactor) when that fails. */
  static async open(
    org: SalesforceOrgConfig,
    apiVersion: string,
    redactor: Redactor,
    errors: Pick<CollectionError[], 'push'>,
    progress: (line: string) => void,
    transport: TimedTransport,
  ): Promise<OrgSession> {
    const authenticator = createAuthenticator(org, redactor, transport);
    const grant = await authenticator.login();
    const conn = new Connection({
      loginUrl: loginUrlOf(org),
      instanceUrl: grant.instanceUrl,
      accessToken: grant.accessToken,
      version: apiVersion,
    });
    useTransport(conn, transport);
    return new OrgSession(org.alias, conn, authenticator, redactor, errors, progress);
  }

  get target(): string {
    return this.orgId ? `${this.alias}/${this.orgId}` : this.alias;
  }

  async call<T>(operation: string, fn: (conn: Connection) => Promise<T>): Promise<T> {
    try {
      return await fn(this.conn);
    } catch (err) {
      if (!isSessionExpired(err) || !this.authenticator.refresh) throw err;
      this.progress(`salesforce ${this.target}: session expired during ${operation}; renewing it once`);
      this.establish(await this.authenticator.refresh());
      this.refreshCount += 1;
      return await fn(this.conn);
    }
  }

  /** Like `call`, but a failure becomes a collection error and the result is undefined. */
  async attempt<T>(operation: string, fn: (conn: Connection) => Promise<T>): Promise<T | undefined> {
    try {
      return await this.call(operation, fn);
    } catch (err) {
      this.recordError(operation, err);
      return undefined;
    }
  }

  recordError(operation: string, err: unknown): void {
    const failure = describeFailure(err);
    this.errors.push({
      source: 'salesforce',
      target: this.target,
      operation,
      code: failure.code,
      message: this.redactor.redact(failure.message),
    });
  }

  /** Every record of a SOQL query, following `nextRecordsUrl` until `done`, each checked against the query's fields. */
  async queryAll(api: QueryApi, query: RecordQuery, operation: string): Promise<SObjectRecord[]> {
    const soql = soqlOf(query);
    const records: SObjectRecord[] = [];
    const client = (conn: Connection) => (api === 'tooling' ? conn.tooling : conn);
    let page = (await this.call(operation, async (conn) => await client(conn).query(soql, { autoFetch: false }))) as QueryPage;
    for (;;) {
      if (!Array.isArray(page.records)) {
        throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', `${operation}: query result without records`);
      }
      records.push(...checkedRecords(operation, query, page.records as unknown[]));
      if (page.done !== false) return records;
      const next = page.nextRecordsUrl;
      if (typeof next !== 'string') {
        throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', `${operation}: done=false without nextRecordsUrl`);
      }
      page = (await this.call(operation, async (conn) => await client(conn).queryMore(next))) as QueryPage;
    }
  }

  private establish(grant: TokenGrant): void {
    this.conn.accessToken = grant.accessToken;
    this.conn.instanceUrl = grant.instanceUrl;
  }
}
