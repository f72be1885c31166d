/**
 * The HTTP transport of every Salesforce call (OAuth, REST, Tooling, Metadata SOAP), with time
 * limits jsforce's own transport lacks: it waits for the connection at most `connectMs`, for the
 * whole answer (headers and body) at most `requestMs`, and never past the collection deadline.
 * A request past a limit is destroyed, its socket closed, and the call fails with an error naming
 * the host. Proxies named by HTTPS_PROXY / HTTP_PROXY are used as jsforce would.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { createGunzip, createInflate, createBrotliDecompress } from 'node:zlib';
import { Transport } from 'jsforce/lib/transport.js';
import { createHttpRequestHandlerStreams } from 'jsforce/lib/request-helper.js';
import type { HttpRequest, HttpRequestOptions } from 'jsforce/lib/types/common.js';
import createHttpsProxyAgent from 'https-proxy-agent';
import { CollectionDeadline, NetworkTimeoutError, type NetworkTimeouts } from '../network-limits.js';

const BODY_METHODS = /^(post|put|patch)$/i;

function proxyAgent(): http.Agent | undefined {
  const proxy = process.env.https_proxy ?? process.env.http_proxy ?? process.env.HTTPS_PROXY ?? process.env.HTTP_PROXY;
  return proxy ? (createHttpsProxyAgent(proxy) as unknown as http.Agent) : undefined;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export class TimedTransport extends Transport {
  private readonly agent = proxyAgent();

  constructor(
    private readonly timeouts: NetworkTimeouts,
    private readonly deadline: CollectionDeadline,
  ) {
    super();
  }

  override getRequestStreamCreator(): (req: HttpRequest, options: HttpRequestOptions) => Duplex {
    return (req, options) => {
      const { input, output, stream } = createHttpRequestHandlerStreams(req, options);
      void this.send(req, input, output, stream);
      return stream;
    };
  }

  private async send(req: HttpRequest, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, stream: Duplex): Promise<void> {
    const url = new URL(req.url);
    const what = `${req.method} ${url.host}`;
    if (this.deadline.passed) {
      stream.emit('error', this.deadline.error(what));
      return;
    }
    const body = BODY_METHODS.test(req.method) ? await readAll(input) : undefined;
    const { connectMs, requestMs } = this.timeouts;
    const budget = Math.min(requestMs, this.deadline.remainingMs());
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: req.method,
      headers: { ...(req.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
      ...(this.agent ? { agent: this.agent } : {}),
    });
    const timers: NodeJS.Timeout[] = [];
    let finished = false;
    /** Ends the exchange once: clears the timers and, on failure, reports it and closes the socket. */
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      if (err === undefined) return;
      stream.emit('error', err);
      request.destroy();
    };
    timers.push(
      setTimeout(
        () =>
          finish(
            budget < requestMs
              ? this.deadline.error(what)
              : new NetworkTimeoutError('RequestTimeout', `no complete answer from ${url.host} within ${requestMs} ms`),
          ),
        budget,
      ),
    );
    request.once('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => finish(new NetworkTimeoutError('ConnectTimeout', `could not connect to ${url.host} within ${connectMs} ms`)), connectMs);
      timers.push(timer);
      socket.once('connect', () => clearTimeout(timer));
    });
    // Node's own network errors keep their code (ECONNREFUSED, ...) and gain the URL they concern.
    request.on('error', (err) => finish(err instanceof NetworkTimeoutError ? err : Object.assign(err, { message: `${req.method} ${url.origin}${url.pathname} failed: ${err.message}` })));
    request.on('response', (res) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const encoding = (headers['content-encoding'] ?? '').toLowerCase();
      const decoder = encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
      res.on('error', (err) => finish(err));
      decoder?.on('error', (err) => finish(err));
      // The answer is handed on only once complete: jsforce cannot take an error after the
      // response has begun, and a stalled body must still end in an error, not a hang.
      readAll(decoder ? res.pipe(decoder) : res).then(
        (received) => {
          if (finished) return;
          finish();
          stream.emit('response', { statusCode: res.statusCode ?? 0, headers });
          output.end(received);
        },
        (err: unknown) => finish(err),
      );
    });
    request.end(body);
  }
}

/** Makes a jsforce Connection or OAuth2 client send through `transport` (jsforce takes no transport option). */
export function useTransport<T extends object>(client: T, transport: TimedTransport): T {
  (client as unknown as { _transport: Transport })._transport = transport;
  return client;
}
