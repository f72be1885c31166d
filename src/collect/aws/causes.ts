/**
 * What a failed AWS call means: the inventory sections each operation fills in (one table,
 * operation → sections; a failed call leaves them incomplete), and the cause of a failure with
 * the remediation for it — the permission from docs/iam-policy.json, the host, the role and its
 * trust policy, the credential source, the retry and concurrency settings.
 */
import type { AwsAccountConfig, AwsService } from '../../config/types.js';
import { RECORD_SECTIONS } from '../../inventory/sections.js';
import type { CollectionErrorCause } from '../../inventory/types.js';
import { OPERATION_ACTIONS, type CollectorOperation } from './permissions.js';

/** Operations the collectors record that are not API calls of their own (credential resolution). */
export const CREDENTIAL_OPERATIONS = {
  assumeRole: 'sts:AssumeRole',
  resolve: 'sts:ResolveCredentials',
} as const;

/** An operation a collection error can name: an API call, or one of the credential steps. */
export type RecordedOperation = CollectorOperation | (typeof CREDENTIAL_OPERATIONS)[keyof typeof CREDENTIAL_OPERATIONS];

/**
 * The inventory sections each operation fills in: when it fails, rules reading them are
 * incomplete. Every operation of OPERATION_ACTIONS must have an entry (the type says so; a test
 * denies each call the collectors send and checks the sections its error names).
 */
export const OPERATION_SECTIONS: Readonly<Record<RecordedOperation, readonly string[]>> = {
  [CREDENTIAL_OPERATIONS.assumeRole]: [RECORD_SECTIONS.aws],
  [CREDENTIAL_OPERATIONS.resolve]: [RECORD_SECTIONS.aws],
  'sts:GetCallerIdentity': [RECORD_SECTIONS.aws],
  'organizations:ListAccounts': [RECORD_SECTIONS.aws],
  'organizations:ListTagsForResource': ['aws.tags'],
  'organizations:DescribeOrganization': ['aws.organization'],
  'connect:ListInstances': ['aws.connectInstances'],
  // The instance record itself: alias, status, creation time, tags and the environment they give, serviceRole.
  'connect:DescribeInstance': ['aws.connectInstances'],
  'connect:ListInstanceStorageConfigs': ['aws.connectInstances.storage'],
  'connect:ListInstanceAttributes': ['aws.connectInstances.attributes'],
  'connect:ListContactFlows': ['aws.connectInstances.flows'],
  'connect:DescribeContactFlow': ['aws.connectInstances.flows'],
  'connect:ListContactFlowModules': ['aws.connectInstances.flows'],
  'connect:DescribeContactFlowModule': ['aws.connectInstances.flows'],
  'connect:ListLambdaFunctions': ['aws.connectInstances.lambdaFunctions'],
  'connect:ListPhoneNumbersV2': ['aws.connectInstances.phoneNumbers'],
  'connect:ListIntegrationAssociations': ['aws.connectInstances.integrations'],
  'connect:ListApprovedOrigins': ['aws.connectInstances.approvedOrigins'],
  'iam:ListRoles': ['aws.iamRoles'],
  'iam:ListRoleTags': ['aws.iamRoles.tags'],
  'iam:ListSAMLProviders': ['aws.samlProviders'],
  's3:ListBuckets': ['aws.s3Buckets'],
  's3:GetBucketLocation': ['aws.s3Buckets.region'],
  's3:GetBucketTagging': ['aws.s3Buckets.tags'],
  's3:GetBucketPolicy': ['aws.s3Buckets.policy'],
  's3:GetPublicAccessBlock': ['aws.s3Buckets.publicAccessBlock'],
  's3:GetBucketEncryption': ['aws.s3Buckets.encryption'],
  's3:GetBucketVersioning': ['aws.s3Buckets.versioning'],
  's3:GetBucketAcl': ['aws.s3Buckets.acl'],
  's3:GetBucketOwnershipControls': ['aws.s3Buckets.objectOwnership'],
  's3control:GetPublicAccessBlock': ['aws.s3PublicAccessBlock'],
  'cloudtrail:DescribeTrails': ['aws.cloudTrail'],
  'cloudtrail:GetTrailStatus': ['aws.cloudTrail'],
  'kinesis:DescribeStreamSummary': ['aws.kinesisStreams'],
  'cloudformation:DescribeStacks': ['aws.cloudFormationStacks'],
  // A function's environment variables that Lambda could not decrypt are recorded as a failed ListFunctions too.
  'lambda:ListFunctions': ['aws.lambdaFunctions'],
  // The tags give the function's environment.
  'lambda:ListTags': ['aws.lambdaFunctions.tags', 'aws.lambdaFunctions.environment'],
  // A key that could not be described is left out (a key ARN is still recorded, without its policy).
  'kms:DescribeKey': ['aws.kmsKeys'],
  'kms:GetKeyPolicy': ['aws.kmsKeys.policy'],
  'firehose:DescribeDeliveryStream': ['aws.firehoseStreams'],
};

const OPERATIONS = Object.keys(OPERATION_SECTIONS) as RecordedOperation[];

/**
 * `service:Operation` of an operation name as the collectors record it (`ListRoles` →
 * `iam:ListRoles`). A name two services share (`GetPublicAccessBlock` of S3 and S3 Control) is
 * recorded with its service and resolves only so.
 */
export function operationKey(operation: string): RecordedOperation | undefined {
  if (operation.includes(':')) return (OPERATIONS as string[]).includes(operation) ? (operation as RecordedOperation) : undefined;
  const matches = OPERATIONS.filter((k) => k.slice(k.indexOf(':') + 1) === operation);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The sections a failed operation leaves unread; an operation the table does not know leaves the account unread. */
export function sectionsOf(operation: string): string[] {
  const key = operationKey(operation);
  return [...(key ? OPERATION_SECTIONS[key] : [RECORD_SECTIONS.aws])];
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden', 'HTTP403', 'AuthorizationErrorException']);
const THROTTLED = new Set([
  'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown',
  'ProvisionedThroughputExceededException', 'RequestThrottled', 'RequestThrottledException', 'LimitExceededException', 'HTTP429',
]);
const CREDENTIAL_CODES = new Set([
  'CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'UnrecognizedClientException',
  'SignatureDoesNotMatch', 'InvalidAccessKeyId', 'IncompleteSignature', 'InvalidSignatureException', 'MissingAuthenticationToken',
  'TokenRefreshRequired', 'AccountMismatch', 'NoCredentials',
]);
const NETWORK_CODES = new Set([
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EPROTO',
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN',
]);
const NOT_FOUND = /^(NoSuch|ResourceNotFound|NotFound|.*NotFoundException$)/;
const INVALID_RESPONSE = new Set(['InvalidPolicyDocument', 'InvalidFlowContent', 'MissingFlowContent', 'InvalidResponse', 'Deserialization', 'UnknownObjectOwnership']);

/** What the classification may name besides the error: the account's config and the endpoints in use. */
export interface ErrorContext {
  account?: AwsAccountConfig;
  endpoints?: Partial<Record<AwsService, string>>;
  /** Attempts per call, retries included (the SDK default is 3). */
  maxAttempts?: number;
}

/** Where the account's credentials come from, as the config says it. */
export function credentialSource(account: AwsAccountConfig | undefined): string {
  if (account?.profile) return `AWS profile "${account.profile}"`;
  return 'the default AWS credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws, SSO, the instance or task role)';
}

function hostOf(err: unknown, service: AwsService | undefined, ctx: ErrorContext): string {
  const e = (err ?? {}) as { hostname?: unknown; host?: unknown; address?: unknown; message?: unknown };
  for (const v of [e.hostname, e.host]) if (typeof v === 'string' && v) return v;
  const fromMessage = typeof e.message === 'string' ? /(?:getaddrinfo \w+|connect \w+) ([\w.-]+)/.exec(e.message)?.[1] : undefined;
  if (fromMessage) return fromMessage;
  const endpoint = service ? ctx.endpoints?.[service] : undefined;
  if (endpoint) {
    try {
      return new URL(endpoint).host;
    } catch {
      return endpoint;
    }
  }
  return service ? `the ${service} endpoint of the region` : 'the AWS endpoint';
}

function isNetwork(code: string, err: unknown): boolean {
  if (NETWORK_CODES.has(code) || code.startsWith('ERR_HTTP2') || code.startsWith('UND_ERR')) return true;
  const message = err instanceof Error ? err.message : '';
  return /socket hang up|getaddrinfo|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|timed out|HTTP\/2|protocol error/i.test(message);
}

export interface Classification {
  cause: CollectionErrorCause;
  remediation: string;
}

/** The cause of a failed call and what the user should do, naming the permission, host, role or credential source. */
export function classifyAwsError(operation: string, code: string, err: unknown, ctx: ErrorContext = {}): Classification {
  const key = operationKey(operation);
  const service = key ? (key.slice(0, key.indexOf(':')) as AwsService) : undefined;
  const roleArn = ctx.account?.assumeRole?.roleArn;
  if (key === CREDENTIAL_OPERATIONS.assumeRole && roleArn) {
    if (isNetwork(code, err)) {
      return { cause: 'network', remediation: `Could not reach STS at ${hostOf(err, 'sts', ctx)} to assume ${roleArn}: check aws.endpoints.sts, DNS, the proxy and network access.` };
    }
    if (CREDENTIAL_CODES.has(code) && code !== 'AccountMismatch') {
      return { cause: 'credentials', remediation: `The base credentials from ${credentialSource(ctx.account)} were not accepted when assuming ${roleArn}: renew or fix them.` };
    }
    const externalId = ctx.account?.assumeRole?.externalId ? 'the external id the config gives (assumeRole.externalId)' : 'an external id, if the trust policy requires one (the config gives none: set assumeRole.externalId)';
    return {
      cause: 'assume-role',
      remediation: `AssumeRole on ${roleArn} was refused: check that the role's trust policy names the scanner's principal and requires ${externalId}, and that the scanner's own credentials (${credentialSource(ctx.account)}) may call sts:AssumeRole on it.`,
    };
  }
  if (code === 'AccountMismatch') {
    return { cause: 'credentials', remediation: `The credentials from ${roleArn ? `role ${roleArn}` : credentialSource(ctx.account)} belong to another account: point the account's profile or assumeRole.roleArn at account ${ctx.account?.id ?? 'configured'}.` };
  }
  if (CREDENTIAL_CODES.has(code) || key === CREDENTIAL_OPERATIONS.resolve) {
    return { cause: 'credentials', remediation: `No usable credentials from ${credentialSource(ctx.account)}: sign in again (aws sso login, a fresh session token) or fix the profile, then scan again.` };
  }
  if (THROTTLED.has(code)) {
    const attempts = ctx.maxAttempts ?? 3;
    return {
      cause: 'throttled',
      remediation: `The call was still throttled after ${attempts} attempts: raise aws.maxAttempts, lower aws.rateLimits${service ? `.${service}` : ''} or aws.concurrency (scan fewer accounts at once), or shard the accounts over several jobs, and scan again.`,
    };
  }
  if (code === 'RequestTimeout' || code === 'TimeoutError') {
    return { cause: 'network', remediation: `${hostOf(err, service, ctx)} did not answer in time: check the endpoint and the network path, or raise aws.timeouts.requestMs, and scan again.` };
  }
  if (code === 'CollectionDeadlineExceeded') {
    return { cause: 'network', remediation: 'The collection ran past its time limit before this call: raise aws.timeouts.collectionMs, or scan fewer accounts at once (aws.concurrency), and scan again.' };
  }
  if (isNetwork(code, err)) {
    return { cause: 'network', remediation: `Could not reach ${hostOf(err, service, ctx)}: check the endpoint (aws.endpoints${service ? `.${service}` : ''}, AWS_ENDPOINT_URL), DNS, the proxy and network access, and scan again.` };
  }
  if (DENIED.has(code)) {
    const actions = key && key in OPERATION_ACTIONS ? OPERATION_ACTIONS[key as CollectorOperation] : [];
    const what = actions.length > 0 ? actions.join(' and ') : `the permission ${operation} needs`;
    return {
      cause: 'access-denied',
      remediation: `Allow ${what} to the scanner's ${roleArn ? `role ${roleArn}` : `credentials (${credentialSource(ctx.account)})`} — docs/iam-policy.json has the full read-only policy — and check SCPs and permission boundaries.`,
    };
  }
  if (INVALID_RESPONSE.has(code)) {
    return { cause: 'invalid-response', remediation: 'The response could not be read as AWS documents it; the field stays unknown. Report it if the resource is valid in the AWS console.' };
  }
  if (NOT_FOUND.test(code)) {
    return { cause: 'not-found', remediation: 'The resource disappeared while it was read, or the region or id is wrong; scan again.' };
  }
  return { cause: 'other', remediation: 'An unexpected error; scan again, and report it with the code if it persists.' };
}

