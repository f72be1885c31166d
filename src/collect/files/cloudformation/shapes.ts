/**
 * The property types the CloudFormation reader relies on, per resource type it reads (the
 * CloudFormation resource specification for those properties), checked after intrinsic functions
 * are evaluated. A resource of such a type whose property has another type is an error naming the
 * file, the line, the property path and what was expected — never a resource dropped, or read as
 * if the property were absent, and with it the findings it would raise.
 *
 * What CloudFormation itself accepts is accepted: a number or boolean for a String property (it
 * converts them), `"true"`/`"false"` for a Boolean, a numeric string for a Number, a JSON string
 * or an object for a Json property (policy documents, flow content). A value not known before
 * deploy (a parameter without a value, `Fn::GetAtt`, a `Ref` to a resource) is never an error.
 * Properties the reader does not read and types it does not read are not checked.
 */
import { ScvGuardError } from '../../../errors.js';
import { jsonPathText, type JsonPathSegment } from '../../../input/json.js';
import { valueText } from '../../shape.js';
import type { Resolved } from './evaluate.js';

type Scalar = 'string' | 'boolean' | 'number';
type PropertyShape =
  | Scalar
  | 'string[]'
  /** A string or a list of strings (policy Action, Resource). */
  | 'strings'
  /** A Json property: an object, or the JSON text of one. */
  | 'json'
  | 'policy'
  /** `*` or an object of principal lists. */
  | 'principal'
  /** `[{Key, Value}]`, as AWS::* resources take tags. */
  | 'tag-list'
  | 'string-map'
  | 'object'
  | { object: Properties }
  | { list: Properties }
  /** An object or a list of them (a policy's Statement). */
  | { oneOrList: Properties };
type Properties = Readonly<Record<string, PropertyShape>>;

const STATEMENT: Properties = {
  Sid: 'string',
  Effect: 'string',
  Action: 'strings',
  NotAction: 'strings',
  Resource: 'strings',
  NotResource: 'strings',
  Principal: 'principal',
  NotPrincipal: 'principal',
  Condition: 'object',
};
const POLICY: Properties = { Version: 'string', Id: 'string', Statement: { oneOrList: STATEMENT } };
const TAGS: Properties = { Tags: 'tag-list' };

const CONNECT_INSTANCE_ATTRIBUTES = [
  'ContactflowLogs', 'ContactLens', 'InboundCalls', 'OutboundCalls', 'EarlyMedia', 'AutoResolveBestVoices',
  'UseCustomTTSVoices', 'MultiPartyConference', 'HighVolumeOutBound', 'EnhancedContactMonitoring', 'EnhancedChatMonitoring',
] as const;
const FLOW: Properties = { InstanceArn: 'string', Name: 'string', State: 'string', Content: 'json', ...TAGS };
const S3_DESTINATION: Properties = { BucketARN: 'string', RoleARN: 'string', Prefix: 'string' };

export const CLOUDFORMATION_PROPERTY_SHAPES: Readonly<Record<string, Properties>> = {
  'AWS::Connect::Instance': {
    InstanceAlias: 'string',
    IdentityManagementType: 'string',
    Attributes: { object: Object.fromEntries(CONNECT_INSTANCE_ATTRIBUTES.map((a) => [a, 'boolean'])) },
    ...TAGS,
  },
  'AWS::Connect::InstanceStorageConfig': {
    InstanceArn: 'string',
    ResourceType: 'string',
    StorageType: 'string',
    S3Config: { object: { BucketName: 'string', BucketPrefix: 'string', EncryptionConfig: { object: { EncryptionType: 'string', KeyId: 'string' } } } },
    KinesisStreamConfig: { object: { StreamArn: 'string' } },
    KinesisFirehoseConfig: { object: { FirehoseArn: 'string' } },
    KinesisVideoStreamConfig: { object: { Prefix: 'string', RetentionPeriodHours: 'number', EncryptionConfig: { object: { EncryptionType: 'string', KeyId: 'string' } } } },
  },
  'AWS::Connect::ContactFlow': { ...FLOW, Type: 'string', Description: 'string' },
  'AWS::Connect::ContactFlowModule': { ...FLOW, Description: 'string' },
  'AWS::Connect::ApprovedOrigin': { InstanceId: 'string', Origin: 'string' },
  'AWS::Connect::IntegrationAssociation': { InstanceId: 'string', IntegrationType: 'string', IntegrationArn: 'string' },
  'AWS::IAM::Role': {
    RoleName: 'string',
    Path: 'string',
    AssumeRolePolicyDocument: 'policy',
    Policies: { list: { PolicyName: 'string', PolicyDocument: 'policy' } },
    ManagedPolicyArns: 'string[]',
    PermissionsBoundary: 'string',
    MaxSessionDuration: 'number',
    ...TAGS,
  },
  'AWS::IAM::SAMLProvider': { Name: 'string', SamlMetadataDocument: 'string', ...TAGS },
  'Custom::IdentityProvider': { Name: 'string' },
  'AWS::S3::Bucket': {
    BucketName: 'string',
    AccessControl: 'string',
    BucketEncryption: {
      object: {
        ServerSideEncryptionConfiguration: {
          list: { ServerSideEncryptionByDefault: { object: { SSEAlgorithm: 'string', KMSMasterKeyID: 'string' } }, BucketKeyEnabled: 'boolean' },
        },
      },
    },
    PublicAccessBlockConfiguration: { object: { BlockPublicAcls: 'boolean', IgnorePublicAcls: 'boolean', BlockPublicPolicy: 'boolean', RestrictPublicBuckets: 'boolean' } },
    VersioningConfiguration: { object: { Status: 'string' } },
    OwnershipControls: { object: { Rules: { list: { ObjectOwnership: 'string' } } } },
    ...TAGS,
  },
  'AWS::S3::BucketPolicy': { Bucket: 'string', PolicyDocument: 'policy' },
  'AWS::Kinesis::Stream': { Name: 'string', ShardCount: 'number', RetentionPeriodHours: 'number', StreamEncryption: { object: { EncryptionType: 'string', KeyId: 'string' } }, ...TAGS },
  'AWS::Lambda::Function': {
    FunctionName: 'string',
    Role: 'string',
    Runtime: 'string',
    Handler: 'string',
    MemorySize: 'number',
    Timeout: 'number',
    Environment: { object: { Variables: 'string-map' } },
    ...TAGS,
  },
  'AWS::Serverless::Function': {
    FunctionName: 'string',
    Role: 'string',
    RolePath: 'string',
    Runtime: 'string',
    Handler: 'string',
    AssumeRolePolicyDocument: 'policy',
    Environment: { object: { Variables: 'string-map' } },
    // SAM takes tags as a map.
    Tags: 'string-map',
  },
  'AWS::KMS::Key': { Description: 'string', Enabled: 'boolean', EnableKeyRotation: 'boolean', KeyPolicy: 'policy', ...TAGS },
  'AWS::KinesisFirehose::DeliveryStream': {
    DeliveryStreamName: 'string',
    DeliveryStreamType: 'string',
    KinesisStreamSourceConfiguration: { object: { KinesisStreamARN: 'string', RoleARN: 'string' } },
    DeliveryStreamEncryptionConfigurationInput: { object: { KeyType: 'string', KeyARN: 'string' } },
    ExtendedS3DestinationConfiguration: { object: S3_DESTINATION },
    S3DestinationConfiguration: { object: S3_DESTINATION },
    IcebergDestinationConfiguration: { object: { S3Configuration: { object: S3_DESTINATION } } },
    RedshiftDestinationConfiguration: { object: { ClusterJDBCURL: 'string' } },
    AmazonopensearchserviceDestinationConfiguration: { object: { DomainARN: 'string', ClusterEndpoint: 'string' } },
    ElasticsearchDestinationConfiguration: { object: { DomainARN: 'string', ClusterEndpoint: 'string' } },
    AmazonOpenSearchServerlessDestinationConfiguration: { object: { CollectionEndpoint: 'string' } },
    SplunkDestinationConfiguration: { object: { HECEndpoint: 'string' } },
    HttpEndpointDestinationConfiguration: { object: { EndpointConfiguration: { object: { Url: 'string' } } } },
    SnowflakeDestinationConfiguration: { object: { AccountUrl: 'string' } },
  },
};

const isRefValue = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { ref?: unknown }).ref === 'string' && Object.keys(v).length === 1;
const isMap = (v: unknown): v is Record<string, Resolved> => v !== null && typeof v === 'object' && !Array.isArray(v) && !isRefValue(v);
/** Not known before deploy: a parameter without a value, a resource's Ref or attribute. */
const unknown = (v: unknown): boolean => v === null || isRefValue(v);

function expected(shape: PropertyShape): string {
  if (typeof shape === 'object') return 'object' in shape ? 'an object' : 'list' in shape ? 'a list of objects' : 'an object or a list of objects';
  switch (shape) {
    case 'string[]':
      return 'a list of strings';
    case 'strings':
      return 'a string or a list of strings';
    case 'json':
      return 'an object or a JSON string';
    case 'policy':
      return 'a policy document (an object or a JSON string)';
    case 'principal':
      return '"*" or an object of principals';
    case 'tag-list':
      return 'a list of tags ({Key, Value})';
    case 'string-map':
      return 'a map of strings';
    case 'object':
      return 'an object';
    default:
      return `a ${shape}`;
  }
}

/** A scalar as CloudFormation converts it for a property of that type. */
function scalarHolds(shape: Scalar, v: Resolved): boolean {
  switch (shape) {
    case 'string':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    case 'boolean':
      return typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v));
    case 'number':
      return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
  }
}

export type PropertyLocator = (path: readonly JsonPathSegment[]) => number | null;

/**
 * Checks the evaluated properties of one resource of a type the reader knows. `path` is where the
 * resource's Properties are in the template (`$.Resources.Role.Properties`); `lineOf` gives the
 * line of a path as far as the template has it.
 */
export function checkTemplateProperties(
  type: string,
  logicalId: string,
  properties: Readonly<Record<string, Resolved>>,
  path: readonly JsonPathSegment[],
  file: string,
  lineOf: PropertyLocator,
): void {
  if (!Object.hasOwn(CLOUDFORMATION_PROPERTY_SHAPES, type)) return;
  const fail = (at: JsonPathSegment[], shape: PropertyShape, got: unknown): never => {
    const line = lineOf(at);
    throw new ScvGuardError('input-schema', `resource ${logicalId} (${type}): expected ${expected(shape)}, got ${valueText(got)}`, {
      file,
      path: jsonPathText(at),
      ...(line !== null ? { line } : {}),
    });
  };
  const each = (values: Readonly<Record<string, Resolved>>, props: Properties, at: JsonPathSegment[]): void => {
    for (const [name, shape] of Object.entries(props)) {
      if (Object.hasOwn(values, name)) check(values[name]!, shape, [...at, name]);
    }
  };
  const check = (v: Resolved, shape: PropertyShape, at: JsonPathSegment[]): void => {
    if (unknown(v)) return;
    if (typeof shape === 'object') {
      if ('object' in shape) {
        if (!isMap(v)) fail(at, shape, v);
        return each(v as Record<string, Resolved>, shape.object, at);
      }
      const listed = 'list' in shape ? shape.list : shape.oneOrList;
      if (isMap(v) && 'oneOrList' in shape) return each(v, listed, at);
      if (!Array.isArray(v)) return fail(at, shape, v);
      return v.forEach((item, i) => {
        if (unknown(item)) return;
        if (!isMap(item)) fail([...at, i], { object: listed }, item);
        each(item as Record<string, Resolved>, listed, [...at, i]);
      });
    }
    switch (shape) {
      case 'string':
      case 'boolean':
      case 'number':
        if (!scalarHolds(shape, v)) fail(at, shape, v);
        return;
      case 'string[]':
      case 'strings':
        if (shape === 'strings' && scalarHolds('string', v)) return;
        if (!Array.isArray(v)) return fail(at, shape, v);
        return v.forEach((item, i) => {
          if (!unknown(item) && !scalarHolds('string', item)) fail([...at, i], 'string', item);
        });
      case 'json':
        if (typeof v !== 'string' && !isMap(v)) fail(at, shape, v);
        return;
      case 'policy':
        if (typeof v === 'string') return;
        if (!isMap(v)) return fail(at, shape, v);
        return each(v, POLICY, at);
      case 'principal':
        if (v === '*') return;
        if (!isMap(v)) return fail(at, shape, v);
        return each(v, Object.fromEntries(Object.keys(v).map((k) => [k, 'strings' as const])), at);
      case 'tag-list':
        if (!Array.isArray(v)) return fail(at, shape, v);
        return v.forEach((tag, i) => {
          if (unknown(tag)) return;
          if (!isMap(tag)) fail([...at, i], { object: { Key: 'string', Value: 'string' } }, tag);
          each(tag as Record<string, Resolved>, { Key: 'string', Value: 'string' }, [...at, i]);
        });
      case 'string-map':
        if (!isMap(v)) return fail(at, shape, v);
        return each(v, Object.fromEntries(Object.keys(v).map((k) => [k, 'string' as const])), at);
      case 'object':
        if (!isMap(v)) fail(at, shape, v);
        return;
    }
  };
  each(properties, CLOUDFORMATION_PROPERTY_SHAPES[type]!, [...path]);
}
