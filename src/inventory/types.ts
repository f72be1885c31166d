/**
 * Inventory v1 — the only document policies see as `input`.
 * Mirrors ../shared/DESIGN.md "Inventory v1". Absent information is `null`, never a guess.
 * The JSON Schema in ./schema.ts must stay in step with these types.
 */

export const INVENTORY_SCHEMA_VERSION = '1' as const;

export type Tier = 'production' | 'non-production';
export type Tags = Record<string, string>;

/** Where a resource that came from a file (plan, template, flow export) was declared. */
export interface Origin {
  file: string;
  line: number | null;
  /** 1-based column on `line` where the resource starts; set for JSON input (one-line plans). */
  column?: number | null;
  /** The Terraform address (`module.x.aws_iam_role.y`) or CloudFormation logical id (`Stack/Id` in a nested stack) that declares it. */
  declaredAs?: string;
}

export interface Environment {
  name: string;
  tier: Tier;
}

// ---------------------------------------------------------------- Salesforce

export type OrgKind = 'production' | 'sandbox' | 'scratch';
export type OrgStatus = 'active' | 'deleted';
export type TelephonyModel = 'amazon-connect' | 'partner-telephony';
export type Provisioning = 'new-instance' | 'existing-instance' | 'xml-import' | 'unknown';

export interface SandboxLineage {
  name: string;
  /** Org the sandbox was cloned from; null when copied from production. */
  sourceOrgId: string | null;
  productionOrgId: string | null;
  lastCopiedAt: string | null;
}

export interface ContactCenterConnect {
  /** reqInstanceId, else the instance id of the relay state (reqRelayState / reqSettingsRelayState). */
  instanceId: string | null;
  instanceArn: string | null;
  region: string | null;
  awsAccountId: string | null;
  /** The instance's alias as the definition names it (reqInstanceName, or reqPrimaryInstanceName); absent when it names none. */
  instanceAlias?: string;
  /** Global resiliency: the replica instance's alias (reqSecondaryInstanceName); absent when it names none. */
  replicaInstanceAlias?: string;
}

export interface ContactCenterRoles {
  provisioning: string | null;
  connectManagement: string | null;
  updateCredential: string | null;
  instanceRecording: string | null;
  s3: string | null;
}

export interface ContactCenter {
  id: string;
  internalName: string;
  displayName: string;
  createdAt: string | null;
  telephonyModel: TelephonyModel;
  provisioning: Provisioning;
  connect: ContactCenterConnect;
  roles: ContactCenterRoles;
  origin?: Origin;
}

export interface SalesforceOrg {
  /** 18-character org id. */
  id: string;
  name: string;
  kind: OrgKind;
  environment: string | null;
  status: OrgStatus;
  instanceUrl: string | null;
  sandbox: SandboxLineage | null;
  awsAccountKey: string | null;
  contactCenters: ContactCenter[];
  origin?: Origin;
}

// ---------------------------------------------------------------- AWS

export interface S3Target {
  bucket: string;
  prefix: string | null;
  kmsKeyId: string | null;
}

export interface StorageConfig {
  /** Connect InstanceStorageResourceType, e.g. CALL_RECORDINGS, CONTACT_TRACE_RECORDS. */
  resourceType: string;
  /** S3 | KINESIS_STREAM | KINESIS_FIREHOSE | KINESIS_VIDEO_STREAM */
  storageType: string;
  s3: S3Target | null;
  streamArn: string | null;
  /**
   * Kinesis Video Streams target of a KINESIS_VIDEO_STREAM config (MEDIA_STREAMS): the stream
   * name prefix, retention and KMS key. Absent where the source did not say (older inventories).
   */
  kinesisVideo?: KinesisVideoTarget | null;
  origin?: Origin;
}

export interface KinesisVideoTarget {
  /** Prefix of the stream names Connect creates per contact. */
  prefix: string;
  retentionHours: number | null;
  kmsKeyId: string | null;
}

export type FlowReferenceKind = 'lambda' | 'flow' | 'module' | 'lex' | 'queue' | 'prompt' | 'other';

export interface FlowReference {
  kind: FlowReferenceKind;
  /** ARN or id the flow points at; a dynamic `$.` value is kept verbatim and marked by `dynamic`. */
  arn: string;
  /** Flow-language action type that holds the reference, e.g. InvokeLambdaFunction (the module type in older exports). */
  action: string;
  /** `Identifier` of that action (the module `id` in older exports): the block id the flow designer shows (absent when the export has none). */
  actionId?: string;
  dynamic?: boolean;
  /** Where the action or module that holds it starts, in a flow file read by the pre-deploy gate. */
  origin?: Origin;
}

export interface FlowSecret {
  action: string;
  /** `Identifier` of the action (block) that holds it (the module `id` in older exports), when the flow gives one. */
  actionId?: string;
  parameter: string;
  /** aws-access-key | private-key | authorization-header | named-secret — the value itself is never stored. */
  kind: string;
  /** Where the action or module that holds it starts, in a flow file read by the pre-deploy gate. */
  origin?: Origin;
}

export interface ContactFlow {
  id: string;
  arn: string | null;
  name: string;
  /** CONTACT_FLOW, CUSTOMER_QUEUE, ... or MODULE for flow modules. */
  type: string;
  state: string | null;
  references: FlowReference[];
  secrets: FlowSecret[];
  origin?: Origin;
}

export interface PhoneNumber {
  number: string;
  type: string | null;
  arn: string | null;
}

export interface Integration {
  type: string;
  sourceType: string | null;
  /** The integration's ARN (IntegrationArn: AppIntegrations, Customer Profiles domain, Wisdom assistant, ...). */
  arn: string | null;
  /** Web application URL of an APPLICATION/CASES association (e.g. the Salesforce org's domain); absent when not read. */
  sourceApplicationUrl?: string | null;
}

export interface ConnectInstance {
  /** The instance id; a stand-in name (`flow-export-ENV`) where `known` is false. */
  id: string;
  arn: string;
  /**
   * false: a placeholder for the instance pre-deploy flows deploy to when no file names it; its
   * id and ARN name no real instance, and rules do not compare them (policies:
   * `estate.instance_known`). Absent means true.
   */
  known?: boolean;
  alias: string | null;
  /** null when not known (a planned instance whose file names no region). */
  region: string | null;
  status: string | null;
  createdAt: string | null;
  environment: string | null;
  tags: Tags;
  storage: StorageConfig[];
  attributes: Record<string, boolean | string>;
  flows: ContactFlow[];
  lambdaFunctions: string[];
  phoneNumbers: PhoneNumber[];
  integrations: Integration[];
  /** Origins allowed to embed the contact control panel (ListApprovedOrigins); absent when not read. */
  approvedOrigins?: string[];
  /** The instance's service-linked role ARN (DescribeInstance ServiceRole); absent when not read. */
  serviceRole?: string | null;
  origin?: Origin;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[];
}

export interface IamRole {
  arn: string;
  name: string;
  path: string;
  tags: Tags;
  trustPolicy: PolicyDocument | null;
  origin?: Origin;
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface BucketEncryption {
  /** AES256 | aws:kms | aws:kms:dsse */
  algorithm: string | null;
  kmsKeyId: string | null;
}

export interface S3Bucket {
  name: string;
  arn: string;
  region: string | null;
  environment: string | null;
  tags: Tags;
  policy: PolicyDocument | null;
  publicAccessBlock: PublicAccessBlock | null;
  encryption: BucketEncryption | null;
  versioning: 'Enabled' | 'Suspended' | null;
  /** The bucket ACL (GetBucketAcl); null when it could not be read, absent when not collected. */
  acl?: BucketAcl | null;
  /**
   * S3 Object Ownership (GetBucketOwnershipControls). A bucket without ownership controls is
   * `ObjectWriter` (S3's behaviour); null when it could not be read, absent when not collected.
   */
  objectOwnership?: ObjectOwnership | null;
  origin?: Origin;
}

export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

export interface BucketAcl {
  /** Canonical user id of the bucket owner. */
  ownerId: string | null;
  grants: AclGrant[];
}

/** One ACL grant. E-mail grantees are kept by type only: the address is not recorded. */
export interface AclGrant {
  /** CanonicalUser | Group | AmazonCustomerByEmail */
  granteeType: string;
  /** Canonical user id of a CanonicalUser grantee. */
  granteeId: string | null;
  /** Group URI, e.g. http://acs.amazonaws.com/groups/global/AllUsers. */
  granteeUri: string | null;
  /** FULL_CONTROL | READ | WRITE | READ_ACP | WRITE_ACP */
  permission: string;
}

export interface KinesisStream {
  arn: string;
  name: string;
  /** KMS | NONE, or null when not read. */
  encryption: string | null;
  origin?: Origin;
}

/**
 * A CloudFormation stack (deployed: DescribeStacks; in a template: an AWS::CloudFormation::Stack
 * resource). SCV stacks are recognised by their parameters (`SalesforceOrgId`, `EnvironmentType`,
 * `CallCenterApiName`, `ConnectInstanceId`, `InstanceType`).
 */
export interface CloudFormationStack {
  /** Stack ARN; the logical id for a stack declared in a template. */
  id: string;
  name: string;
  region: string | null;
  /** CREATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, ...; null when not known (templates). */
  status: string | null;
  /**
   * Parameter values by key. A value is null when it is withheld: NoEcho parameters (`****`) and
   * values that look like credentials are never recorded.
   */
  parameters: Record<string, string | null>;
  tags: Tags;
  /** Output values by key, withheld (null) like parameters when they look like credentials. */
  outputs: Record<string, string | null>;
  origin?: Origin;
}

/** One environment variable of a Lambda function: its name and, never its value, what the value is. */
export interface LambdaVariable {
  name: string;
  /**
   * Kind of credential the value looks like (`aws-access-key`, `private-key`, `named-secret`, ...,
   * as the flow secret classifier names them), or null when it is not a credential (references
   * such as SSM parameter paths and Secrets Manager ARNs are not).
   */
  credential: string | null;
}

export interface LambdaFunction {
  arn: string;
  name: string;
  region: string | null;
  environment: string | null;
  /** Execution role ARN. */
  role: string | null;
  runtime: string | null;
  tags: Tags;
  /** Environment variables (names and credential kinds only); null when they could not be read. */
  variables: LambdaVariable[] | null;
  /** The 18-character org id of a `SALESFORCE_ORG_ID` variable (SCV functions set it), else null. */
  salesforceOrgId: string | null;
  origin?: Origin;
}

export interface SamlProvider {
  arn: string;
  /** SCV creates `SalesforceServiceVoiceIdp_<org id>`. */
  name: string;
  origin?: Origin;
}

/** A KMS key that a storage config, stream or Firehose names. */
export interface KmsKey {
  /** Key ARN (resolved from the alias or id the storage config used). */
  arn: string;
  /** Account that owns the key (from the key ARN). */
  accountId: string;
  region: string | null;
  /** The key ids, alias names and ARNs the estate referenced this key by. */
  referencedAs: string[];
  /** Key policy (GetKeyPolicy `default`); null when it could not be read. */
  policy: PolicyDocument | null;
  origin?: Origin;
}

/** Where a Kinesis Data Firehose stream delivers. */
export interface FirehoseDestination {
  /** S3 | ExtendedS3 | Redshift | Elasticsearch | AmazonOpenSearchService | Splunk | HttpEndpoint | Snowflake | Iceberg | ... */
  type: string;
  /** Bucket ARN (S3), domain or cluster ARN/URL, or endpoint URL; null when the destination names none. */
  target: string | null;
}

export interface FirehoseStream {
  arn: string;
  name: string;
  region: string | null;
  environment: string | null;
  /** Source Kinesis data stream ARN when the Firehose reads one, else null. */
  sourceStreamArn: string | null;
  /** KMS key of server-side encryption, null when none or AWS-owned. */
  kmsKeyArn: string | null;
  destinations: FirehoseDestination[];
  origin?: Origin;
}

export interface Trail {
  name: string;
  arn: string | null;
  multiRegion: boolean | null;
  organization: boolean | null;
  logging: boolean | null;
}

export interface AwsAccount {
  /** 12-digit account id; `000000000000` where `known` is false. */
  id: string;
  /**
   * false: this account stands for the account(s) pre-deploy files deploy to when neither an
   * ARN, `--environment` nor the config says which; its id is not a real account, and rules that
   * compare accounts stay silent for its resources (policies: `estate.account_known`). Absent
   * means true.
   */
  known?: boolean;
  name: string | null;
  environment: string | null;
  state: string | null;
  tags: Tags;
  connectInstances: ConnectInstance[];
  iamRoles: IamRole[];
  s3Buckets: S3Bucket[];
  kinesisStreams: KinesisStream[];
  cloudTrail: { trails: Trail[] } | null;
  // The sections below were added to inventory v1 later: absent means not collected (an older
  // inventory, or a source that cannot know), an empty list means none were found.
  cloudFormationStacks?: CloudFormationStack[];
  lambdaFunctions?: LambdaFunction[];
  samlProviders?: SamlProvider[];
  kmsKeys?: KmsKey[];
  firehoseStreams?: FirehoseStream[];
  /**
   * Account-level S3 Block Public Access (s3control GetPublicAccessBlock); all four false when
   * the account has none configured, null when it could not be read, absent when not collected.
   */
  s3PublicAccessBlock?: PublicAccessBlock | null;
  /**
   * The AWS Organizations organization the account belongs to (DescribeOrganization); null when
   * it could not be read, absent when not collected (file sources, older inventories).
   */
  organization?: AccountOrganization | null;
}

/** What an account knows of its organization. */
export interface AccountOrganization {
  /** `o-...`; null when the account belongs to no organization. */
  id: string | null;
  /** The organization's management account; null when the account belongs to no organization. */
  managementAccountId: string | null;
  /**
   * Every member account of the organization (ListAccounts, read when `aws.organizations.discover`
   * lists the organization from this account); null when not listed from this account.
   */
  memberAccountIds: string[] | null;
}

// ---------------------------------------------------------------- collection

export type SourceKind = 'aws' | 'salesforce' | 'file';

export interface CollectionSource {
  kind: SourceKind;
  target: string;
  startedAt: string;
  finishedAt: string | null;
}

/** Why a read failed; each cause has its own remediation (src/collect/aws/causes.ts, src/collect/salesforce/causes.ts). */
export const COLLECTION_ERROR_CAUSES = ['access-denied', 'throttled', 'network', 'credentials', 'assume-role', 'session', 'not-found', 'invalid-response', 'other'] as const;
export type CollectionErrorCause = (typeof COLLECTION_ERROR_CAUSES)[number];

export interface CollectionError {
  source: SourceKind;
  /** account/region/resource or org alias/id the failed call was about. */
  target: string;
  operation: string;
  code: string;
  message: string;
  /**
   * Inventory sections the failed call would have filled in (`aws.iamRoles`,
   * `aws.connectInstances.flows`, `salesforce.contactCenters`, ...; see src/inventory/sections.ts).
   * Rules reading them are `incomplete` instead of `pass`. Absent in older inventories: the
   * error then leaves its whole source unread.
   */
  sections?: string[];
  /** Why the read failed (absent in older inventories). */
  cause?: CollectionErrorCause;
  /** What to do about it, as sentences naming the permission, host, role or credential source. */
  remediation?: string;
}

export interface Inventory {
  schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  generatedAt: string;
  environments: Environment[];
  salesforce: { orgs: SalesforceOrg[] };
  aws: { accounts: AwsAccount[] };
  collection: { sources: CollectionSource[]; errors: CollectionError[] };
}

/** An inventory with nothing in it, for collectors and parsers to fill. */
export function emptyInventory(generatedAt: string = new Date().toISOString()): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    generatedAt,
    environments: [],
    salesforce: { orgs: [] },
    aws: { accounts: [] },
    collection: { sources: [], errors: [] },
  };
}

/** An AWS account with nothing read yet: unknown scalars are null, resource lists empty. */
export function emptyAwsAccount(id: string, known: Partial<Omit<AwsAccount, 'id'>> = {}): AwsAccount {
  return {
    id,
    name: null,
    environment: null,
    state: null,
    tags: {},
    connectInstances: [],
    iamRoles: [],
    s3Buckets: [],
    kinesisStreams: [],
    cloudTrail: null,
    ...known,
  };
}
