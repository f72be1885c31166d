/**
 * Per-service routes of the local AWS server. Each handler returns the operation name first (so
 * faults can target it) and then writes the response in its service's wire protocol.
 */
import type { ServerResponse } from 'node:http';
import type { AccountFixture, ErrorPayload, RegionFixture } from './estate.js';
import { firehoseRoute, kmsRoute } from './handlers-evidence.js';
import { ApiError, page, sendJson, sendXml, xml, type Protocol, type RequestContext } from './protocol.js';

export interface Route {
  protocol: Protocol;
  /** The service the call is recorded under, when it is not the signing name (S3 Control signs as s3). */
  service?: string;
  operation: string;
  respond: (res: ServerResponse) => void;
}

export interface HandlerEnv {
  pageSize: number;
  /** Issues temporary credentials for AssumeRole; returns the new access key id. */
  issueKey: (account: string, assumed: { roleArn: string; sessionName: string; externalId: string | null }) => string;
  account: (id: string) => AccountFixture;
  /** The fixture account whose organization (ListAccounts) lists `id`, if any. */
  managementOf: (id: string) => AccountFixture | undefined;
}

/**
 * The session token AssumeRole issues with access key `key`: shaped like a real STS token, base64
 * with '+', '/' and '=', so its URL-encoded form differs from the raw one.
 */
export function sessionTokenFor(account: string, key: string): string {
  return `FwoGZXIvYXdzE${account}+local/${key}==`;
}

function regionOf(acct: AccountFixture, region: string): RegionFixture {
  const r = acct.regions[region];
  if (!r) throw new ApiError(400, 'UnrecognizedClientException', `no fixture for region ${region}`);
  return r;
}

function notFound(protocol: Protocol, what: string): ApiError {
  return new ApiError(protocol === 'json-1.1' ? 400 : 404, 'ResourceNotFoundException', `${what} not found`);
}

// ------------------------------------------------------------------ Connect (REST-JSON)

export function connectRoute(ctx: RequestContext, env: HandlerEnv): Route {
  const acct = env.account(ctx.account);
  const connect = regionOf(acct, ctx.region).connect;
  const path = decodeURIComponent(ctx.url.pathname);
  const q = ctx.url.searchParams;
  const send = (operation: string, body: () => unknown): Route => ({
    protocol: 'rest-json',
    operation,
    respond: (res) => sendJson(res, 200, body()),
  });
  const instance = (id: string) => {
    const found = connect.instances[id];
    if (!found) throw notFound('rest-json', `instance ${id}`);
    return found;
  };
  const paged = (list: unknown[], key: string) => {
    const p = page(list, q.get('nextToken'), env.pageSize);
    return { [key]: p.items, ...(p.next ? { NextToken: p.next } : {}) };
  };
  let m: RegExpExecArray | null;
  if (ctx.method === 'GET' && path === '/instance') {
    return send('ListInstances', () => paged(connect.ListInstances.InstanceSummaryList, 'InstanceSummaryList'));
  }
  if (ctx.method === 'POST' && path === '/phone-number/list') {
    return send('ListPhoneNumbersV2', () => {
      const req = JSON.parse(ctx.body || '{}') as { TargetArn?: string; InstanceId?: string; NextToken?: string };
      const target = req.TargetArn ?? req.InstanceId;
      const list = connect.ListPhoneNumbersV2.ListPhoneNumbersSummaryList.filter((n) => !target || n.TargetArn === target || n.InstanceId === target);
      const p = page(list, req.NextToken, env.pageSize);
      return { ListPhoneNumbersSummaryList: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    });
  }
  if ((m = /^\/instance\/([^/]+)$/.exec(path)) && ctx.method === 'GET') {
    const id = m[1]!;
    return send('DescribeInstance', () => instance(id).DescribeInstance);
  }
  if ((m = /^\/instance\/([^/]+)\/storage-configs$/.exec(path))) {
    const id = m[1]!;
    return send('ListInstanceStorageConfigs', () => {
      const type = q.get('resourceType');
      if (!type) throw new ApiError(400, 'InvalidParameterException', 'resourceType is required');
      return paged(instance(id).ListInstanceStorageConfigs[type]?.StorageConfigs ?? [], 'StorageConfigs');
    });
  }
  if ((m = /^\/instance\/([^/]+)\/attributes$/.exec(path))) {
    const id = m[1]!;
    return send('ListInstanceAttributes', () => paged(instance(id).ListInstanceAttributes.Attributes, 'Attributes'));
  }
  if ((m = /^\/instance\/([^/]+)\/lambda-functions$/.exec(path))) {
    const id = m[1]!;
    return send('ListLambdaFunctions', () => paged(instance(id).ListLambdaFunctions.LambdaFunctions, 'LambdaFunctions'));
  }
  if ((m = /^\/instance\/([^/]+)\/approved-origins$/.exec(path))) {
    const id = m[1]!;
    return send('ListApprovedOrigins', () => paged(instance(id).ListApprovedOrigins?.Origins ?? [], 'Origins'));
  }
  if ((m = /^\/instance\/([^/]+)\/integration-associations$/.exec(path))) {
    const id = m[1]!;
    return send('ListIntegrationAssociations', () =>
      paged(instance(id).ListIntegrationAssociations.IntegrationAssociationSummaryList, 'IntegrationAssociationSummaryList'),
    );
  }
  if ((m = /^\/contact-flows-summary\/([^/]+)$/.exec(path))) {
    const id = m[1]!;
    return send('ListContactFlows', () => paged(instance(id).ListContactFlows.ContactFlowSummaryList, 'ContactFlowSummaryList'));
  }
  if ((m = /^\/contact-flows\/([^/]+)\/([^/]+)$/.exec(path))) {
    const [, id, flowId] = m as unknown as [string, string, string];
    return send('DescribeContactFlow', () => {
      const saved = flowId.endsWith(':$SAVED');
      const flow = instance(id).DescribeContactFlow[saved ? flowId.slice(0, -':$SAVED'.length) : flowId];
      if (!flow) throw notFound('rest-json', `flow ${flowId}`);
      if (flow.ContactFlow.Status === 'SAVED' && !saved) throw new ApiError(400, 'ContactFlowNotPublishedException', 'The flow has not been published.');
      return flow;
    });
  }
  if ((m = /^\/contact-flow-modules-summary\/([^/]+)$/.exec(path))) {
    const id = m[1]!;
    return send('ListContactFlowModules', () =>
      paged(instance(id).ListContactFlowModules.ContactFlowModulesSummaryList, 'ContactFlowModulesSummaryList'),
    );
  }
  if ((m = /^\/contact-flow-modules\/([^/]+)\/([^/]+)$/.exec(path))) {
    const [, id, moduleId] = m as unknown as [string, string, string];
    return send('DescribeContactFlowModule', () => {
      const mod = instance(id).DescribeContactFlowModule[moduleId];
      if (!mod) throw notFound('rest-json', `module ${moduleId}`);
      return mod;
    });
  }
  throw new ApiError(404, 'UnknownOperationException', `no route for ${ctx.method} ${path}`);
}

// ------------------------------------------------------------------ IAM and STS (AWS Query)

function queryResponse(operation: string, result: Record<string, unknown>, ns: string): string {
  return xml({
    [`${operation}Response`]: {
      '@_xmlns': ns,
      [`${operation}Result`]: result,
      ResponseMetadata: { RequestId: 'req-local' },
    },
  });
}

const members = (list: unknown[]) => ({ member: list });

export function queryRoute(ctx: RequestContext, env: HandlerEnv): Route {
  const form = new URLSearchParams(ctx.body);
  const operation = form.get('Action') ?? '';
  const acct = env.account(ctx.account);
  const send = (result: () => Record<string, unknown>, ns: string): Route => ({
    protocol: 'query',
    operation,
    respond: (res) => sendXml(res, 200, queryResponse(operation, result(), ns)),
  });
  const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
  const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
  if (ctx.service === 'sts' && operation === 'GetCallerIdentity') return send(() => ({ ...acct.sts.GetCallerIdentity }), STS_NS);
  if (ctx.service === 'sts' && operation === 'AssumeRole') {
    return send(() => {
      const roleArn = form.get('RoleArn') ?? '';
      const target = /^arn:aws:iam::(\d{12}):role\//.exec(roleArn)?.[1];
      if (!target) throw new ApiError(400, 'ValidationError', 'bad RoleArn');
      env.account(target);
      const session = form.get('RoleSessionName') ?? '';
      const key = env.issueKey(target, { roleArn, sessionName: session, externalId: form.get('ExternalId') });
      return {
        Credentials: {
          AccessKeyId: key,
          SecretAccessKey: 'localSecretNotUsed',
          SessionToken: sessionTokenFor(target, key),
          Expiration: new Date(Date.now() + 3600_000).toISOString(),
        },
        AssumedRoleUser: { AssumedRoleId: `AROALOCAL:${session}`, Arn: `arn:aws:sts::${target}:assumed-role/x/${session}` },
      };
    }, STS_NS);
  }
  if (ctx.service === 'iam' && operation === 'ListRoles') {
    return send(() => {
      const p = page(acct.iam.ListRoles.Roles, form.get('Marker'), env.pageSize);
      return { IsTruncated: p.next !== undefined, ...(p.next ? { Marker: p.next } : {}), Roles: members(p.items) };
    }, IAM_NS);
  }
  if (ctx.service === 'iam' && operation === 'ListRoleTags') {
    return send(() => {
      const name = form.get('RoleName') ?? '';
      const tags = acct.iam.ListRoleTags[name];
      if (!tags) throw new ApiError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`);
      const p = page(tags.Tags, form.get('Marker'), env.pageSize);
      return { IsTruncated: p.next !== undefined, ...(p.next ? { Marker: p.next } : {}), Tags: members(p.items) };
    }, IAM_NS);
  }
  if (ctx.service === 'iam' && operation === 'ListSAMLProviders') {
    return send(() => ({ SAMLProviderList: members(acct.iam.ListSAMLProviders?.SAMLProviderList ?? []) }), IAM_NS);
  }
  throw new ApiError(400, 'InvalidAction', `unknown ${ctx.service} action ${operation}`);
}

// ------------------------------------------------------------------ S3 (REST-XML, path-style)

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function isErrorPayload(v: unknown): v is ErrorPayload {
  return typeof v === 'object' && v !== null && 'Error' in v;
}

export function s3Route(ctx: RequestContext, env: HandlerEnv): Route {
  const acct = env.account(ctx.account);
  const q = ctx.url.searchParams;
  const segments = ctx.url.pathname.split('/').filter(Boolean);
  if (segments.length === 0) {
    return {
      protocol: 'rest-xml',
      operation: 'ListBuckets',
      respond: (res) => {
        const p = page(acct.s3.ListBuckets.Buckets, q.get('continuation-token'), env.pageSize);
        sendXml(
          res,
          200,
          xml({
            ListAllMyBucketsResult: {
              '@_xmlns': S3_NS,
              Owner: acct.s3.ListBuckets.Owner,
              Buckets: { Bucket: p.items },
              ...(p.next ? { ContinuationToken: p.next } : {}),
            },
          }),
        );
      },
    };
  }
  const name = decodeURIComponent(segments[0]!);
  const operations: Record<string, string> = {
    location: 'GetBucketLocation',
    tagging: 'GetBucketTagging',
    policy: 'GetBucketPolicy',
    publicAccessBlock: 'GetPublicAccessBlock',
    encryption: 'GetBucketEncryption',
    versioning: 'GetBucketVersioning',
    acl: 'GetBucketAcl',
    ownershipControls: 'GetBucketOwnershipControls',
  };
  const subresource = Object.keys(operations).find((s) => q.has(s));
  const operation = operations[subresource ?? ''] ?? `GET ${ctx.url.pathname}${ctx.url.search}`;
  return {
    protocol: 'rest-xml',
    operation,
    respond: (res) => {
      const bucket = acct.s3.buckets[name];
      if (!bucket) throw new ApiError(404, 'NoSuchBucket', 'The specified bucket does not exist');
      const payload = bucket[operation as keyof typeof bucket] ?? absentDefault(operation, acct);
      if (payload === undefined) throw new ApiError(400, 'NotImplemented', `${operation} is not served`);
      if (isErrorPayload(payload)) throw new ApiError(404, payload.Error.Code, payload.Error.Message);
      const p = payload as Record<string, any>;
      switch (operation) {
        case 'GetBucketLocation':
          return sendXml(res, 200, xml({ LocationConstraint: { '@_xmlns': S3_NS, '#text': p.LocationConstraint ?? '' } }));
        case 'GetBucketTagging':
          return sendXml(res, 200, xml({ Tagging: { '@_xmlns': S3_NS, TagSet: { Tag: p.TagSet } } }));
        case 'GetBucketPolicy':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(p.Policy);
        case 'GetPublicAccessBlock':
          return sendXml(res, 200, xml({ PublicAccessBlockConfiguration: { '@_xmlns': S3_NS, ...p.PublicAccessBlockConfiguration } }));
        case 'GetBucketEncryption':
          return sendXml(res, 200, xml({ ServerSideEncryptionConfiguration: { '@_xmlns': S3_NS, Rule: p.ServerSideEncryptionConfiguration.Rules } }));
        case 'GetBucketAcl':
          return sendXml(
            res,
            200,
            xml({
              AccessControlPolicy: {
                '@_xmlns': S3_NS,
                '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
                Owner: p.Owner,
                AccessControlList: {
                  Grant: (p.Grants as any[]).map((g) => ({
                    Grantee: { '@_xsi:type': g.Grantee.Type, ...Object.fromEntries(Object.entries(g.Grantee).filter(([k]) => k !== 'Type')) },
                    Permission: g.Permission,
                  })),
                },
              },
            }),
          );
        case 'GetBucketOwnershipControls':
          return sendXml(res, 200, xml({ OwnershipControls: { '@_xmlns': S3_NS, Rule: p.OwnershipControls.Rules } }));
        case 'GetBucketVersioning':
          return sendXml(res, 200, xml({ VersioningConfiguration: { '@_xmlns': S3_NS, ...(p.Status ? { Status: p.Status } : {}) } }));
      }
      throw new ApiError(400, 'NotImplemented', operation);
    },
  };
}

/** What S3 answers for a bucket setting the fixture leaves out: the owner-only ACL, no ownership controls. */
function absentDefault(operation: string, acct: AccountFixture): unknown {
  if (operation === 'GetBucketAcl') {
    const owner = acct.s3.ListBuckets.Owner;
    return { Owner: owner, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: owner.ID }, Permission: 'FULL_CONTROL' }] };
  }
  if (operation === 'GetBucketOwnershipControls') {
    return { Error: { Code: 'OwnershipControlsNotFoundError', Message: 'The bucket ownership controls were not found' } };
  }
  return undefined;
}

// ------------------------------------------------------------------ Organizations, CloudTrail, Kinesis (JSON 1.1)

export function json11Route(ctx: RequestContext, target: string, env: HandlerEnv): Route {
  const operation = target.slice(target.lastIndexOf('.') + 1);
  const req = JSON.parse(ctx.body || '{}') as Record<string, any>;
  const acct = env.account(ctx.account);
  const send = (body: () => unknown): Route => ({
    protocol: 'json-1.1',
    operation,
    respond: (res) => sendJson(res, 200, body(), 'application/x-amz-json-1.1'),
  });
  if (ctx.service === 'organizations' && operation === 'ListAccounts') {
    return send(() => {
      if (!acct.organizations) throw new ApiError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
      const p = page(acct.organizations.ListAccounts.Accounts, req.NextToken, env.pageSize);
      return { Accounts: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    });
  }
  if (ctx.service === 'organizations' && operation === 'DescribeOrganization') {
    return send(() => {
      // Any member may describe its organization: the one whose management account lists it.
      const management = env.managementOf(ctx.account);
      if (!management) throw new ApiError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
      const member = management.organizations!.ListAccounts.Accounts.find((a) => a.Id === ctx.account)!;
      const id = /account\/(o-[a-z0-9]+)\//.exec(String(member.Arn))![1]!;
      return {
        Organization: {
          Id: id,
          Arn: `arn:aws:organizations::${management.accountId}:organization/${id}`,
          FeatureSet: 'ALL',
          MasterAccountArn: `arn:aws:organizations::${management.accountId}:account/${id}/${management.accountId}`,
          MasterAccountId: management.accountId,
          MasterAccountEmail: 'aws+management@example.com',
        },
      };
    });
  }
  if (ctx.service === 'organizations' && operation === 'ListTagsForResource') {
    return send(() => {
      const tags = acct.organizations?.ListTagsForResource[req.ResourceId];
      if (!tags) throw new ApiError(400, 'TargetNotFoundException', `no resource ${req.ResourceId}`);
      const p = page(tags.Tags, req.NextToken, env.pageSize);
      return { Tags: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    });
  }
  if (ctx.service === 'cloudtrail' && operation === 'DescribeTrails') return send(() => regionOf(acct, ctx.region).cloudtrail.DescribeTrails);
  if (ctx.service === 'cloudtrail' && operation === 'GetTrailStatus') {
    return send(() => {
      const status = regionOf(acct, ctx.region).cloudtrail.GetTrailStatus[req.Name];
      if (!status) throw new ApiError(400, 'TrailNotFoundException', `Unknown trail: ${req.Name}`);
      return status;
    });
  }
  if (ctx.service === 'kinesis' && operation === 'DescribeStreamSummary') {
    return send(() => {
      const name = req.StreamName ?? String(req.StreamARN ?? '').split('/').pop();
      const stream = regionOf(acct, ctx.region).kinesis.DescribeStreamSummary[name];
      if (!stream) throw notFound('json-1.1', `Stream ${name}`);
      return stream;
    });
  }
  const evidence = kmsRoute(ctx, operation, env) ?? firehoseRoute(ctx, operation, env);
  if (evidence) return evidence;
  throw new ApiError(400, 'UnknownOperationException', `unknown ${ctx.service} operation ${operation}`);
}
