/**
 * S3 buckets with region, tags, policy, public access block, default encryption, versioning, ACL
 * and object ownership.
 * The documented "not configured" errors mean absent (null / no tags), not failure; any other
 * failure leaves the field null and is recorded.
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { AclGrant, BucketAcl, ObjectOwnership, PublicAccessBlock, S3Bucket } from '../../inventory/types.js';
import { resolveEnvironment } from '../../inventory/environment.js';
import { GLOBAL_REGION } from './clients.js';
import { targetOf, tagsToRecord, type AccountContext } from './context.js';
import { attempt, collectPages, type Outcome } from './errors.js';
import { parsePolicyDocument } from './policy.js';

export const S3_ABSENT_CODES = {
  GetBucketTagging: ['NoSuchTagSet'],
  GetBucketPolicy: ['NoSuchBucketPolicy'],
  GetPublicAccessBlock: ['NoSuchPublicAccessBlockConfiguration'],
  GetBucketEncryption: ['ServerSideEncryptionConfigurationNotFoundError'],
  GetBucketOwnershipControls: ['OwnershipControlsNotFoundError'],
} as const;

/** A bucket without ownership controls behaves as ObjectWriter: ACLs decide who owns an object. */
const NO_OWNERSHIP_CONTROLS: ObjectOwnership = 'ObjectWriter';
const OBJECT_OWNERSHIPS: readonly string[] = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];

const BUCKET_CONCURRENCY = 4;

/** A bucket without a public access block configuration: none of the four settings is on. */
export const NO_PUBLIC_ACCESS_BLOCK = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
/** A bucket without a default encryption configuration. */
const NO_DEFAULT_ENCRYPTION = { algorithm: null, kmsKeyId: null };

/**
 * S3's documented "not configured" answer is a known fact (the setting is off); any other failure
 * leaves the field null — unknown — with the error recorded.
 */
function absentIsKnown<T>(outcome: Outcome<unknown>, notConfigured: T): T | null {
  return !outcome.ok && outcome.absent ? structuredClone(notConfigured) : null;
}

/** The four settings of a public access block configuration; a setting not returned is off. */
export function publicAccessBlockOf(config: { [K in keyof PublicAccessBlock]?: boolean | undefined } | undefined): PublicAccessBlock {
  return {
    BlockPublicAcls: config?.BlockPublicAcls === true,
    IgnorePublicAcls: config?.IgnorePublicAcls === true,
    BlockPublicPolicy: config?.BlockPublicPolicy === true,
    RestrictPublicBuckets: config?.RestrictPublicBuckets === true,
  };
}

/** GetBucketLocation's LocationConstraint as a region: empty means us-east-1, `EU` is eu-west-1. */
export function regionFromLocation(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

export async function collectBuckets(ctx: AccountContext, listRegion: string = GLOBAL_REGION): Promise<S3Bucket[]> {
  const listClient = ctx.clients.get('s3', listRegion);
  const { items: buckets } = await collectPages(
    ctx.errors,
    targetOf(ctx, 'global', 's3:buckets'),
    'ListBuckets',
    () => paginateListBuckets({ client: listClient }, {}),
    (p) => p.Buckets,
  );
  const limit = pLimit(BUCKET_CONCURRENCY);
  return limit.map(
    buckets.filter((b) => b.Name),
    (b) => collectBucket(ctx, b.Name!, listRegion),
  );
}

async function collectBucket(ctx: AccountContext, name: string, listRegion: string): Promise<S3Bucket> {
  const arn = `arn:aws:s3:::${name}`;
  const listClient = ctx.clients.get('s3', listRegion);
  const location = await attempt(ctx.errors, targetOf(ctx, 'global', arn), 'GetBucketLocation', () =>
    listClient.send(new GetBucketLocationCommand({ Bucket: name })),
  );
  const region = location.ok ? regionFromLocation(location.value.LocationConstraint) : null;
  const client = ctx.clients.get('s3', region ?? listRegion);
  const target = targetOf(ctx, region ?? 'global', arn);
  const Bucket = name;

  const [tagging, policy, pab, encryption, versioning, acl, ownership] = await Promise.all([
    attempt(ctx.errors, target, 'GetBucketTagging', () => client.send(new GetBucketTaggingCommand({ Bucket })), S3_ABSENT_CODES.GetBucketTagging),
    attempt(ctx.errors, target, 'GetBucketPolicy', () => client.send(new GetBucketPolicyCommand({ Bucket })), S3_ABSENT_CODES.GetBucketPolicy),
    attempt(ctx.errors, target, 's3:GetPublicAccessBlock', () => client.send(new GetPublicAccessBlockCommand({ Bucket })), S3_ABSENT_CODES.GetPublicAccessBlock),
    attempt(ctx.errors, target, 'GetBucketEncryption', () => client.send(new GetBucketEncryptionCommand({ Bucket })), S3_ABSENT_CODES.GetBucketEncryption),
    attempt(ctx.errors, target, 'GetBucketVersioning', () => client.send(new GetBucketVersioningCommand({ Bucket }))),
    attempt(ctx.errors, target, 'GetBucketAcl', () => client.send(new GetBucketAclCommand({ Bucket }))),
    attempt(ctx.errors, target, 'GetBucketOwnershipControls', () => client.send(new GetBucketOwnershipControlsCommand({ Bucket })), S3_ABSENT_CODES.GetBucketOwnershipControls),
  ]);

  const tags = tagging.ok ? tagsToRecord(tagging.value.TagSet) : {};
  let policyDoc: S3Bucket['policy'] = null;
  // A policy S3 returned is a string (its shape is checked); an empty one is not a policy document either.
  if (policy.ok) {
    try {
      policyDoc = parsePolicyDocument(policy.value.Policy ?? '');
    } catch (err) {
      ctx.errors.note(target, 'GetBucketPolicy', 'InvalidPolicyDocument', err instanceof Error ? err.message : String(err));
    }
  }
  const pabConfig = pab.ok ? pab.value.PublicAccessBlockConfiguration : undefined;
  const rule = encryption.ok ? encryption.value.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault : undefined;
  const status = versioning.ok ? versioning.value.Status : undefined;
  return {
    name,
    arn,
    region,
    environment: resolveEnvironment({ tags, tagKey: ctx.environmentTagKey, inherited: ctx.accountEnvironment }),
    tags,
    policy: policyDoc,
    publicAccessBlock: pabConfig ? publicAccessBlockOf(pabConfig) : absentIsKnown(pab, NO_PUBLIC_ACCESS_BLOCK),
    encryption: rule
      ? { algorithm: rule.SSEAlgorithm ?? null, kmsKeyId: rule.KMSMasterKeyID ?? null }
      : absentIsKnown(encryption, NO_DEFAULT_ENCRYPTION),
    versioning: status === 'Enabled' || status === 'Suspended' ? status : null,
    acl: acl.ok ? toBucketAcl(acl.value) : null,
    objectOwnership: ownership.ok ? ownershipOf(ctx, target, ownership.value.OwnershipControls?.Rules?.[0]?.ObjectOwnership) : absentIsKnown(ownership, NO_OWNERSHIP_CONTROLS),
  };
}

function ownershipOf(ctx: AccountContext, target: string, value: string | undefined): ObjectOwnership | null {
  if (value && OBJECT_OWNERSHIPS.includes(value)) return value as ObjectOwnership;
  ctx.errors.note(target, 'GetBucketOwnershipControls', 'UnknownObjectOwnership', `unknown object ownership ${JSON.stringify(value ?? null)}`);
  return null;
}

/** The ACL without display names or e-mail addresses: grantee type, canonical id or group URI, permission. */
export function toBucketAcl(out: {
  Owner?: { ID?: string | undefined } | undefined;
  Grants?: { Grantee?: { Type?: string | undefined; ID?: string | undefined; URI?: string | undefined } | undefined; Permission?: string | undefined }[] | undefined;
}): BucketAcl {
  const grants: AclGrant[] = (out.Grants ?? []).map((g) => ({
    granteeType: g.Grantee?.Type ?? 'Unknown',
    granteeId: g.Grantee?.Type === 'CanonicalUser' ? (g.Grantee.ID ?? null) : null,
    granteeUri: g.Grantee?.URI ?? null,
    permission: g.Permission ?? 'Unknown',
  }));
  return { ownerId: out.Owner?.ID ?? null, grants };
}
