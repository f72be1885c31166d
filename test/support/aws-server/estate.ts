/**
 * The fixture estate the local AWS server serves: per account, the payloads real AWS APIs return
 * (fixtures/aws/accounts/*.json). Flow `Content` may be given as {"$file": "flows/x.json"} and is
 * inlined as the JSON string the API returns.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/aws/', import.meta.url));

type Json = Record<string, any>;

export interface ErrorPayload {
  Error: { Code: string; Message: string };
}

export interface BucketFixture {
  GetBucketLocation: { LocationConstraint: string | null };
  GetBucketTagging: { TagSet: { Key: string; Value: string }[] } | ErrorPayload;
  GetBucketPolicy: { Policy: string } | ErrorPayload;
  GetPublicAccessBlock: { PublicAccessBlockConfiguration: Record<string, boolean> } | ErrorPayload;
  GetBucketEncryption: { ServerSideEncryptionConfiguration: { Rules: Json[] } } | ErrorPayload;
  GetBucketVersioning: { Status?: string };
  /** Absent: the owner alone holds FULL_CONTROL (S3's default ACL). */
  GetBucketAcl?: { Owner: Json; Grants: Json[] } | ErrorPayload;
  /** Absent: no ownership controls (OwnershipControlsNotFoundError). */
  GetBucketOwnershipControls?: { OwnershipControls: { Rules: { ObjectOwnership: string }[] } } | ErrorPayload;
}

export interface ConnectInstanceFixture {
  DescribeInstance: { Instance: Json };
  ListInstanceStorageConfigs: Record<string, { StorageConfigs: Json[] }>;
  ListInstanceAttributes: { Attributes: { AttributeType: string; Value: string }[] };
  ListContactFlows: { ContactFlowSummaryList: Json[] };
  DescribeContactFlow: Record<string, { ContactFlow: Json }>;
  ListContactFlowModules: { ContactFlowModulesSummaryList: Json[] };
  DescribeContactFlowModule: Record<string, { ContactFlowModule: Json }>;
  ListLambdaFunctions: { LambdaFunctions: string[] };
  ListIntegrationAssociations: { IntegrationAssociationSummaryList: Json[] };
  /** Absent: no approved origins. */
  ListApprovedOrigins?: { Origins: string[] };
}

export interface RegionFixture {
  connect: {
    ListInstances: { InstanceSummaryList: Json[] };
    ListPhoneNumbersV2: { ListPhoneNumbersSummaryList: Json[] };
    instances: Record<string, ConnectInstanceFixture>;
  };
  cloudtrail: { DescribeTrails: { trailList: Json[] }; GetTrailStatus: Record<string, { IsLogging: boolean }> };
  kinesis: { DescribeStreamSummary: Record<string, { StreamDescriptionSummary: Json }> };
  // Evidence services; an absent one answers as a region without such resources.
  cloudformation?: { DescribeStacks: { Stacks: Json[] } };
  lambda?: { ListFunctions: { Functions: Json[] }; ListTags?: Record<string, Record<string, string>> };
  /** Keys by key id: DescribeKey metadata, the default policy (JSON text) and alias names. */
  kms?: { keys: Record<string, { KeyMetadata: Json; Policy: string; Aliases?: string[] }> };
  firehose?: { DescribeDeliveryStream: Record<string, { DeliveryStreamDescription: Json }> };
}

export interface AccountFixture {
  accountId: string;
  sts: { GetCallerIdentity: { Account: string; Arn: string; UserId: string } };
  iam: {
    ListRoles: { Roles: Json[] };
    ListRoleTags: Record<string, { Tags: { Key: string; Value: string }[] }>;
    /** Absent: no SAML providers. */
    ListSAMLProviders?: { SAMLProviderList: { Arn: string; ValidUntil?: string; CreateDate?: string }[] };
  };
  /** Absent: the account has no account-level public access block. */
  s3control?: { GetPublicAccessBlock: { PublicAccessBlockConfiguration: Record<string, boolean> } };
  s3: { ListBuckets: { Buckets: { Name: string; CreationDate: string }[]; Owner: Json }; buckets: Record<string, BucketFixture> };
  organizations?: { ListAccounts: { Accounts: Json[] }; ListTagsForResource: Record<string, { Tags: { Key: string; Value: string }[] }> };
  regions: Record<string, RegionFixture>;
}

export type Estate = Map<string, AccountFixture>;

function inlineFiles(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inlineFiles);
  if (value !== null && typeof value === 'object') {
    const obj = value as Json;
    if (typeof obj.$file === 'string' && Object.keys(obj).length === 1) {
      return readFileSync(join(FIXTURE_DIR, obj.$file), 'utf8');
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, inlineFiles(v)]));
  }
  return value;
}

export function loadAccountFixture(file: string): AccountFixture {
  return inlineFiles(JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8'))) as AccountFixture;
}

/** Every fixtures/aws/accounts/*.json, keyed by account id. */
export function loadFixtureEstate(): Estate {
  const dir = join(FIXTURE_DIR, 'accounts');
  const estate: Estate = new Map();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const account = loadAccountFixture(join('accounts', f));
    estate.set(account.accountId, account);
  }
  return estate;
}

/** A copy of `template` as account `accountId` (every occurrence of the template id replaced). */
export function cloneAccount(template: AccountFixture, accountId: string): AccountFixture {
  const text = JSON.stringify(template).split(template.accountId).join(accountId);
  return JSON.parse(text) as AccountFixture;
}
