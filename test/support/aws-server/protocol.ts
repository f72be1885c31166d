/**
 * Wire-format helpers of the local AWS server: request context (account from the signing access
 * key, region and service from the SigV4 credential scope), paging, and the error shapes of each
 * protocol (REST-JSON, AWS Query, REST-XML, JSON 1.1).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';

export type Protocol = 'rest-json' | 'query' | 'rest-xml' | 'json-1.1';

export interface RequestContext {
  accessKeyId: string;
  account: string;
  region: string;
  service: string;
  method: string;
  url: URL;
  body: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

export function xml(root: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(root)}`;
}

/** Parses `Credential=AKID/date/region/service/aws4_request` out of a SigV4 Authorization header. */
export function parseScope(authorization: string | undefined): { accessKeyId: string; region: string; service: string } | null {
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  if (!m) return null;
  return { accessKeyId: m[1]!, region: m[2]!, service: m[3]! };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** One page of `items` from an opaque `tok-<offset>` token. */
export function page<T>(items: readonly T[], token: string | null | undefined, pageSize: number): { items: T[]; next: string | undefined } {
  const start = token ? Number(token.replace(/^tok-/, '')) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new ApiError(400, 'InvalidNextToken', 'bad token');
  const end = start + pageSize;
  return { items: items.slice(start, end), next: end < items.length ? `tok-${end}` : undefined };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': 'req-local' });
  res.end(JSON.stringify(body));
}

export function sendXml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-local', 'x-amz-request-id': 'req-local' });
  res.end(body);
}

export function sendError(res: ServerResponse, protocol: Protocol, err: ApiError): void {
  switch (protocol) {
    case 'rest-json':
      res.writeHead(err.status, { 'content-type': 'application/json', 'x-amzn-errortype': err.code, 'x-amzn-requestid': 'req-local' });
      res.end(JSON.stringify({ message: err.message }));
      return;
    case 'json-1.1':
      res.writeHead(err.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-local' });
      res.end(JSON.stringify({ __type: err.code, message: err.message }));
      return;
    case 'query':
      sendXml(
        res,
        err.status,
        xml({ ErrorResponse: { Error: { Type: 'Sender', Code: err.code, Message: err.message }, RequestId: 'req-local' } }),
      );
      return;
    case 'rest-xml':
      sendXml(res, err.status, xml({ Error: { Code: err.code, Message: err.message, RequestId: 'req-local' } }));
      return;
  }
}

/** The error each protocol's services use for a denied call and for throttling. */
export function deniedError(protocol: Protocol, operation: string): ApiError {
  const msg = `User is not authorized to perform: ${operation}`;
  if (protocol === 'rest-json' || protocol === 'json-1.1') return new ApiError(protocol === 'rest-json' ? 403 : 400, 'AccessDeniedException', msg);
  return new ApiError(403, 'AccessDenied', msg);
}

export function throttleError(protocol: Protocol): ApiError {
  if (protocol === 'rest-json') return new ApiError(429, 'ThrottlingException', 'Rate exceeded');
  if (protocol === 'json-1.1') return new ApiError(400, 'ThrottlingException', 'Rate exceeded');
  if (protocol === 'rest-xml') return new ApiError(503, 'SlowDown', 'Please reduce your request rate.');
  return new ApiError(400, 'Throttling', 'Rate exceeded');
}
