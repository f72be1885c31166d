/**
 * Terraform AWS provider resource types → the planned estate. Attribute names follow the
 * hashicorp/aws provider (v5/v6); nested blocks are lists of one object in plan JSON.
 */
import type { ErrorLocation } from '../../../errors.js';
import type { JsonPathSegment, TextPosition } from '../json-positions.js';
import type { PlannedEstate, Ref } from '../planned.js';
import type { Tags } from '../../../inventory/types.js';
import { setOwn } from '../../../own-properties.js';
import { mapTerraformEvidence, TERRAFORM_EVIDENCE_TYPES } from './evidence.js';

export interface TfResource {
  address: string;
  type: string;
  values: Record<string, unknown>;
  /** The change creates the resource (S3 defaults for new buckets apply). */
  creating: boolean;
  /** Where its `resource_changes` (or `planned_values`) entry starts. */
  position: TextPosition | null;
  /** Where one of its attributes is: the file, the attribute's JSON path and position (errors inside policy documents name it). */
  attributeAt(name: string): ErrorLocation;
}

export const TERRAFORM_RESOURCE_TYPES = [
  'aws_connect_instance',
  'aws_connect_instance_storage_config',
  'aws_connect_contact_flow',
  'aws_connect_contact_flow_module',
  'aws_iam_role',
  'aws_s3_bucket',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_versioning',
  'aws_kinesis_stream',
  ...TERRAFORM_EVIDENCE_TYPES,
] as const;

/** Connect instance arguments → the instance attribute names DescribeInstanceAttribute uses. */
const INSTANCE_ATTRIBUTES: Record<string, string> = {
  contact_flow_logs_enabled: 'CONTACTFLOW_LOGS',
  contact_lens_enabled: 'CONTACT_LENS',
  inbound_calls_enabled: 'INBOUND_CALLS',
  outbound_calls_enabled: 'OUTBOUND_CALLS',
  early_media_enabled: 'EARLY_MEDIA',
  auto_resolve_best_voices_enabled: 'AUTO_RESOLVE_BEST_VOICES',
  multi_party_conference_enabled: 'MULTI_PARTY_CONFERENCE',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const first = (v: unknown): Record<string, unknown> => {
  const item = Array.isArray(v) ? v[0] : undefined;
  return item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
};

function tagsOf(values: Record<string, unknown>): Tags {
  const src = values.tags_all ?? values.tags;
  const out: Tags = {};
  if (src !== null && typeof src === 'object') {
    for (const [k, v] of Object.entries(src)) if (typeof v === 'string') setOwn(out, k, v);
  }
  return out;
}

export function mapTerraformResource(r: TfResource, ref: (path: JsonPathSegment[]) => Ref, estate: PlannedEstate, file: string): void {
  const v = r.values;
  const base = { key: r.address, origin: { file, line: r.position?.line ?? null, column: r.position?.column ?? null, declaredAs: r.address } };
  switch (r.type) {
    case 'aws_connect_instance': {
      const attributes: Record<string, boolean> = {};
      for (const [arg, name] of Object.entries(INSTANCE_ATTRIBUTES)) {
        const b = bool(v[arg]);
        if (b !== null) attributes[name] = b;
      }
      estate.instances.push({ ...base, id: str(v.id), arn: str(v.arn), alias: str(v.instance_alias), tags: tagsOf(v), attributes });
      return;
    }
    case 'aws_connect_instance_storage_config': {
      const sc = first(v.storage_config);
      const storageType = str(sc.storage_type) ?? 'S3';
      const s3 = first(sc.s3_config);
      const streamPath: JsonPathSegment[] =
        storageType === 'KINESIS_FIREHOSE'
          ? ['storage_config', 0, 'kinesis_firehose_config', 0, 'firehose_arn']
          : ['storage_config', 0, 'kinesis_stream_config', 0, 'stream_arn'];
      estate.storage.push({
        ...base,
        instance: ref(['instance_id']),
        resourceType: str(v.resource_type) ?? 'UNKNOWN',
        storageType,
        bucket: storageType === 'S3' ? ref(['storage_config', 0, 's3_config', 0, 'bucket_name']) : null,
        prefix: str(s3.bucket_prefix),
        kmsKey: ref(['storage_config', 0, 's3_config', 0, 'encryption_config', 0, 'key_id']),
        stream: storageType.startsWith('KINESIS') ? ref(streamPath) : null,
      });
      return;
    }
    case 'aws_connect_contact_flow':
    case 'aws_connect_contact_flow_module':
      estate.flows.push({
        ...base,
        instance: ref(['instance_id']),
        id: str(v.contact_flow_id) ?? str(v.contact_flow_module_id),
        arn: str(v.arn),
        name: str(v.name),
        type: r.type === 'aws_connect_contact_flow_module' ? 'MODULE' : (str(v.type) ?? 'CONTACT_FLOW'),
        state: null,
        content: str(v.content),
      });
      return;
    case 'aws_iam_role':
      estate.roles.push({ ...base, name: str(v.name), path: str(v.path), arn: str(v.arn), tags: tagsOf(v), trustPolicy: str(v.assume_role_policy), trustPolicyAt: r.attributeAt('assume_role_policy') });
      return;
    case 'aws_s3_bucket': {
      estate.buckets.push({ ...base, name: str(v.bucket), arn: str(v.arn), region: str(v.region), tags: tagsOf(v), creating: r.creating });
      // Provider v3 inline blocks (computed, so unknown, in v4+ plans): used when the plan knows them.
      const inlineDefault = first(first(first(v.server_side_encryption_configuration).rule).apply_server_side_encryption_by_default);
      const inlineVersioning = first(v.versioning);
      const inline: { encryption?: { algorithm: string | null; kmsKeyId: string | null }; versioning?: 'Enabled' | 'Suspended' | null } = {};
      if (str(inlineDefault.sse_algorithm) !== null) {
        inline.encryption = { algorithm: str(inlineDefault.sse_algorithm), kmsKeyId: str(inlineDefault.kms_master_key_id) };
      }
      if (typeof inlineVersioning.enabled === 'boolean') inline.versioning = inlineVersioning.enabled ? 'Enabled' : null;
      if (Object.keys(inline).length > 0) estate.bucketSettings.push({ ...base, bucket: { planned: r.address }, ...inline });
      return;
    }
    case 'aws_s3_bucket_policy':
      estate.bucketSettings.push({ ...base, bucket: ref(['bucket']), policy: str(v.policy), policyAt: r.attributeAt('policy') });
      return;
    case 'aws_s3_bucket_server_side_encryption_configuration': {
      const byDefault = first(first(v.rule).apply_server_side_encryption_by_default);
      estate.bucketSettings.push({
        ...base,
        bucket: ref(['bucket']),
        encryption: { algorithm: str(byDefault.sse_algorithm), kmsKeyId: str(byDefault.kms_master_key_id) },
      });
      return;
    }
    case 'aws_s3_bucket_public_access_block':
      estate.bucketSettings.push({
        ...base,
        bucket: ref(['bucket']),
        publicAccessBlock: {
          BlockPublicAcls: v.block_public_acls === true,
          IgnorePublicAcls: v.ignore_public_acls === true,
          BlockPublicPolicy: v.block_public_policy === true,
          RestrictPublicBuckets: v.restrict_public_buckets === true,
        },
      });
      return;
    case 'aws_s3_bucket_versioning': {
      const status = str(first(v.versioning_configuration).status);
      estate.bucketSettings.push({ ...base, bucket: ref(['bucket']), versioning: status === 'Enabled' || status === 'Suspended' ? status : null });
      return;
    }
    case 'aws_kinesis_stream':
      estate.streams.push({ ...base, name: str(v.name), arn: str(v.arn), encryption: str(v.encryption_type) });
      return;
    default:
      // The AWS-side SCV evidence (./evidence.ts); other resource types play no part in the rules.
      mapTerraformEvidence(r, ref, estate, base);
      return;
  }
}
