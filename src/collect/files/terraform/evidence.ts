/**
 * Terraform AWS provider resource types of the AWS-side SCV evidence → the planned estate:
 * Lambda functions (variable names and credential kinds, never values), SAML providers, KMS keys
 * and their policies, Firehoses, the account-level S3 public access block, Lambda associations of
 * Connect instances, bucket ACLs and object ownership. (The provider has no resource for a Connect
 * approved origin; templates declare them.)
 */
import { endpointOf } from '../../aws/firehose.js';
import { setOwn } from '../../../own-properties.js';
import type { AclGrant, BucketAcl, ObjectOwnership, Origin } from '../../../inventory/types.js';
import type { Ref } from '../arn.js';
import type { JsonPathSegment } from '../json-positions.js';
import { cannedAcl, declaredVariables } from '../planned-evidence.js';
import type { PlannedEstate } from '../planned.js';
import type { TfResource } from './resources.js';
import { isRecord } from '../../../plain-objects.js';

export const TERRAFORM_EVIDENCE_TYPES = [
  'aws_lambda_function',
  'aws_iam_saml_provider',
  'aws_kms_key',
  'aws_kinesis_firehose_delivery_stream',
  'aws_s3_account_public_access_block',
  'aws_connect_lambda_function_association',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_ownership_controls',
] as const;

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const first = (v: unknown): Obj => {
  const item = Array.isArray(v) ? v[0] : undefined;
  return isRecord(item) ? item : {};
};

function tagsOf(values: Obj): Record<string, string> {
  const src = values.tags_all ?? values.tags;
  const out: Record<string, string> = {};
  if (isRecord(src)) for (const [k, v] of Object.entries(src)) if (typeof v === 'string') setOwn(out, k, v);
  return out;
}

/** Firehose destination blocks → the type names DescribeDeliveryStream uses, and where each delivers. */
const FIREHOSE_DESTINATIONS: readonly [block: string, type: string, target: (b: Obj) => string | null, path: string][] = [
  ['extended_s3_configuration', 'ExtendedS3', (b) => str(b.bucket_arn), 'bucket_arn'],
  ['s3_configuration', 'S3', (b) => str(b.bucket_arn), 'bucket_arn'],
  ['iceberg_configuration', 'Iceberg', (b) => str(first(b.s3_configuration).bucket_arn), ''],
  ['redshift_configuration', 'Redshift', (b) => endpointOf(str(b.cluster_jdbcurl) ?? undefined), ''],
  ['opensearch_configuration', 'AmazonOpenSearchService', (b) => str(b.domain_arn) ?? endpointOf(str(b.cluster_endpoint) ?? undefined), 'domain_arn'],
  ['elasticsearch_configuration', 'Elasticsearch', (b) => str(b.domain_arn) ?? endpointOf(str(b.cluster_endpoint) ?? undefined), 'domain_arn'],
  ['opensearchserverless_configuration', 'AmazonOpenSearchServerless', (b) => endpointOf(str(b.collection_endpoint) ?? undefined), ''],
  ['splunk_configuration', 'Splunk', (b) => endpointOf(str(b.hec_endpoint) ?? undefined), ''],
  ['http_endpoint_configuration', 'HttpEndpoint', (b) => endpointOf(str(b.url) ?? undefined), ''],
  ['snowflake_configuration', 'Snowflake', (b) => endpointOf(str(b.account_url) ?? undefined), ''],
];

/** An `access_control_policy` block: owner and grants (e-mail grantees by type only). */
function aclPolicy(v: Obj): BucketAcl {
  const grants: AclGrant[] = [];
  for (const g of Array.isArray(v.grant) ? v.grant : []) {
    if (!isRecord(g)) continue;
    const grantee = first(g.grantee);
    grants.push({
      granteeType: str(grantee.type) ?? 'Unknown',
      granteeId: str(grantee.id),
      granteeUri: str(grantee.uri),
      permission: str(g.permission) ?? 'Unknown',
    });
  }
  return { ownerId: str(first(v.owner).id), grants };
}

const OWNERSHIPS: readonly string[] = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];

/** Maps one evidence resource; false when `r.type` is not one of TERRAFORM_EVIDENCE_TYPES. */
export function mapTerraformEvidence(r: TfResource, ref: (path: JsonPathSegment[]) => Ref, estate: PlannedEstate, base: { key: string; origin: Origin }): boolean {
  const v = r.values;
  switch (r.type) {
    case 'aws_lambda_function': {
      const env = v.environment;
      // No environment block: no variables. A block whose map is not known yet: not known.
      const block = Array.isArray(env) && env.length > 0 ? first(env) : null;
      const values = block === null ? {} : isRecord(block.variables) ? block.variables : null;
      const vars =
        values === null
          ? { variables: null, salesforceOrgId: null }
          : declaredVariables(Object.fromEntries(Object.entries(values).map(([k, x]) => [k, typeof x === 'string' ? x : null])));
      estate.functions.push({ ...base, name: str(v.function_name), arn: str(v.arn), role: ref(['role']), runtime: str(v.runtime), tags: tagsOf(v), ...vars });
      return true;
    }
    case 'aws_iam_saml_provider':
      estate.samlProviders.push({ ...base, name: str(v.name), arn: str(v.arn) });
      return true;
    case 'aws_kms_key':
      estate.kmsKeys.push({ ...base, arn: str(v.arn), policy: str(v.policy), policyAt: r.attributeAt('policy') });
      return true;
    case 'aws_kinesis_firehose_delivery_stream': {
      const destinations: { type: string; target: Ref }[] = [];
      for (const [block, type, target, path] of FIREHOSE_DESTINATIONS) {
        if (!Array.isArray(v[block]) || (v[block] as unknown[]).length === 0) continue;
        const value = target(first(v[block]));
        destinations.push({ type, target: value !== null ? { known: value } : path ? ref([block, 0, path]) : null });
      }
      const sse = first(v.server_side_encryption);
      estate.firehoses.push({
        ...base,
        name: str(v.name),
        arn: str(v.arn),
        sourceStream: ref(['kinesis_source_configuration', 0, 'kinesis_stream_arn']),
        kmsKey: sse.enabled === true && str(sse.key_type) === 'CUSTOMER_MANAGED_CMK' ? ref(['server_side_encryption', 0, 'key_arn']) : null,
        destinations,
      });
      return true;
    }
    case 'aws_s3_account_public_access_block':
      estate.accountSettings.push({
        ...base,
        publicAccessBlock: {
          BlockPublicAcls: v.block_public_acls === true,
          IgnorePublicAcls: v.ignore_public_acls === true,
          BlockPublicPolicy: v.block_public_policy === true,
          RestrictPublicBuckets: v.restrict_public_buckets === true,
        },
      });
      return true;
    case 'aws_connect_lambda_function_association':
      estate.integrations.push({ ...base, instance: ref(['instance_id']), type: 'LAMBDA_FUNCTION', arn: ref(['function_arn']), sourceApplicationUrl: null });
      return true;
    case 'aws_s3_bucket_acl': {
      const canned = str(v.acl);
      const policy = first(v.access_control_policy);
      const acl = canned !== null ? cannedAcl(canned) : Object.keys(policy).length > 0 ? aclPolicy(policy) : null;
      if (acl !== null) estate.bucketSettings.push({ ...base, bucket: ref(['bucket']), acl });
      return true;
    }
    case 'aws_s3_bucket_ownership_controls': {
      const ownership = str(first(v.rule).object_ownership);
      if (ownership !== null && OWNERSHIPS.includes(ownership)) {
        estate.bucketSettings.push({ ...base, bucket: ref(['bucket']), objectOwnership: ownership as ObjectOwnership });
      }
      return true;
    }
    default:
      return false;
  }
}
