/**
 * The AWS-side SCV evidence that plans and templates declare (CloudFormation stacks, Lambda
 * functions, SAML providers, KMS keys, Firehoses, the account-level S3 public access block,
 * approved origins, integration associations, bucket ACLs and object ownership), in the planned
 * estate's neutral shape, and the helpers both readers share. Values are read as far as they are
 * known before deploy; a Lambda variable keeps its name and the kind of credential its value looks
 * like, never the value (the readers classify it and drop it).
 */
import { isOrgId, toId18 } from '../salesforce/ids.js';
import { setOwn } from '../../own-properties.js';
import { credentialKind, NO_ECHO_MASK } from '../aws/withheld.js';
import type {
  AclGrant,
  AwsAccount,
  BucketAcl,
  ConnectInstance,
  FirehoseDestination,
  LambdaVariable,
  Origin,
  PolicyDocument,
  PublicAccessBlock,
  Tags,
} from '../../inventory/types.js';
import { parseArn, type Ref } from './arn.js';
import { placeOf } from './policy-document.js';
import type { ErrorLocation } from '../../errors.js';

interface Declared {
  key: string;
  origin: Origin;
}

/** The stack a template becomes (its parameters as given or defaulted; unknown = null). */
export interface PlannedStack extends Declared {
  name: string;
  parameters: Record<string, string | null>;
}
export interface PlannedFunction extends Declared {
  name: string | null;
  arn: string | null;
  role: Ref;
  runtime: string | null;
  tags: Tags;
  /** null: the variables are not known before deploy (the whole map is an unresolved value). */
  variables: LambdaVariable[] | null;
  salesforceOrgId: string | null;
}
export interface PlannedSamlProvider extends Declared {
  name: string | null;
  arn: string | null;
}
export interface PlannedKey extends Declared {
  arn: string | null;
  policy: unknown;
  /** Where the key policy is (attribute path and position); the resource's origin when absent. */
  policyAt?: ErrorLocation;
}
export interface PlannedFirehose extends Declared {
  name: string | null;
  arn: string | null;
  sourceStream: Ref;
  kmsKey: Ref;
  destinations: { type: string; target: Ref }[];
}
export interface PlannedAccountSetting extends Declared {
  publicAccessBlock: PublicAccessBlock;
}
export interface PlannedApprovedOrigin extends Declared {
  instance: Ref;
  url: string | null;
}
export interface PlannedIntegration extends Declared {
  instance: Ref;
  type: string;
  /** The integration: a Lambda function, Lex bot, app integration... (a planned one by key). */
  arn: Ref;
  sourceApplicationUrl: string | null;
}

export interface PlannedEvidence {
  stacks: PlannedStack[];
  functions: PlannedFunction[];
  samlProviders: PlannedSamlProvider[];
  kmsKeys: PlannedKey[];
  firehoses: PlannedFirehose[];
  accountSettings: PlannedAccountSetting[];
  approvedOrigins: PlannedApprovedOrigin[];
  integrations: PlannedIntegration[];
}

export function emptyEvidence(): PlannedEvidence {
  return { stacks: [], functions: [], samlProviders: [], kmsKeys: [], firehoses: [], accountSettings: [], approvedOrigins: [], integrations: [] };
}

/** `SALESFORCE_ORG_ID`: SCV's functions name their org by it. */
export const ORG_ID_VARIABLE = 'SALESFORCE_ORG_ID';

/**
 * Names and credential kinds of a function's environment variables, and its org id; a value not
 * known before deploy (null) is no credential. The values themselves are not kept.
 */
export function declaredVariables(values: Readonly<Record<string, string | null>>): Pick<PlannedFunction, 'variables' | 'salesforceOrgId'> {
  const orgId = values[ORG_ID_VARIABLE]?.trim();
  return {
    variables: Object.entries(values).map(([name, value]) => ({ name, credential: value === null ? null : credentialKind(name, value) })),
    salesforceOrgId: orgId && isOrgId(orgId) ? toId18(orgId) : null,
  };
}

/** Stack parameters as the inventory keeps them: NoEcho and credential-looking values withheld (null). */
export function withheldParameters(values: ReadonlyMap<string, string | null>, noEcho: ReadonlySet<string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of values) {
    setOwn(out, key, value === null || noEcho.has(key) || value === NO_ECHO_MASK || credentialKind(key, value) !== null ? null : value);
  }
  return out;
}

const GROUPS = {
  AllUsers: 'http://acs.amazonaws.com/groups/global/AllUsers',
  AuthenticatedUsers: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  LogDelivery: 'http://acs.amazonaws.com/groups/s3/LogDelivery',
} as const;

const group = (uri: string, permission: string): AclGrant => ({ granteeType: 'Group', granteeId: null, granteeUri: uri, permission });

/**
 * The grants a canned ACL gives a bucket (S3's "Canned ACL" table), by its CloudFormation
 * (`PublicRead`) or API/Terraform (`public-read`) name; the owner's canonical id is not known
 * before deploy. An unknown name: null.
 */
export function cannedAcl(name: string): BucketAcl | null {
  const owner: AclGrant = { granteeType: 'CanonicalUser', granteeId: null, granteeUri: null, permission: 'FULL_CONTROL' };
  const key = name.replace(/[-_]/g, '').toLowerCase();
  const extra: Record<string, AclGrant[]> = {
    private: [],
    bucketownerread: [],
    bucketownerfullcontrol: [],
    awsexecread: [],
    publicread: [group(GROUPS.AllUsers, 'READ')],
    publicreadwrite: [group(GROUPS.AllUsers, 'READ'), group(GROUPS.AllUsers, 'WRITE')],
    authenticatedread: [group(GROUPS.AuthenticatedUsers, 'READ')],
    logdeliverywrite: [group(GROUPS.LogDelivery, 'WRITE'), group(GROUPS.LogDelivery, 'READ_ACP')],
  };
  const grants = extra[key];
  return grants === undefined ? null : { ownerId: null, grants: [owner, ...grants] };
}

/** What the assembly of the planned estate (./planned.ts) lends the evidence: accounts, ARNs, instances. */
export interface EvidenceContext {
  /** The account record for an id; null: the placeholder account (not known). */
  account(id: string | null): AwsAccount;
  /** The account a resource is in: its ARN's, else where its environment deploys; null: not known. */
  accountOfArn(arn: string | null, environment: string | null): string | null;
  /** Region and account parts for ARNs built here ('' when not known). */
  arnRegion: string;
  arnAccount(environment: string | null): string;
  region: string | null;
  /** The environment the file deploys to (`--environment`), else null. */
  environment: string | null;
  environmentOf(tags: Tags): string | null;
  resolveInstance(ref: Ref, origin: Origin): ConnectInstance | null;
  /** ARNs of the planned resources by key (buckets, streams, roles, and the evidence added here). */
  arnByKey: Map<string, string>;
}

function resolveArn(ref: Ref, ctx: EvidenceContext): string | null {
  if (ref === null) return null;
  return 'planned' in ref ? (ctx.arnByKey.get(ref.planned) ?? null) : ref.known;
}

function push<K extends 'cloudFormationStacks' | 'lambdaFunctions' | 'samlProviders' | 'kmsKeys' | 'firehoseStreams'>(
  account: AwsAccount,
  section: K,
  item: NonNullable<AwsAccount[K]>[number],
): void {
  const list = (account[section] ??= []) as NonNullable<AwsAccount[K]>[number][];
  list.push(item);
}

/** ARNs of the evidence resources, built where the file gives none, registered by key. */
export function registerEvidenceArns(e: PlannedEvidence, ctx: EvidenceContext): void {
  for (const f of e.functions) {
    const name = f.name ?? f.key;
    ctx.arnByKey.set(f.key, f.arn ?? `arn:aws:lambda:${ctx.arnRegion}:${ctx.arnAccount(ctx.environmentOf(f.tags))}:function:${name}`);
  }
  for (const p of e.samlProviders) ctx.arnByKey.set(p.key, p.arn ?? `arn:aws:iam::${ctx.arnAccount(ctx.environment)}:saml-provider/${p.name ?? p.key}`);
  for (const k of e.kmsKeys) ctx.arnByKey.set(k.key, k.arn ?? `arn:aws:kms:${ctx.arnRegion}:${ctx.arnAccount(ctx.environment)}:key/${k.key}`);
  for (const f of e.firehoses) {
    ctx.arnByKey.set(f.key, f.arn ?? `arn:aws:firehose:${ctx.arnRegion}:${ctx.arnAccount(ctx.environment)}:deliverystream/${f.name ?? f.key}`);
  }
}

/** Places the evidence in its accounts and instances (after registerEvidenceArns). */
export function assembleEvidence(e: PlannedEvidence, ctx: EvidenceContext, normalizePolicy: (doc: unknown, where: ErrorLocation) => PolicyDocument | null): void {
  for (const s of e.stacks) {
    push(ctx.account(ctx.accountOfArn(null, ctx.environment)), 'cloudFormationStacks', {
      id: s.key, name: s.name, region: ctx.region, status: null, parameters: s.parameters, tags: {}, outputs: {}, origin: s.origin,
    });
  }
  for (const f of e.functions) {
    const arn = ctx.arnByKey.get(f.key)!;
    const environment = ctx.environmentOf(f.tags);
    push(ctx.account(ctx.accountOfArn(arn, environment)), 'lambdaFunctions', {
      arn,
      name: f.name ?? f.key,
      region: parseArn(arn)?.region || ctx.region,
      environment,
      role: resolveArn(f.role, ctx),
      runtime: f.runtime,
      tags: f.tags,
      variables: f.variables,
      salesforceOrgId: f.salesforceOrgId,
      origin: f.origin,
    });
  }
  for (const p of e.samlProviders) {
    const arn = ctx.arnByKey.get(p.key)!;
    push(ctx.account(ctx.accountOfArn(arn, ctx.environment)), 'samlProviders', { arn, name: p.name ?? p.key, origin: p.origin });
  }
  for (const k of e.kmsKeys) {
    const arn = ctx.arnByKey.get(k.key)!;
    const parsed = parseArn(arn);
    const account = ctx.account(ctx.accountOfArn(arn, ctx.environment));
    push(account, 'kmsKeys', {
      arn,
      // The placeholder id where the account is not known (rules check estate.account_known).
      accountId: account.id,
      region: parsed?.region || ctx.region,
      referencedAs: [arn],
      policy: k.policy === null || k.policy === undefined ? null : normalizePolicy(k.policy, k.policyAt ?? placeOf(k.origin)),
      origin: k.origin,
    });
  }
  for (const f of e.firehoses) {
    const arn = ctx.arnByKey.get(f.key)!;
    const destinations: FirehoseDestination[] = f.destinations.map((d) => ({ type: d.type, target: resolveArn(d.target, ctx) }));
    push(ctx.account(ctx.accountOfArn(arn, ctx.environment)), 'firehoseStreams', {
      arn,
      name: f.name ?? f.key,
      region: parseArn(arn)?.region || ctx.region,
      environment: ctx.environment,
      sourceStreamArn: resolveArn(f.sourceStream, ctx),
      kmsKeyArn: resolveArn(f.kmsKey, ctx),
      destinations,
      origin: f.origin,
    });
  }
  for (const s of e.accountSettings) ctx.account(ctx.accountOfArn(null, ctx.environment)).s3PublicAccessBlock = s.publicAccessBlock;
  for (const o of e.approvedOrigins) {
    const inst = ctx.resolveInstance(o.instance, o.origin);
    if (!inst || o.url === null) continue;
    const origins = (inst.approvedOrigins ??= []);
    if (!origins.includes(o.url)) origins.push(o.url);
  }
  for (const i of e.integrations) {
    const inst = ctx.resolveInstance(i.instance, i.origin);
    if (!inst) continue;
    const arn = resolveArn(i.arn, ctx);
    inst.integrations.push({ type: i.type, sourceType: null, arn, sourceApplicationUrl: i.sourceApplicationUrl });
    // A Lambda integration association is the function association ListLambdaFunctions lists.
    if (i.type === 'LAMBDA_FUNCTION' && arn !== null && !inst.lambdaFunctions.includes(arn)) inst.lambdaFunctions.push(arn);
  }
}
