/**
 * A local Salesforce for tests: node:http on 127.0.0.1 (random port) implementing what jsforce
 * calls for the collector — the OAuth token endpoint (JWT bearer and refresh_token grants, JWT
 * signatures verified against a test public key), REST and Tooling SOQL queries with paging
 * (`nextRecordsUrl` → `/query/<locator>`), and the Metadata SOAP endpoint (listMetadata,
 * readMetadata). Sessions can be made to expire after a number of requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, verify } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { OrgFixture, SObjectRecord } from './fixture.js';
import { parseSimpleSoql } from './soql.js';
import { envelope, faultEnvelope, listMetadataEnvelope, parseMetadataRequest, readMetadataEnvelope } from './soap.js';

export interface ServerOptions {
  orgs: OrgFixture[];
  /** PEM public key JWT assertions must verify against. */
  jwtPublicKey: string;
  /** Records per query page (Salesforce uses 2000; small here to exercise paging). */
  pageSize?: number;
  /** Lowest API version served. */
  minApiVersion?: number;
  /** The token endpoint refuses every grant, quoting the request body it got (as a careless server might). */
  echoTokenRequests?: boolean;
  /** Per org key, queried objects whose answer sends its headers and then stalls with the connection open. */
  stallQueries?: Record<string, string[]>;
  /**
   * Per org key, answers that replace the fixture's (malformed answers): by queried object, the
   * JSON body of the query answer; by `metadata:<operation>`, the SOAP envelope's body content.
   */
  answers?: Record<string, Record<string, unknown>>;
}

export interface LoggedRequest {
  kind: 'oauth' | 'rest' | 'tooling' | 'soap';
  org: string | null;
  /** grant type, `query <Object>`, `queryMore`, or the SOAP operation. */
  operation: string;
  status: number;
  /** readMetadata: how many names were asked for. */
  batchSize?: number;
  apiVersion?: string;
}

interface Locator {
  records: SObjectRecord[];
  offset: number;
  api: 'rest' | 'tooling';
  org: string;
}

interface Session {
  org: string;
  /** Requests left before the session expires; Infinity when it does not. */
  remaining: number;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export class SalesforceTestServer {
  readonly log: LoggedRequest[] = [];
  /** Every access token the server handed out or accepted. */
  readonly issuedTokens: string[] = [];
  private server: Server | null = null;
  private baseUrl = '';
  private readonly sessions = new Map<string, Session>();
  private readonly locators = new Map<string, Locator>();
  private readonly budgets = new Map<string, number[]>();
  private readonly pageSize: number;
  /** Answers held open by `stallQueries`, ended when the server stops. */
  private readonly stalled = new Set<ServerResponse>();

  constructor(private readonly options: ServerOptions) {
    this.pageSize = options.pageSize ?? 2000;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Sessions issued for `org` from now on expire after these many API requests, in order. */
  expireSessions(org: string, budgets: number[]): void {
    this.budgets.set(org, [...budgets]);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`test server bug: ${err instanceof Error ? err.stack : String(err)}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const res of this.stalled) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private org(key: string): OrgFixture {
    const org = this.options.orgs.find((o) => o.key === key);
    if (!org) throw new Error(`no org fixture ${key}`);
    return org;
  }

  private orgId(org: OrgFixture): string {
    const id = org.sobjects.Organization?.[0]?.Id;
    if (typeof id !== 'string') throw new Error(`org fixture ${org.key} has no Organization record`);
    return id;
  }

  private openSession(org: OrgFixture, token?: string): string {
    const accessToken = token ?? `${this.orgId(org).slice(0, 15)}!AQ${randomBytes(24).toString('base64url')}`;
    const queue = this.budgets.get(org.key);
    const remaining = queue && queue.length > 0 ? (queue.shift() as number) : Infinity;
    this.sessions.set(accessToken, { org: org.key, remaining });
    this.issuedTokens.push(accessToken);
    return accessToken;
  }

  /** The org of a live session, consuming one request of its budget; null when expired/unknown. */
  private authorize(token: string | null): string | null {
    if (token === null) return null;
    let session = this.sessions.get(token);
    if (!session) {
      const org = this.options.orgs.find((o) => o.login.method === 'access-token' && o.login.accessToken === token);
      if (!org) return null;
      this.openSession(org, token);
      session = this.sessions.get(token) as Session;
    }
    if (session.remaining <= 0) return null;
    session.remaining -= 1;
    return session.org;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/services/oauth2/token') return this.token(body, res);
    const soap = /^\/services\/Soap\/m\/(\d+\.\d)$/.exec(url.pathname);
    if (req.method === 'POST' && soap) return this.metadata(soap[1] as string, body, res);
    const data = /^\/services\/data\/v(\d+\.\d)\/(tooling\/)?query(?:\/([\w-]+))?$/.exec(url.pathname);
    if (req.method === 'GET' && data) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      return this.query(data[1] as string, data[2] ? 'tooling' : 'rest', data[3] ?? null, url, bearer?.[1] ?? null, res);
    }
    sendJson(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  }

  private token(body: string, res: ServerResponse): void {
    const params = new URLSearchParams(body);
    const grant = params.get('grant_type') ?? '';
    const fail = (description: string) => {
      this.log.push({ kind: 'oauth', org: null, operation: grant, status: 400 });
      sendJson(res, 400, { error: 'invalid_grant', error_description: description });
    };
    if (this.options.echoTokenRequests) return fail(`malformed request: ${body}`);
    let org: OrgFixture | undefined;
    if (grant === JWT_GRANT) {
      const claims = this.verifyAssertion(params.get('assertion') ?? '');
      if (typeof claims === 'string') return fail(claims);
      org = this.options.orgs.find(
        (o) => o.login.method === 'jwt' && o.login.clientId === claims.iss && o.login.username === claims.sub,
      );
      if (!org) return fail('user hasn\'t approved this consumer');
    } else if (grant === 'refresh_token') {
      org = this.options.orgs.find(
        (o) =>
          o.login.method === 'refresh-token' &&
          o.login.refreshToken === params.get('refresh_token') &&
          o.login.clientId === params.get('client_id') &&
          (o.login.clientSecret ?? null) === params.get('client_secret'),
      );
      if (!org) return fail('expired access/refresh token');
    } else {
      return fail(`unsupported grant type ${grant}`);
    }
    const accessToken = this.openSession(org);
    this.log.push({ kind: 'oauth', org: org.key, operation: grant, status: 200 });
    sendJson(res, 200, {
      access_token: accessToken,
      instance_url: this.baseUrl,
      id: `${this.baseUrl}/id/${this.orgId(org)}/0055g00000ScannerAAA`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      signature: randomBytes(32).toString('base64'),
    });
  }

  /** The assertion's claims when its RS256 signature, audience and expiry hold; else why not. */
  private verifyAssertion(assertion: string): { iss: string; sub: string } | string {
    const parts = assertion.split('.');
    if (parts.length !== 3) return 'invalid assertion';
    const [header, payload, signature] = parts as [string, string, string];
    const decode = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (decode(header).alg !== 'RS256') return 'invalid assertion algorithm';
    const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.options.jwtPublicKey, Buffer.from(signature, 'base64url'));
    if (!ok) return 'invalid assertion signature';
    const claims = decode(payload);
    if (claims.aud !== this.baseUrl) return `audience ${String(claims.aud)} is not ${this.baseUrl}`;
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp > now + 300) return 'expired authorization code';
    return { iss: String(claims.iss), sub: String(claims.sub) };
  }

  private query(
    version: string,
    api: 'rest' | 'tooling',
    locatorId: string | null,
    url: URL,
    token: string | null,
    res: ServerResponse,
  ): void {
    const kind = api;
    if (Number(version) < (this.options.minApiVersion ?? 60)) {
      this.log.push({ kind, org: null, operation: 'query', status: 404, apiVersion: version });
      return sendJson(res, 404, [{ errorCode: 'NOT_FOUND', message: `API version ${version} is not served` }]);
    }
    const orgKey = this.authorize(token);
    if (orgKey === null) {
      this.log.push({ kind, org: null, operation: locatorId ? 'queryMore' : 'query', status: 401, apiVersion: version });
      return sendJson(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    let page: Locator;
    let operation: string;
    if (locatorId !== null) {
      const found = this.locators.get(locatorId);
      if (!found || found.org !== orgKey || found.api !== api) {
        this.log.push({ kind, org: orgKey, operation: 'queryMore', status: 400, apiVersion: version });
        return sendJson(res, 400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
      }
      page = found;
      operation = 'queryMore';
    } else {
      const q = parseSimpleSoql(url.searchParams.get('q') ?? '');
      operation = `query ${q.object}`;
      const org = this.org(orgKey);
      if (this.options.stallQueries?.[orgKey]?.includes(q.object)) {
        this.log.push({ kind, org: orgKey, operation, status: 200, apiVersion: version });
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': '100000' });
        res.write('{"totalSize":');
        this.stalled.add(res);
        return;
      }
      if (this.options.answers?.[orgKey] && Object.hasOwn(this.options.answers[orgKey], q.object)) {
        this.log.push({ kind, org: orgKey, operation, status: 200, apiVersion: version });
        return sendJson(res, 200, this.options.answers[orgKey][q.object]);
      }
      const failure = org.failures?.[q.object];
      if (failure) {
        this.log.push({ kind, org: orgKey, operation, status: failure.status, apiVersion: version });
        return sendJson(res, failure.status, [{ errorCode: failure.errorCode, message: failure.message.replace('{token}', token ?? '') }]);
      }
      const source = (api === 'tooling' ? org.tooling : org.sobjects)[q.object];
      if (!source) {
        this.log.push({ kind, org: orgKey, operation, status: 400, apiVersion: version });
        return sendJson(res, 400, [{ errorCode: 'INVALID_TYPE', message: `sObject type '${q.object}' is not supported.` }]);
      }
      const records = source.map((r) => project(r, q.fields, q.object, version));
      page = { records, offset: 0, api, org: orgKey };
    }
    const slice = page.records.slice(page.offset, page.offset + this.pageSize);
    const nextOffset = page.offset + slice.length;
    const done = nextOffset >= page.records.length;
    const body: Record<string, unknown> = { totalSize: page.records.length, done, records: slice };
    if (!done) {
      const id = `01g${randomBytes(6).toString('hex')}-${nextOffset}`;
      this.locators.set(id, { ...page, offset: nextOffset });
      body.nextRecordsUrl = `/services/data/v${version}/${api === 'tooling' ? 'tooling/' : ''}query/${id}`;
    }
    this.log.push({ kind, org: orgKey, operation, status: 200, apiVersion: version });
    sendJson(res, 200, body);
  }

  private metadata(version: string, body: string, res: ServerResponse): void {
    const request = parseMetadataRequest(body);
    const send = (status: number, xml: string, org: string | null, batchSize?: number) => {
      this.log.push({ kind: 'soap', org, operation: request.operation, status, apiVersion: version, ...(batchSize !== undefined ? { batchSize } : {}) });
      res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
      res.end(xml);
    };
    const orgKey = this.authorize(request.sessionId);
    if (orgKey === null) {
      return send(500, faultEnvelope('INVALID_SESSION_ID', 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session'), null);
    }
    const org = this.org(orgKey);
    const failure = org.failures?.[`metadata:${request.operation}`];
    if (failure) return send(500, faultEnvelope(failure.errorCode, failure.message), orgKey);
    const answer = this.options.answers?.[orgKey]?.[`metadata:${request.operation}`];
    if (typeof answer === 'string') return send(200, envelope(answer), orgKey);
    if (request.operation === 'listMetadata') {
      const defs = request.listTypes.includes('CallCenter') ? org.callCenterDefinitions : [];
      return send(200, listMetadataEnvelope(defs), orgKey);
    }
    if (request.operation === 'readMetadata') {
      if (request.fullNames.length > 10) {
        return send(500, faultEnvelope('INVALID_TYPE', 'readMetadata accepts at most 10 names'), orgKey, request.fullNames.length);
      }
      const defs = request.type === 'CallCenter'
        ? request.fullNames.map((n) => org.callCenterDefinitions.find((d) => d.fullName === n)).filter((d) => d !== undefined)
        : [];
      return send(200, readMetadataEnvelope(defs), orgKey, request.fullNames.length);
    }
    send(500, faultEnvelope('INVALID_OPERATION', `operation ${request.operation} is not served`), orgKey);
  }
}

function project(record: SObjectRecord, fields: string[], object: string, version: string): SObjectRecord {
  const out: SObjectRecord = {
    attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${String(record.Id ?? '')}` },
  };
  for (const field of fields) out[field] = record[field] ?? null;
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
