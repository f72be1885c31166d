/**
 * A local HTTP server that speaks the wire protocols of the AWS APIs scv-guard reads, so tests and
 * the collection benchmark run the real SDK clients against a fixture estate. It identifies the
 * calling account from the SigV4 access key (static keys or keys issued by its own AssumeRole),
 * and can inject pagination, throttling, denials, latency and a per-account Connect quota.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createH2cServer, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { AccountFixture, Estate } from './estate.js';
import { connectRoute, json11Route, queryRoute, s3Route, type HandlerEnv, type Route } from './handlers.js';
import { cloudFormationRoute, lambdaRoute, s3ControlRoute } from './handlers-evidence.js';
import { ApiError, deniedError, parseScope, readBody, sendError, sendJson, sendXml, throttleError, type Protocol, type RequestContext } from './protocol.js';

export type Fault =
  /** Every matching call from `account` is denied (AccessDenied in the service's format). */
  | { kind: 'deny'; account: string; service?: string; operation?: string }
  /** The first `times` (default 1) matching calls are throttled, later ones succeed. */
  | { kind: 'throttle'; service: string; operation: string; account?: string; times?: number }
  /** Matching calls fail with an error whose message echoes the caller's credentials (as a careless proxy or server might). */
  | { kind: 'echo-credentials'; account: string; service?: string; operation?: string }
  /** Matching calls get their status line and headers, then nothing more: the connection stays open. */
  | { kind: 'stall'; account: string; service?: string; operation?: string }
  /**
   * Matching calls answer 200 with this body instead of the fixture's (a malformed answer): a value
   * is sent as JSON; a string is sent as it is, with the protocol's content type.
   */
  | { kind: 'respond'; service: string; operation: string; account?: string; body: unknown };

export interface AwsServerOptions {
  estate: Estate;
  /** Static access key id → account. Keys issued by AssumeRole are added at run time. */
  accessKeys?: Record<string, string>;
  pageSize?: number;
  latencyMs?: number;
  /** Connect requests per second allowed per account+region; more are throttled (429). */
  connectQuotaPerSecond?: number;
  /** Token-bucket capacity of that quota: AWS documents a burst beside each rate (Connect: 5). */
  connectQuotaBurst?: number;
  faults?: Fault[];
}

export interface CallRecord {
  account: string;
  region: string;
  service: string;
  operation: string;
  status: number;
  accessKeyId: string;
  at: number;
}

export interface AssumedRole {
  roleArn: string;
  sessionName: string;
  externalId: string | null;
}

export interface AwsServer {
  /** HTTP/1.1 endpoint, for every service. */
  url: string;
  /** Cleartext HTTP/2 endpoint of the same server: the SDK's Kinesis client speaks only HTTP/2. */
  h2Url: string;
  calls: CallRecord[];
  /** AssumeRole calls (role, session name, external id), per target account. */
  sessions: Map<string, AssumedRole[]>;
  close: () => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startAwsServer(opts: AwsServerOptions): Promise<AwsServer> {
  const keys = new Map(Object.entries(opts.accessKeys ?? {}));
  const sessions = new Map<string, AssumedRole[]>();
  const calls: CallRecord[] = [];
  const throttleLeft = new Map<number, number>();
  (opts.faults ?? []).forEach((f, i) => f.kind === 'throttle' && throttleLeft.set(i, f.times ?? 1));
  /** Connect quota: a token bucket per account/region. */
  const quotaBuckets = new Map<string, { tokens: number; at: number }>();
  let issued = 0;
  /** Responses held open by `stall` faults, ended when the server closes. */
  const stalled = new Set<ServerResponse>();

  const env: HandlerEnv = {
    pageSize: opts.pageSize ?? 2,
    account: (id: string): AccountFixture => {
      const a = opts.estate.get(id);
      if (!a) throw new ApiError(403, 'InvalidClientTokenId', `unknown account ${id}`);
      return a;
    },
    managementOf: (id: string): AccountFixture | undefined =>
      [...opts.estate.values()].find((a) => a.organizations?.ListAccounts.Accounts.some((m) => m.Id === id)),
    issueKey: (account, assumed) => {
      issued += 1;
      const key = `ASIA${account}${String(issued).padStart(4, '0')}`;
      keys.set(key, account);
      sessions.set(account, [...(sessions.get(account) ?? []), assumed]);
      return key;
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      let protocol: Protocol = 'rest-json';
      let record: CallRecord | undefined;
      try {
        const body = await readBody(req);
        const scope = parseScope(req.headers.authorization);
        if (!scope) throw new ApiError(403, 'MissingAuthenticationToken', 'unsigned request');
        const account = keys.get(scope.accessKeyId);
        if (!account) throw new ApiError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
        const ctx: RequestContext = { ...scope, account, method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://local'), body };
        const target = req.headers['x-amz-target'];
        let route: Route;
        if (typeof target === 'string') route = json11Route(ctx, target, env);
        else if (ctx.service === 'iam' || ctx.service === 'sts') route = queryRoute(ctx, env);
        else if (ctx.service === 'cloudformation') route = cloudFormationRoute(ctx, env);
        else if (ctx.service === 'lambda') route = lambdaRoute(ctx, env);
        else if (ctx.service === 's3' && ctx.url.pathname.startsWith('/v20180820/')) route = s3ControlRoute(ctx, header(req, 'x-amz-account-id'), env);
        else if (ctx.service === 's3') route = s3Route(ctx, env);
        else if (ctx.service === 'connect') route = connectRoute(ctx, env);
        else throw new ApiError(400, 'UnknownService', `service ${ctx.service} is not served`);
        protocol = route.protocol;
        record = { account, region: ctx.region, service: route.service ?? ctx.service, operation: route.operation, status: 200, accessKeyId: scope.accessKeyId, at: Date.now() };
        calls.push(record);
        if (opts.latencyMs) await sleep(opts.latencyMs);
        checkFaults(opts.faults ?? [], throttleLeft, record, protocol, req.headers);
        const special = (opts.faults ?? []).find((f) => (f.kind === 'stall' || f.kind === 'respond') && matches(f, record!));
        if (special?.kind === 'stall') {
          res.writeHead(200, { 'content-type': protocol === 'rest-json' || protocol === 'json-1.1' ? 'application/json' : 'text/xml', 'content-length': '100000' });
          res.write(protocol === 'rest-json' || protocol === 'json-1.1' ? '{"' : '<?xml');
          stalled.add(res);
          return;
        }
        if (special?.kind === 'respond') {
          const contentType = protocol === 'json-1.1' ? 'application/x-amz-json-1.1' : 'application/json';
          if (typeof special.body !== 'string') sendJson(res, 200, special.body, contentType);
          else if (protocol === 'query' || protocol === 'rest-xml') sendXml(res, 200, special.body);
          else {
            res.writeHead(200, { 'content-type': contentType, 'x-amzn-requestid': 'req-local' });
            res.end(special.body);
          }
          return;
        }
        if (ctx.service === 'connect' && opts.connectQuotaPerSecond) {
          const key = `${account}/${ctx.region}`;
          const burst = opts.connectQuotaBurst ?? 5;
          const now = Date.now();
          const bucket = quotaBuckets.get(key) ?? { tokens: burst, at: now };
          bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * opts.connectQuotaPerSecond);
          bucket.at = now;
          quotaBuckets.set(key, bucket);
          if (bucket.tokens < 1) throw throttleError('rest-json');
          bucket.tokens -= 1;
        }
        route.respond(res);
      } catch (err) {
        const apiErr = err instanceof ApiError ? err : new ApiError(500, 'InternalFailure', String(err));
        if (record) record.status = apiErr.status;
        if (!res.headersSent) sendError(res, protocol, apiErr);
        else res.end();
      }
    })();
  };
  const server: Server = createServer(handle);
  const h2 = createH2cServer((req, res) => handle(req as unknown as IncomingMessage, res as unknown as ServerResponse));
  const h2Sessions = new Set<Http2Session>();
  h2.on('session', (s: Http2Session) => {
    h2Sessions.add(s);
    s.on('close', () => h2Sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { port: h2Port } = h2.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    h2Url: `http://127.0.0.1:${h2Port}`,
    calls,
    sessions,
    close: async () => {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      for (const s of h2Sessions) s.destroy();
      await Promise.all([
        new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
        new Promise<void>((resolve, reject) => h2.close((err) => (err ? reject(err) : resolve()))),
      ]);
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function matches(f: { account?: string; service?: string; operation?: string }, call: CallRecord): boolean {
  return (!f.account || f.account === call.account) && (!f.service || f.service === call.service) && (!f.operation || f.operation === call.operation);
}

function checkFaults(faults: Fault[], throttleLeft: Map<number, number>, call: CallRecord, protocol: Protocol, headers: IncomingMessage['headers']): void {
  faults.forEach((f, i) => {
    if (f.kind === 'stall' || f.kind === 'respond') return;
    if (f.kind === 'echo-credentials') {
      if (!matches(f, call)) return;
      const token = String(headers['x-amz-security-token'] ?? '');
      throw new ApiError(
        403,
        'ExpiredTokenException',
        `The security token included in the request is expired: ${token} (X-Amz-Security-Token=${encodeURIComponent(token)}); ` +
          `signed as ${String(headers.authorization ?? '')}; token as base64 ${Buffer.from(token).toString('base64')}`,
      );
    }
    if (f.kind === 'deny') {
      if (f.account === call.account && (!f.service || f.service === call.service) && (!f.operation || f.operation === call.operation)) {
        throw deniedError(protocol, call.operation);
      }
      return;
    }
    if (f.service !== call.service || f.operation !== call.operation || (f.account && f.account !== call.account)) return;
    const left = throttleLeft.get(i) ?? 0;
    if (left > 0) {
      throttleLeft.set(i, left - 1);
      throw throttleError(protocol);
    }
  });
}
