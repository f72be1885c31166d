/**
 * The shape of every AWS answer the collectors read, checked where the answer enters scv-guard.
 * The SDK passes a JSON answer through as the server sent it (a list field holding a string, an
 * `Arn` holding a number), so an answer not in the documented shape would otherwise read as
 * "nothing there". Each operation declares the fields its collector reads; an answer that breaks
 * them is an `InvalidResponse` collection error (cause invalid-response) naming the operation —
 * and through OPERATION_SECTIONS the sections it feeds — never an empty list or a dropped entry.
 */
import { breach, entryBreach, isObject, kindOf, type FieldSpecs } from '../shape.js';
import { operationKey } from './causes.js';
import type { CollectorOperation } from './permissions.js';

export interface ResponseShape {
  /** Fields of the answer itself. */
  fields?: FieldSpecs;
  /**
   * The list an answer carries (a page of a paginated list, or the whole list): the field holding
   * it (absent = empty), what one entry is called (with its article), and what each entry must
   * hold — the fields of an object, or `string` for a list of strings.
   */
  entries?: { field: string; entry: string; item: FieldSpecs | 'string' };
}

const TAG: FieldSpecs = { Key: 'string', Value: 'string?' };
/** S3 answers all four settings; a configuration without one would read as "off", so it must be there. */
const PUBLIC_ACCESS_BLOCK: FieldSpecs = {
  PublicAccessBlockConfiguration: 'object',
  'PublicAccessBlockConfiguration.BlockPublicAcls': 'boolean',
  'PublicAccessBlockConfiguration.IgnorePublicAcls': 'boolean',
  'PublicAccessBlockConfiguration.BlockPublicPolicy': 'boolean',
  'PublicAccessBlockConfiguration.RestrictPublicBuckets': 'boolean',
};

/** Every operation the collectors send, with what its answer must hold (the type requires an entry for each). */
export const RESPONSE_SHAPES: Readonly<Record<CollectorOperation, ResponseShape>> = {
  'sts:GetCallerIdentity': { fields: { Account: 'string' } },
  'organizations:ListAccounts': { entries: { field: 'Accounts', entry: 'an account', item: { Id: 'string', Name: 'string?', State: 'string?', Status: 'string?' } } },
  'organizations:ListTagsForResource': { entries: { field: 'Tags', entry: 'a tag', item: TAG } },
  'organizations:DescribeOrganization': { fields: { Organization: 'object', 'Organization.Id': 'string', 'Organization.MasterAccountId': 'string?' } },
  'connect:ListInstances': { entries: { field: 'InstanceSummaryList', entry: 'an instance summary', item: { Id: 'string', Arn: 'string', InstanceAlias: 'string?' } } },
  'connect:DescribeInstance': {
    fields: {
      Instance: 'object',
      'Instance.InstanceAlias': 'string?',
      'Instance.InstanceStatus': 'string?',
      'Instance.CreatedTime': 'date?',
      'Instance.Tags': 'string-map?',
      'Instance.ServiceRole': 'string?',
    },
  },
  'connect:ListInstanceStorageConfigs': {
    entries: {
      field: 'StorageConfigs',
      entry: 'a storage config',
      item: {
        StorageType: 'string',
        S3Config: 'object?',
        'S3Config.BucketName': 'string',
        'S3Config.BucketPrefix': 'string?',
        'S3Config.EncryptionConfig': 'object?',
        'S3Config.EncryptionConfig.KeyId': 'string?',
        KinesisStreamConfig: 'object?',
        'KinesisStreamConfig.StreamArn': 'string',
        KinesisFirehoseConfig: 'object?',
        'KinesisFirehoseConfig.FirehoseArn': 'string',
        KinesisVideoStreamConfig: 'object?',
        'KinesisVideoStreamConfig.Prefix': 'string?',
        'KinesisVideoStreamConfig.RetentionPeriodHours': 'number?',
        'KinesisVideoStreamConfig.EncryptionConfig': 'object?',
        'KinesisVideoStreamConfig.EncryptionConfig.KeyId': 'string?',
      },
    },
  },
  'connect:ListInstanceAttributes': { entries: { field: 'Attributes', entry: 'an attribute', item: { AttributeType: 'string', Value: 'string?' } } },
  'connect:ListContactFlows': {
    entries: {
      field: 'ContactFlowSummaryList',
      entry: 'a flow summary',
      item: { Id: 'string', Arn: 'string', Name: 'string?', ContactFlowType: 'string?', ContactFlowState: 'string?', ContactFlowStatus: 'string?' },
    },
  },
  'connect:DescribeContactFlow': { fields: { ContactFlow: 'object', 'ContactFlow.Content': 'string?', 'ContactFlow.Name': 'string?', 'ContactFlow.Type': 'string?', 'ContactFlow.State': 'string?' } },
  'connect:ListContactFlowModules': {
    entries: { field: 'ContactFlowModulesSummaryList', entry: 'a flow module summary', item: { Id: 'string', Arn: 'string', Name: 'string?', State: 'string?' } },
  },
  'connect:DescribeContactFlowModule': { fields: { ContactFlowModule: 'object', 'ContactFlowModule.Content': 'string?', 'ContactFlowModule.Name': 'string?', 'ContactFlowModule.State': 'string?' } },
  'connect:ListLambdaFunctions': { entries: { field: 'LambdaFunctions', entry: 'a function ARN', item: 'string' } },
  'connect:ListPhoneNumbersV2': {
    entries: { field: 'ListPhoneNumbersSummaryList', entry: 'a phone number', item: { PhoneNumber: 'string', PhoneNumberType: 'string?', PhoneNumberArn: 'string?' } },
  },
  'connect:ListIntegrationAssociations': {
    entries: {
      field: 'IntegrationAssociationSummaryList',
      entry: 'an integration association',
      item: { IntegrationType: 'string', SourceType: 'string?', IntegrationArn: 'string?', SourceApplicationUrl: 'string?' },
    },
  },
  'connect:ListApprovedOrigins': { entries: { field: 'Origins', entry: 'an origin', item: 'string' } },
  'iam:ListRoles': { entries: { field: 'Roles', entry: 'a role', item: { Arn: 'string', RoleName: 'string', Path: 'string?', AssumeRolePolicyDocument: 'string?' } } },
  'iam:ListRoleTags': { entries: { field: 'Tags', entry: 'a tag', item: TAG } },
  'iam:ListSAMLProviders': { entries: { field: 'SAMLProviderList', entry: 'a SAML provider', item: { Arn: 'string' } } },
  's3:ListBuckets': { entries: { field: 'Buckets', entry: 'a bucket', item: { Name: 'string' } } },
  's3:GetBucketLocation': { fields: { LocationConstraint: 'string?' } },
  's3:GetBucketTagging': { entries: { field: 'TagSet', entry: 'a tag', item: TAG } },
  's3:GetBucketPolicy': { fields: { Policy: 'string' } },
  's3:GetPublicAccessBlock': { fields: PUBLIC_ACCESS_BLOCK },
  's3:GetBucketEncryption': {
    fields: {
      ServerSideEncryptionConfiguration: 'object',
      'ServerSideEncryptionConfiguration.Rules': 'object[]',
    },
  },
  's3:GetBucketVersioning': { fields: { Status: 'string?' } },
  's3:GetBucketAcl': {
    fields: { Owner: 'object?', 'Owner.ID': 'string?' },
    entries: { field: 'Grants', entry: 'a grant', item: { Grantee: 'object', 'Grantee.Type': 'string', 'Grantee.ID': 'string?', 'Grantee.URI': 'string?', Permission: 'string' } },
  },
  's3:GetBucketOwnershipControls': { fields: { OwnershipControls: 'object', 'OwnershipControls.Rules': 'object[]' } },
  's3control:GetPublicAccessBlock': { fields: PUBLIC_ACCESS_BLOCK },
  'cloudtrail:DescribeTrails': {
    entries: { field: 'trailList', entry: 'a trail', item: { Name: 'string', TrailARN: 'string', IsMultiRegionTrail: 'boolean?', IsOrganizationTrail: 'boolean?' } },
  },
  'cloudtrail:GetTrailStatus': { fields: { IsLogging: 'boolean' } },
  'kinesis:DescribeStreamSummary': { fields: { StreamDescriptionSummary: 'object', 'StreamDescriptionSummary.StreamName': 'string', 'StreamDescriptionSummary.EncryptionType': 'string?' } },
  'cloudformation:DescribeStacks': {
    entries: {
      field: 'Stacks',
      entry: 'a stack',
      item: { StackId: 'string', StackName: 'string', StackStatus: 'string?', Parameters: 'object[]?', Outputs: 'object[]?', Tags: 'object[]?' },
    },
  },
  'lambda:ListFunctions': {
    entries: {
      field: 'Functions',
      entry: 'a function',
      item: { FunctionArn: 'string', FunctionName: 'string', Role: 'string?', Runtime: 'string?', Environment: 'object?', 'Environment.Variables': 'string-map?', 'Environment.Error': 'object?' },
    },
  },
  'lambda:ListTags': { fields: { Tags: 'string-map?' } },
  'kms:DescribeKey': { fields: { KeyMetadata: 'object', 'KeyMetadata.Arn': 'string', 'KeyMetadata.KeyId': 'string', 'KeyMetadata.AWSAccountId': 'string?' } },
  'kms:GetKeyPolicy': { fields: { Policy: 'string' } },
  'firehose:DescribeDeliveryStream': {
    fields: {
      DeliveryStreamDescription: 'object',
      'DeliveryStreamDescription.Destinations': 'object[]',
      'DeliveryStreamDescription.Source': 'object?',
      'DeliveryStreamDescription.DeliveryStreamEncryptionConfiguration': 'object?',
      'DeliveryStreamDescription.DeliveryStreamEncryptionConfiguration.KeyType': 'string?',
      'DeliveryStreamDescription.DeliveryStreamEncryptionConfiguration.KeyARN': 'string?',
    },
  },
};

/** An AWS answer not in the shape AWS documents (cause `invalid-response`). */
export function invalidResponse(message: string): Error {
  const err = new Error(message);
  err.name = 'InvalidResponse';
  return err;
}

/** The answer with the entries its shape keeps, and the message naming the entries it left out (null: none). */
export interface CheckedAnswer<T> {
  answer: T;
  leftOut: string | null;
}

/**
 * Checks an answer of `operation` against its shape. A field of the answer itself that breaks it,
 * or a list that is not a list, throws an InvalidResponse error (nothing of the answer can be
 * trusted). Entries that break it are left out of the answer and named in `leftOut` (the caller
 * records it as an error); the well-formed entries beside them are kept.
 */
export function checkAnswer<T>(operation: string, answer: T): CheckedAnswer<T> {
  const key = operationKey(operation);
  const shape = key && key in RESPONSE_SHAPES ? RESPONSE_SHAPES[key as CollectorOperation] : undefined;
  if (!shape) return { answer, leftOut: null };
  if (!isObject(answer)) throw invalidResponse(`${operation} answered with ${kindOf(answer)}, not an object`);
  const b = shape.fields ? breach(answer, shape.fields) : null;
  if (b) throw invalidResponse(b.missing ? `${operation} answered without ${b.path} (expected ${b.expected})` : `${operation} answered with ${b.path} that is ${b.found}, not ${b.expected}`);
  const entries = shape.entries;
  if (!entries) return { answer, leftOut: null };
  const listed = answer[entries.field];
  if (listed === undefined || listed === null) return { answer, leftOut: null };
  if (!Array.isArray(listed)) throw invalidResponse(`${operation} answered with ${entries.field} that is ${kindOf(listed)}, not a list`);
  const problems = listed.map((entry) => entryBreach(entry, entries.item));
  const first = problems.findIndex((p) => p !== null);
  if (first < 0) return { answer, leftOut: null };
  const more = problems.filter((p) => p !== null).length - 1;
  const kept = listed.filter((_, i) => problems[i] === null);
  return {
    answer: { ...answer, [entries.field]: kept },
    leftOut: `${operation} answered with ${entries.entry} ${problems[first]}${more > 0 ? ` (and ${more} more malformed)` : ''}; left out`,
  };
}
