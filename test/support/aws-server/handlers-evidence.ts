/**
 * Routes of the local AWS server for the SCV evidence services: CloudFormation (AWS Query),
 * Lambda (REST-JSON), KMS and Firehose (JSON 1.1), S3 Control (REST-XML, signed as `s3`). A
 * fixture that leaves a service out answers as an account with none of its resources.
 */
import type { AccountFixture, RegionFixture } from './estate.js';
import { ApiError, page, sendJson, sendXml, xml, type RequestContext } from './protocol.js';
import type { HandlerEnv, Route } from './handlers.js';

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function regionOf(acct: AccountFixture, region: string): RegionFixture | undefined {
  return acct.regions[region];
}

const members = (list: unknown[]) => ({ member: list });

export function cloudFormationRoute(ctx: RequestContext, env: HandlerEnv): Route {
  const form = new URLSearchParams(ctx.body);
  const operation = form.get('Action') ?? '';
  const acct = env.account(ctx.account);
  if (operation !== 'DescribeStacks') throw new ApiError(400, 'InvalidAction', `unknown cloudformation action ${operation}`);
  return {
    protocol: 'query',
    operation,
    respond: (res) => {
      const stacks = regionOf(acct, ctx.region)?.cloudformation?.DescribeStacks.Stacks ?? [];
      const p = page(stacks, form.get('NextToken'), env.pageSize);
      const asXml = p.items.map((s) => ({
        ...s,
        Parameters: members(s.Parameters ?? []),
        Tags: members(s.Tags ?? []),
        Outputs: members(s.Outputs ?? []),
      }));
      sendXml(
        res,
        200,
        xml({
          DescribeStacksResponse: {
            '@_xmlns': CFN_NS,
            DescribeStacksResult: { Stacks: members(asXml), ...(p.next ? { NextToken: p.next } : {}) },
            ResponseMetadata: { RequestId: 'req-local' },
          },
        }),
      );
    },
  };
}

export function lambdaRoute(ctx: RequestContext, env: HandlerEnv): Route {
  const acct = env.account(ctx.account);
  const lambda = regionOf(acct, ctx.region)?.lambda;
  const path = decodeURIComponent(ctx.url.pathname);
  const q = ctx.url.searchParams;
  if (ctx.method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(path)) {
    return {
      protocol: 'rest-json',
      operation: 'ListFunctions',
      respond: (res) => {
        const p = page(lambda?.ListFunctions.Functions ?? [], q.get('Marker'), env.pageSize);
        sendJson(res, 200, { Functions: p.items, ...(p.next ? { NextMarker: p.next } : {}) });
      },
    };
  }
  const m = /^\/2017-03-31\/tags\/(.+)$/.exec(path);
  if (ctx.method === 'GET' && m) {
    const arn = m[1]!;
    return {
      protocol: 'rest-json',
      operation: 'ListTags',
      respond: (res) => {
        const known = (lambda?.ListFunctions.Functions ?? []).some((f) => f.FunctionArn === arn);
        if (!known) throw new ApiError(404, 'ResourceNotFoundException', `Function not found: ${arn}`);
        sendJson(res, 200, { Tags: lambda?.ListTags?.[arn] ?? {} });
      },
    };
  }
  throw new ApiError(404, 'UnknownOperationException', `no lambda route for ${ctx.method} ${path}`);
}

export function kmsRoute(ctx: RequestContext, operation: string, env: HandlerEnv): Route | undefined {
  if (ctx.service !== 'kms') return undefined;
  const acct = env.account(ctx.account);
  const req = JSON.parse(ctx.body || '{}') as { KeyId?: string; PolicyName?: string };
  const keys = regionOf(acct, ctx.region)?.kms?.keys ?? {};
  /** A key by id, key ARN, alias name or alias ARN. */
  const find = (id: string) => {
    for (const [keyId, key] of Object.entries(keys)) {
      const arn = key.KeyMetadata.Arn as string;
      const aliases = key.Aliases ?? [];
      if (id === keyId || id === arn || aliases.includes(id) || aliases.some((a) => id.endsWith(`:${a}`))) return { keyId, key };
    }
    throw new ApiError(400, 'NotFoundException', `Key '${id}' does not exist`);
  };
  const send = (body: () => unknown): Route => ({ protocol: 'json-1.1', operation, respond: (res) => sendJson(res, 200, body(), 'application/x-amz-json-1.1') });
  if (operation === 'DescribeKey') return send(() => ({ KeyMetadata: find(req.KeyId ?? '').key.KeyMetadata }));
  if (operation === 'GetKeyPolicy') {
    return send(() => {
      if (req.PolicyName !== 'default') throw new ApiError(400, 'NotFoundException', `policy ${req.PolicyName} not found`);
      return { Policy: find(req.KeyId ?? '').key.Policy, PolicyName: 'default' };
    });
  }
  throw new ApiError(400, 'UnknownOperationException', `unknown kms operation ${operation}`);
}

export function firehoseRoute(ctx: RequestContext, operation: string, env: HandlerEnv): Route | undefined {
  if (ctx.service !== 'firehose') return undefined;
  const acct = env.account(ctx.account);
  const req = JSON.parse(ctx.body || '{}') as { DeliveryStreamName?: string };
  if (operation !== 'DescribeDeliveryStream') throw new ApiError(400, 'UnknownOperationException', `unknown firehose operation ${operation}`);
  return {
    protocol: 'json-1.1',
    operation,
    respond: (res) => {
      const stream = regionOf(acct, ctx.region)?.firehose?.DescribeDeliveryStream[req.DeliveryStreamName ?? ''];
      if (!stream) throw new ApiError(400, 'ResourceNotFoundException', `Firehose ${req.DeliveryStreamName} not found`);
      sendJson(res, 200, stream, 'application/x-amz-json-1.1');
    },
  };
}

/** S3 Control speaks REST-XML under /v20180820 and signs as `s3`; the account comes in x-amz-account-id. */
export function s3ControlRoute(ctx: RequestContext, accountHeader: string | undefined, env: HandlerEnv): Route {
  const acct = env.account(ctx.account);
  const path = ctx.url.pathname;
  if (ctx.method !== 'GET' || path !== '/v20180820/configuration/publicAccessBlock') {
    throw new ApiError(404, 'UnknownOperationException', `no s3control route for ${ctx.method} ${path}`);
  }
  return {
    protocol: 'rest-xml',
    service: 's3control',
    operation: 'GetPublicAccessBlock',
    respond: (res) => {
      if (accountHeader !== ctx.account) throw new ApiError(403, 'AccessDenied', `x-amz-account-id ${accountHeader} is not the caller's account`);
      const config = acct.s3control?.GetPublicAccessBlock;
      if (!config) throw new ApiError(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
      sendXml(res, 200, xml({ PublicAccessBlockConfiguration: { '@_xmlns': S3_NS, ...config.PublicAccessBlockConfiguration } }));
    },
  };
}
