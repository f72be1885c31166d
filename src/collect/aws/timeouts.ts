/**
 * Time limits on every AWS call: the SDK's request handler gets the connect and per-request limits
 * of `aws.timeouts` (an answer that starts and then stalls is cut off by the socket's inactivity
 * limit), and every call races the collection deadline. A call cut off by either fails with an
 * error naming the operation and the host, so it becomes a collection error like any other.
 */
import type { AwsService } from '../../config/types.js';
import { NetworkTimeoutError, type CollectionDeadline, type NetworkTimeouts } from '../network-limits.js';

/** Options for the SDK's NodeHttpHandler (HTTP/1.1) or, for Kinesis, NodeHttp2Handler. */
export function requestHandlerOptions(service: AwsService, t: NetworkTimeouts): Record<string, unknown> {
  if (service === 'kinesis') return { requestTimeout: t.requestMs, sessionTimeout: t.requestMs };
  return { connectionTimeout: t.connectMs, requestTimeout: t.requestMs, socketTimeout: t.requestMs, throwOnRequestTimeout: true };
}

interface MiddlewareStack {
  add: (mw: (next: Handler, context: { commandName?: string }) => Handler, opts: { step: 'initialize' | 'deserialize'; priority?: 'high' | 'low'; name: string }) => void;
}
type Handler = (args: { request?: unknown }) => Promise<unknown>;

function hostOf(request: unknown): string {
  const r = request as { hostname?: unknown; port?: unknown } | undefined;
  if (typeof r?.hostname !== 'string') return 'the endpoint';
  return typeof r.port === 'number' ? `${r.hostname}:${r.port}` : r.hostname;
}

/** The SDK's timeout errors (name TimeoutError, or Node's ETIMEDOUT) as errors naming the host. */
function describeTimeout(err: unknown, host: string, t: NetworkTimeouts): unknown {
  const e = err as { name?: unknown; code?: unknown; message?: unknown } | null;
  if (!e || (e.name !== 'TimeoutError' && e.code !== 'ETIMEDOUT')) return err;
  const connecting = typeof e.message === 'string' && /establish a connection/.test(e.message);
  const timeout = connecting
    ? new NetworkTimeoutError('ConnectTimeout', `could not connect to ${host} within ${t.connectMs} ms`)
    : new NetworkTimeoutError('RequestTimeout', `no complete answer from ${host} within ${t.requestMs} ms`);
  // Still a transient failure to the SDK's retry strategy, as the original was.
  return Object.assign(timeout, { code: 'ETIMEDOUT' });
}

/** Adds the time limits to one client: host-naming timeout errors per attempt, the deadline per call. */
export function limitedCall(client: { middlewareStack: unknown }, t: NetworkTimeouts, deadline: CollectionDeadline): void {
  const stack = client.middlewareStack as MiddlewareStack;
  stack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        throw describeTimeout(err, hostOf(args.request), t);
      }
    },
    { step: 'deserialize', priority: 'high', name: 'scvGuardTimeouts' },
  );
  stack.add(
    (next, context) => (args) => deadline.race(context.commandName?.replace(/Command$/, '') ?? 'call', () => next(args)),
    { step: 'initialize', priority: 'high', name: 'scvGuardDeadline' },
  );
}
