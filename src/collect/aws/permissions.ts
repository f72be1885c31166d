/**
 * The IAM actions behind every API operation the collectors send. docs/iam-policy.json (the
 * least-privilege read-only policy) is this table's union; a test keeps the table, the policy and
 * the operations the collectors actually send in step.
 */
import type { AwsService } from '../../config/types.js';

export type OperationKey = `${AwsService}:${string}`;

export const OPERATION_ACTIONS = {
  'sts:GetCallerIdentity': [], // needs no permission
  'organizations:ListAccounts': ['organizations:ListAccounts'],
  'organizations:ListTagsForResource': ['organizations:ListTagsForResource'],
  'organizations:DescribeOrganization': ['organizations:DescribeOrganization'],
  // Connect checks the instance directory on these two.
  'connect:ListInstances': ['connect:ListInstances', 'ds:DescribeDirectories'],
  'connect:DescribeInstance': ['connect:DescribeInstance', 'ds:DescribeDirectories'],
  'connect:ListInstanceStorageConfigs': ['connect:ListInstanceStorageConfigs'],
  'connect:ListInstanceAttributes': ['connect:ListInstanceAttributes'],
  'connect:ListContactFlows': ['connect:ListContactFlows'],
  'connect:DescribeContactFlow': ['connect:DescribeContactFlow'],
  'connect:ListContactFlowModules': ['connect:ListContactFlowModules'],
  'connect:DescribeContactFlowModule': ['connect:DescribeContactFlowModule'],
  'connect:ListLambdaFunctions': ['connect:ListLambdaFunctions'],
  'connect:ListPhoneNumbersV2': ['connect:ListPhoneNumbersV2'],
  'connect:ListIntegrationAssociations': ['connect:ListIntegrationAssociations'],
  'connect:ListApprovedOrigins': ['connect:ListApprovedOrigins'],
  'iam:ListRoles': ['iam:ListRoles'],
  'iam:ListRoleTags': ['iam:ListRoleTags'],
  'iam:ListSAMLProviders': ['iam:ListSAMLProviders'],
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:GetBucketLocation': ['s3:GetBucketLocation'],
  's3:GetBucketTagging': ['s3:GetBucketTagging'],
  's3:GetBucketPolicy': ['s3:GetBucketPolicy'],
  's3:GetPublicAccessBlock': ['s3:GetBucketPublicAccessBlock'],
  's3:GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
  's3:GetBucketVersioning': ['s3:GetBucketVersioning'],
  's3:GetBucketAcl': ['s3:GetBucketAcl'],
  's3:GetBucketOwnershipControls': ['s3:GetBucketOwnershipControls'],
  // The account-level setting: S3 Control's GetPublicAccessBlock is authorized as s3:GetAccountPublicAccessBlock.
  's3control:GetPublicAccessBlock': ['s3:GetAccountPublicAccessBlock'],
  'cloudtrail:DescribeTrails': ['cloudtrail:DescribeTrails'],
  'cloudtrail:GetTrailStatus': ['cloudtrail:GetTrailStatus'],
  'kinesis:DescribeStreamSummary': ['kinesis:DescribeStreamSummary'],
  'cloudformation:DescribeStacks': ['cloudformation:DescribeStacks'],
  'lambda:ListFunctions': ['lambda:ListFunctions'],
  'lambda:ListTags': ['lambda:ListTags'],
  'kms:DescribeKey': ['kms:DescribeKey'],
  'kms:GetKeyPolicy': ['kms:GetKeyPolicy'],
  'firehose:DescribeDeliveryStream': ['firehose:DescribeDeliveryStream'],
} as const satisfies Readonly<Record<OperationKey, readonly string[]>>;

/** An API operation the collectors send, `service:Operation`. */
export type CollectorOperation = keyof typeof OPERATION_ACTIONS;

/** Every IAM action the collectors need, sorted. */
export function requiredActions(): string[] {
  return [...new Set(Object.values(OPERATION_ACTIONS).flat())].sort();
}

/** The least-privilege policy document for the role scv-guard reads through. */
export function readOnlyPolicy(): { Version: string; Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }[] } {
  return { Version: '2012-10-17', Statement: [{ Sid: 'ScvGuardReadOnly', Effect: 'Allow', Action: requiredActions(), Resource: '*' }] };
}
