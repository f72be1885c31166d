/**
 * JSON Schema (draft 2020-12 subset understood by ajv) of inventory v1. It covers exactly the
 * fields of ./types.ts: every object is closed (`additionalProperties: false`) except the ones the
 * types leave open (tags, attributes, IAM policy statements), closed values are enums, and
 * `null` is allowed exactly where the types allow it. test/inventory/schema.test.ts keeps the two
 * in step.
 */
import { withFieldDescriptions } from './field-descriptions.js';
import { COLLECTION_ERROR_CAUSES, INVENTORY_SCHEMA_VERSION } from './types.js';

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const nonEmpty: Schema = { type: 'string', minLength: 1 };

const bool: Schema = { type: 'boolean' };

/** The same schema with a description (what the field holds, for readers of the schema). */
function described(schema: Schema, description: string): Schema {
  return { ...schema, description };
}

/** The same schema, also accepting null. */
function nullable(schema: Schema): Schema {
  if (schema.enum) return { ...schema, enum: [...(schema.enum as unknown[]), null], nullable: true };
  return { ...schema, nullable: true };
}

function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

function list(items: Schema): Schema {
  return { type: 'array', items };
}

function oneOfValues(values: readonly string[]): Schema {
  return { type: 'string', enum: [...values] };
}

/** The patterns and formats of the schema, with what they stand for in an error message. */
export const VALUE_SHAPES = {
  awsAccountId: { pattern: '^[0-9]{12}$', name: 'a 12-digit AWS account id' },
  salesforceOrgId: { pattern: '^[a-zA-Z0-9]{18}$', name: 'an 18-character Salesforce org id' },
  dateTime: { format: 'date-time', name: 'an RFC 3339 date-time' },
} as const;

const awsAccountId: Schema = { type: 'string', pattern: VALUE_SHAPES.awsAccountId.pattern };
const salesforceOrgId: Schema = { type: 'string', pattern: VALUE_SHAPES.salesforceOrgId.pattern };
const dateTime: Schema = { type: 'string', format: VALUE_SHAPES.dateTime.format };

const tags: Schema = { type: 'object', additionalProperties: { type: 'string' } };

const origin: Schema = object(
  {
    file: nonEmpty,
    line: nullable({ type: 'integer', minimum: 1 }),
    column: nullable({ type: 'integer', minimum: 1 }),
    declaredAs: nonEmpty,
  },
  ['column', 'declaredAs'],
);

const environment: Schema = object({
  name: nonEmpty,
  tier: oneOfValues(['production', 'non-production']),
});

// ---------------------------------------------------------------- Salesforce

const sandboxLineage: Schema = object({
  name: nonEmpty,
  sourceOrgId: nullable(salesforceOrgId),
  productionOrgId: nullable(salesforceOrgId),
  lastCopiedAt: nullable(dateTime),
});

const contactCenter: Schema = object(
  {
    id: nonEmpty,
    internalName: str,
    displayName: str,
    createdAt: nullable(dateTime),
    telephonyModel: oneOfValues(['amazon-connect', 'partner-telephony']),
    provisioning: oneOfValues(['new-instance', 'existing-instance', 'xml-import', 'unknown']),
    connect: object(
      {
        instanceId: nullable(str),
        instanceArn: nullable(str),
        region: nullable(str),
        awsAccountId: nullable(awsAccountId),
        instanceAlias: described(nonEmpty, "the Connect instance's alias as the call center names it (reqInstanceName or reqPrimaryInstanceName)"),
        replicaInstanceAlias: described(nonEmpty, "global resiliency: the replica instance's alias (reqSecondaryInstanceName)"),
      },
      ['instanceAlias', 'replicaInstanceAlias'],
    ),
    roles: object({
      provisioning: nullable(str),
      connectManagement: nullable(str),
      updateCredential: nullable(str),
      instanceRecording: nullable(str),
      s3: nullable(str),
    }),
    origin,
  },
  ['origin'],
);

const salesforceOrg: Schema = object(
  {
    id: salesforceOrgId,
    name: str,
    kind: oneOfValues(['production', 'sandbox', 'scratch']),
    environment: nullable(nonEmpty),
    status: oneOfValues(['active', 'deleted']),
    instanceUrl: nullable(str),
    sandbox: nullable(sandboxLineage),
    awsAccountKey: nullable(str),
    contactCenters: list(contactCenter),
    origin,
  },
  ['origin'],
);

// ---------------------------------------------------------------- AWS

const policyStatement: Schema = {
  type: 'object',
  properties: {
    Sid: str,
    Effect: oneOfValues(['Allow', 'Deny']),
    Principal: {},
    NotPrincipal: {},
    Action: { type: ['string', 'array'], items: str },
    NotAction: { type: ['string', 'array'], items: str },
    Resource: { type: ['string', 'array'], items: str },
    NotResource: { type: ['string', 'array'], items: str },
    Condition: { type: 'object', additionalProperties: { type: 'object' } },
  },
  required: ['Effect'],
  // IAM grammar keys beyond the typed ones are kept as AWS returns them (see PolicyStatement).
  additionalProperties: true,
};

const policyDocument: Schema = object(
  {
    Version: str,
    Id: str,
    Statement: list(policyStatement),
  },
  ['Version', 'Id'],
);

const publicAccessBlock: Schema = object({
  BlockPublicAcls: bool,
  IgnorePublicAcls: bool,
  BlockPublicPolicy: bool,
  RestrictPublicBuckets: bool,
});

const kinesisVideoTarget: Schema = object({
  prefix: described(str, 'prefix of the Kinesis video stream names Connect creates per contact'),
  retentionHours: nullable({ type: 'integer', minimum: 0 }),
  kmsKeyId: described(nullable(str), 'KMS key of the video streams, null when none is named'),
});

const storageConfig: Schema = object(
  {
    resourceType: nonEmpty,
    storageType: oneOfValues(['S3', 'KINESIS_STREAM', 'KINESIS_FIREHOSE', 'KINESIS_VIDEO_STREAM']),
    s3: nullable(
      object({
        bucket: nonEmpty,
        prefix: nullable(str),
        kmsKeyId: nullable(str),
      }),
    ),
    streamArn: nullable(str),
    kinesisVideo: described(
      nullable(kinesisVideoTarget),
      'Kinesis Video Streams target of a KINESIS_VIDEO_STREAM config (MEDIA_STREAMS); absent when the source did not say',
    ),
    origin,
  },
  ['origin', 'kinesisVideo'],
);

/** The flow-language `Identifier` of the action (the block id the flow designer shows). */
const actionId: Schema = { type: 'string', minLength: 1, description: 'the Identifier of the flow action (block) that holds it; in older console exports, the module id' };

const flowReference: Schema = object(
  {
    kind: oneOfValues(['lambda', 'flow', 'module', 'lex', 'queue', 'prompt', 'other']),
    arn: str,
    action: str,
    actionId,
    dynamic: bool,
    origin: described(origin, 'where the action or module that holds the reference starts, in a flow file read by the pre-deploy gate'),
  },
  ['dynamic', 'actionId', 'origin'],
);

const flowSecret: Schema = object(
  {
    action: str,
    actionId,
    parameter: str,
    kind: nonEmpty,
    origin: described(origin, 'where the action or module that holds the literal starts, in a flow file read by the pre-deploy gate'),
  },
  ['actionId', 'origin'],
);

const contactFlow: Schema = object(
  {
    id: nonEmpty,
    arn: nullable(str),
    name: str,
    type: nonEmpty,
    state: nullable(str),
    references: list(flowReference),
    secrets: list(flowSecret),
    origin,
  },
  ['origin'],
);

const connectInstance: Schema = object(
  {
    id: nonEmpty,
    arn: nonEmpty,
    known: described(
      { type: 'boolean' },
      'false: a placeholder for the instance pre-deploy flows deploy to when no file names it (id flow-export-ENV); its id and ARN name no real instance and rules do not compare them. Absent means true.',
    ),
    alias: nullable(str),
    region: described(nullable(nonEmpty), 'null when not known (a planned instance whose file names no region)'),
    status: nullable(str),
    createdAt: nullable(dateTime),
    environment: nullable(nonEmpty),
    tags,
    storage: list(storageConfig),
    attributes: { type: 'object', additionalProperties: { type: ['boolean', 'string'] } },
    flows: list(contactFlow),
    lambdaFunctions: list(str),
    phoneNumbers: list(object({ number: nonEmpty, type: nullable(str), arn: nullable(str) })),
    integrations: list(
      object(
        {
          type: nonEmpty,
          sourceType: nullable(str),
          arn: described(nullable(str), 'the integration ARN (IntegrationArn): AppIntegrations, Customer Profiles domain, Wisdom assistant, ...'),
          sourceApplicationUrl: described(
            nullable(str),
            'web application URL of an APPLICATION/CASES association (e.g. a Salesforce domain); absent when not read',
          ),
        },
        ['sourceApplicationUrl'],
      ),
    ),
    approvedOrigins: described(list(str), 'origins allowed to embed the contact control panel (ListApprovedOrigins); absent when not read'),
    serviceRole: described(nullable(str), "the instance's service-linked role ARN (DescribeInstance ServiceRole); absent when not read"),
    origin,
  },
  ['origin', 'known', 'approvedOrigins', 'serviceRole'],
);

const iamRole: Schema = object(
  {
    arn: nonEmpty,
    name: nonEmpty,
    path: str,
    tags,
    trustPolicy: nullable(policyDocument),
    origin,
  },
  ['origin'],
);

const s3Bucket: Schema = object(
  {
    name: nonEmpty,
    arn: nonEmpty,
    region: nullable(str),
    environment: nullable(nonEmpty),
    tags,
    policy: nullable(policyDocument),
    publicAccessBlock: nullable(publicAccessBlock),
    encryption: nullable(
      object({
        algorithm: nullable(oneOfValues(['AES256', 'aws:kms', 'aws:kms:dsse'])),
        kmsKeyId: nullable(str),
      }),
    ),
    versioning: nullable(oneOfValues(['Enabled', 'Suspended'])),
    acl: described(
      nullable(
        object({
          ownerId: described(nullable(str), 'canonical user id of the bucket owner'),
          grants: list(
            object({
              granteeType: described(nonEmpty, 'CanonicalUser | Group | AmazonCustomerByEmail (the e-mail address is not recorded)'),
              granteeId: described(nullable(str), 'canonical user id of a CanonicalUser grantee'),
              granteeUri: described(nullable(str), 'group URI, e.g. http://acs.amazonaws.com/groups/global/AllUsers'),
              permission: described(nonEmpty, 'FULL_CONTROL | READ | WRITE | READ_ACP | WRITE_ACP'),
            }),
          ),
        }),
      ),
      'the bucket ACL (GetBucketAcl); null when it could not be read, absent when not collected',
    ),
    objectOwnership: described(
      nullable(oneOfValues(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'])),
      'S3 Object Ownership; ObjectWriter for a bucket without ownership controls, null when it could not be read, absent when not collected',
    ),
    origin,
  },
  ['origin', 'acl', 'objectOwnership'],
);

const kinesisStream: Schema = object(
  {
    arn: nonEmpty,
    name: nonEmpty,
    encryption: nullable(oneOfValues(['KMS', 'NONE'])),
    origin,
  },
  ['origin'],
);

const trail: Schema = object({
  name: nonEmpty,
  arn: nullable(str),
  multiRegion: nullable(bool),
  organization: nullable(bool),
  logging: nullable(bool),
});

const cloudFormationStack: Schema = object(
  {
    id: described(nonEmpty, 'stack ARN; for a template read by the pre-deploy gate (not deployed yet, so it carries origin) the template file name without extension, or the logical id of a nested stack'),
    name: nonEmpty,
    region: nullable(str),
    status: described(nullable(str), 'stack status (CREATE_COMPLETE, ...); null when not known (templates)'),
    parameters: described(
      { type: 'object', additionalProperties: nullable(str) },
      'parameter values by key (SCV stacks: SalesforceOrgId, EnvironmentType, CallCenterApiName, ConnectInstanceId, InstanceType); null for a withheld value (NoEcho, or a value that looks like a credential)',
    ),
    tags,
    outputs: described({ type: 'object', additionalProperties: nullable(str) }, 'output values by key; null for a withheld value'),
    origin,
  },
  ['origin'],
);

const lambdaFunction: Schema = object(
  {
    arn: nonEmpty,
    name: nonEmpty,
    region: nullable(str),
    environment: nullable(nonEmpty),
    role: described(nullable(str), 'execution role ARN'),
    runtime: nullable(str),
    tags,
    variables: described(
      nullable(
        list(
          object({
            name: nonEmpty,
            credential: described(
              nullable(nonEmpty),
              'kind of credential the value looks like (aws-access-key, private-key, named-secret, ...), null when it is none; the value itself is never recorded',
            ),
          }),
        ),
      ),
      'environment variables: names and credential kinds only; null when they could not be read',
    ),
    salesforceOrgId: nullable(salesforceOrgId),
    origin,
  },
  ['origin'],
);

const samlProvider: Schema = object(
  {
    arn: nonEmpty,
    name: described(nonEmpty, 'SCV creates SalesforceServiceVoiceIdp_<org id>'),
    origin,
  },
  ['origin'],
);

const kmsKey: Schema = object(
  {
    arn: described(nonEmpty, 'key ARN'),
    accountId: awsAccountId, // the account that owns the key; 000000000000 for a planned key whose account is not known
    region: nullable(str),
    referencedAs: described(list(nonEmpty), 'the key ids, alias names and ARNs storage configs, streams and Firehoses name this key by (a planned key: its ARN)'),
    policy: described(nullable(policyDocument), 'the key policy (GetKeyPolicy default); null when it could not be read'),
    origin,
  },
  ['origin'],
);

const firehoseStream: Schema = object(
  {
    arn: nonEmpty,
    name: nonEmpty,
    region: nullable(str),
    environment: nullable(nonEmpty),
    sourceStreamArn: described(nullable(str), 'source Kinesis data stream ARN, null when the Firehose has none'),
    kmsKeyArn: described(nullable(str), 'KMS key of server-side encryption, null when none or AWS-owned'),
    destinations: list(
      object({
        type: described(nonEmpty, 'S3 | ExtendedS3 | Redshift | Elasticsearch | AmazonOpenSearchService | Splunk | HttpEndpoint | Snowflake | Iceberg | ...'),
        target: described(nullable(str), 'bucket ARN, domain/cluster ARN or URL, or endpoint URL; null when none is named'),
      }),
    ),
    origin,
  },
  ['origin'],
);

const awsAccount: Schema = object({
  id: awsAccountId,
  known: described(
    { type: 'boolean' },
    'false: stands for the account(s) pre-deploy files deploy to when neither an ARN, --environment nor the config says which; the id (000000000000) is not a real account and rules do not compare it. Absent means true.',
  ),
  name: nullable(str),
  environment: nullable(nonEmpty),
  state: nullable(str),
  tags,
  connectInstances: list(connectInstance),
  iamRoles: list(iamRole),
  s3Buckets: list(s3Bucket),
  kinesisStreams: list(kinesisStream),
  cloudTrail: nullable(object({ trails: list(trail) })),
  // Added to v1 later: absent means not collected, [] means none found.
  cloudFormationStacks: described(list(cloudFormationStack), 'CloudFormation stacks (a template read by the pre-deploy gate is one, with origin); absent when not collected'),
  lambdaFunctions: described(list(lambdaFunction), 'Lambda functions; absent when not collected'),
  samlProviders: described(list(samlProvider), 'IAM SAML identity providers; absent when not collected'),
  kmsKeys: described(list(kmsKey), 'KMS keys that storage configs, streams and Firehoses use, and keys plans and templates declare; absent when not collected'),
  firehoseStreams: described(list(firehoseStream), 'Kinesis Data Firehose streams that storage configs name, and those plans and templates declare; absent when not collected'),
  s3PublicAccessBlock: described(
    nullable(publicAccessBlock),
    'account-level S3 Block Public Access; all four false when none is configured, null when it could not be read, absent when not collected',
  ),
  organization: described(
    nullable(
      object({
        id: described(nullable(nonEmpty), 'organization id (o-...); null when the account belongs to no organization'),
        managementAccountId: described(nullable(awsAccountId), "the organization's management account; null when the account belongs to no organization"),
        memberAccountIds: described(
          nullable(list(awsAccountId)),
          'every member account (ListAccounts), when aws.organizations.discover listed the organization from this account; null when not listed from it',
        ),
      }),
    ),
    'the AWS Organizations organization of the account (DescribeOrganization); null when it could not be read, absent when not collected',
  ),
}, ['known', 'cloudFormationStacks', 'lambdaFunctions', 'samlProviders', 'kmsKeys', 'firehoseStreams', 's3PublicAccessBlock', 'organization']);

// ---------------------------------------------------------------- collection

const sourceKind = oneOfValues(['aws', 'salesforce', 'file']);

const collection: Schema = object({
  sources: list(object({ kind: sourceKind, target: str, startedAt: dateTime, finishedAt: nullable(dateTime) })),
  errors: list(
    object(
      {
        source: sourceKind,
        target: str,
        operation: str,
        code: str,
        message: str,
        sections: {
          ...list(nonEmpty),
          description: 'inventory sections the failed call would have filled in (aws.iamRoles, salesforce.contactCenters, ...)',
        },
        cause: { ...oneOfValues(COLLECTION_ERROR_CAUSES), description: 'why the read failed' },
        remediation: { ...nonEmpty, description: 'what to do about it, naming the permission, host, role or credential source' },
      },
      ['sections', 'cause', 'remediation'],
    ),
  ),
});

export const INVENTORY_SCHEMA_ID = 'https://scv-guard.dev/schemas/inventory-v1.json';

/** The schema before the field descriptions of ./field-descriptions.ts are applied. */
export const inventorySchemaShape: Schema = {
  $id: INVENTORY_SCHEMA_ID,
  title: 'scv-guard inventory v1',
  ...object({
    schemaVersion: { const: INVENTORY_SCHEMA_VERSION },
    generatedAt: dateTime,
    environments: list(environment),
    salesforce: object({ orgs: list(salesforceOrg) }),
    aws: object({ accounts: list(awsAccount) }),
    collection,
  }),
};

/** Inventory v1 as ajv, `inventory schema` and docs/inventory.md use it: every field described. */
export const inventorySchema: Schema = withFieldDescriptions(inventorySchemaShape).schema;
