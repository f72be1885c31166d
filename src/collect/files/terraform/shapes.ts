/**
 * The attribute types the Terraform reader relies on, per resource type it reads (the hashicorp/aws
 * provider's schema for those attributes). A plan entry of such a type whose `change.after` is not
 * an object, or whose attribute has another type, is an error naming the file, the JSON path and
 * what was expected — never an entry dropped or read as "not known". `null` and an absent
 * attribute (known only after apply) stay "not known".
 */
import { ScvGuardError } from '../../../errors.js';
import { jsonPathText, type JsonPathSegment } from '../../../input/json.js';
import { valueText } from '../../shape.js';
import { isRecord } from '../../../plain-objects.js';

/** A scalar type, a map of strings, or a nested block (a list of objects in plan JSON). */
type Shape = 'string' | 'boolean' | 'number' | 'string-map' | { block: Attributes };
type Attributes = Readonly<Record<string, Shape>>;

const TAGS: Attributes = { tags: 'string-map', tags_all: 'string-map' };
const ENCRYPTION_BY_DEFAULT: Attributes = {
  rule: { block: { apply_server_side_encryption_by_default: { block: { sse_algorithm: 'string', kms_master_key_id: 'string' } } } },
};

export const TERRAFORM_ATTRIBUTE_SHAPES: Readonly<Record<string, Attributes>> = {
  aws_connect_instance: {
    id: 'string',
    arn: 'string',
    instance_alias: 'string',
    contact_flow_logs_enabled: 'boolean',
    contact_lens_enabled: 'boolean',
    inbound_calls_enabled: 'boolean',
    outbound_calls_enabled: 'boolean',
    early_media_enabled: 'boolean',
    auto_resolve_best_voices_enabled: 'boolean',
    multi_party_conference_enabled: 'boolean',
    ...TAGS,
  },
  aws_connect_instance_storage_config: {
    instance_id: 'string',
    resource_type: 'string',
    storage_config: {
      block: {
        storage_type: 'string',
        s3_config: { block: { bucket_name: 'string', bucket_prefix: 'string', encryption_config: { block: { key_id: 'string', encryption_type: 'string' } } } },
        kinesis_stream_config: { block: { stream_arn: 'string' } },
        kinesis_firehose_config: { block: { firehose_arn: 'string' } },
      },
    },
  },
  aws_connect_contact_flow: { instance_id: 'string', contact_flow_id: 'string', arn: 'string', name: 'string', type: 'string', content: 'string', ...TAGS },
  aws_connect_contact_flow_module: { instance_id: 'string', contact_flow_module_id: 'string', arn: 'string', name: 'string', content: 'string', ...TAGS },
  aws_iam_role: { name: 'string', path: 'string', arn: 'string', assume_role_policy: 'string', ...TAGS },
  aws_s3_bucket: {
    bucket: 'string',
    arn: 'string',
    region: 'string',
    server_side_encryption_configuration: { block: ENCRYPTION_BY_DEFAULT },
    versioning: { block: { enabled: 'boolean' } },
    ...TAGS,
  },
  aws_s3_bucket_policy: { bucket: 'string', policy: 'string' },
  aws_s3_bucket_server_side_encryption_configuration: { bucket: 'string', ...ENCRYPTION_BY_DEFAULT },
  aws_s3_bucket_public_access_block: {
    bucket: 'string',
    block_public_acls: 'boolean',
    ignore_public_acls: 'boolean',
    block_public_policy: 'boolean',
    restrict_public_buckets: 'boolean',
  },
  aws_s3_bucket_versioning: { bucket: 'string', versioning_configuration: { block: { status: 'string' } } },
  aws_kinesis_stream: { name: 'string', arn: 'string', encryption_type: 'string', ...TAGS },
};

function expected(shape: Shape): string {
  if (shape === 'string-map') return 'a map of strings';
  if (typeof shape === 'object') return 'a list of blocks (objects)';
  return `a ${shape}`;
}

/**
 * Checks the values of one plan entry of a type the reader knows; `path` is the JSON path of
 * `values` in the plan (`resource_changes[3].change.after`). Unknown types are not checked.
 */
export function checkTerraformValues(type: string, values: unknown, path: readonly JsonPathSegment[], file: string, lineOf: (path: JsonPathSegment[]) => number | null): void {
  const attributes = Object.prototype.hasOwnProperty.call(TERRAFORM_ATTRIBUTE_SHAPES, type) ? TERRAFORM_ATTRIBUTE_SHAPES[type]! : undefined;
  if (attributes === undefined) return;
  const fail = (at: JsonPathSegment[], message: string): never => {
    const line = lineOf(at);
    throw new ScvGuardError('input-schema', `${type}: ${message}`, { file, path: jsonPathText(at), ...(line !== null ? { line } : {}) });
  };
  const check = (value: unknown, attrs: Attributes, at: JsonPathSegment[]): void => {
    if (!isRecord(value)) return fail(at, `expected an object of attributes, got ${valueText(value)}`);
    for (const [name, shape] of Object.entries(attrs)) {
      const v = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
      if (v === undefined || v === null) continue;
      const here = [...at, name];
      if (shape === 'string-map') {
        if (!isRecord(v)) fail(here, `expected ${expected(shape)}, got ${valueText(v)}`);
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== null && typeof x !== 'string') fail([...here, k], `expected a string, got ${valueText(x)}`);
      } else if (typeof shape === 'object') {
        if (!Array.isArray(v)) fail(here, `expected ${expected(shape)}, got ${valueText(v)}`);
        (v as unknown[]).forEach((item, i) => check(item, shape.block, [...here, i]));
      } else if (typeof v !== shape) {
        fail(here, `expected ${expected(shape)}, got ${valueText(v)}`);
      }
    }
  };
  check(values, attributes, [...path]);
}
