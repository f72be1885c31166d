/** Inventories for tests: one with every field of the v1 types set, optional ones included. */
import type { Inventory } from '../../src/inventory/types.js';

export const PROD_ORG = '00D5g000004AbCdEAK';
export const UAT_ORG = '00D7z000000UaTaEAC';
export const ACCOUNT = '111111111111';

/** Typed as Inventory, so a field the types do not have fails the typecheck. */
export function fullInventory(): Inventory {
  const origin = { file: 'plans/prod.json', line: 12, column: 5, declaredAs: 'module.scv.aws_connect_instance.prod' };
  const policy = {
    Version: '2012-10-17',
    Id: 'trust',
    Statement: [
      {
        Sid: 'Salesforce',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::793525387755:root' },
        Action: 'sts:AssumeRole',
        Resource: ['*'],
        Condition: { StringEquals: { 'sts:ExternalId': 'abc' } },
      },
      { Effect: 'Deny', NotPrincipal: { AWS: '*' }, NotAction: ['s3:GetObject'], NotResource: 'arn:aws:s3:::b/*' },
    ],
  };
  return {
    schemaVersion: '1',
    generatedAt: '2026-11-20T06:00:00Z',
    environments: [
      { name: 'prod', tier: 'production' },
      { name: 'uat', tier: 'non-production' },
    ],
    salesforce: {
      orgs: [
        {
          id: UAT_ORG,
          name: 'Acme (uat)',
          kind: 'sandbox',
          environment: 'uat',
          status: 'active',
          instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
          sandbox: { name: 'uat', sourceOrgId: PROD_ORG, productionOrgId: PROD_ORG, lastCopiedAt: '2026-09-01T02:00:00Z' },
          awsAccountKey: ACCOUNT,
          contactCenters: [
            {
              id: '0Zg7z000000UaT1CAK',
              internalName: 'AcmeUat',
              displayName: 'Acme UAT',
              createdAt: '2026-09-03T10:00:00Z',
              telephonyModel: 'amazon-connect',
              provisioning: 'xml-import',
              connect: {
                instanceId: 'i-1',
                instanceArn: `arn:aws:connect:us-east-1:${ACCOUNT}:instance/i-1`,
                region: 'us-east-1',
                awsAccountId: ACCOUNT,
                instanceAlias: 'acme-uat',
                replicaInstanceAlias: 'acme-uat-replica',
              },
              roles: {
                provisioning: null,
                connectManagement: `arn:aws:iam::${ACCOUNT}:role/SCVConnectManagement`,
                updateCredential: `arn:aws:iam::${ACCOUNT}:role/SCVUpdateCredential`,
                instanceRecording: `arn:aws:iam::${ACCOUNT}:role/SCVInstanceRecording`,
                s3: `arn:aws:iam::${ACCOUNT}:role/acme-SCVS3Role`,
              },
              origin,
            },
          ],
          origin,
        },
      ],
    },
    aws: {
      accounts: [
        {
          id: ACCOUNT,
          known: true,
          name: 'acme-uat',
          environment: 'uat',
          state: 'ACTIVE',
          tags: { Environment: 'uat' },
          connectInstances: [
            {
              id: 'i-1',
              known: true,
              arn: `arn:aws:connect:us-east-1:${ACCOUNT}:instance/i-1`,
              alias: 'acme-uat',
              region: 'us-east-1',
              status: 'ACTIVE',
              createdAt: '2026-09-03T09:00:00Z',
              environment: 'uat',
              tags: { Environment: 'uat' },
              storage: [
                {
                  resourceType: 'CALL_RECORDINGS',
                  storageType: 'S3',
                  s3: { bucket: 'acme-uat-rec', prefix: 'rec', kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k' },
                  streamArn: null,
                  kinesisVideo: null,
                  origin,
                },
                {
                  resourceType: 'MEDIA_STREAMS',
                  storageType: 'KINESIS_VIDEO_STREAM',
                  s3: null,
                  streamArn: null,
                  kinesisVideo: { prefix: 'acme-uat-media', retentionHours: 24, kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k' },
                  origin,
                },
              ],
              attributes: { CONTACTFLOW_LOGS: true, EARLY_MEDIA: 'true' },
              flows: [
                {
                  id: 'f-1',
                  arn: null,
                  name: 'Inbound',
                  type: 'CONTACT_FLOW',
                  state: 'ACTIVE',
                  references: [{ kind: 'lambda', arn: '$.Attributes.fn', action: 'InvokeLambdaFunction', actionId: 'invoke-fn', dynamic: true, origin: { file: 'flows/uat/main.json', line: 12, column: 5, declaredAs: 'Flow' } }],
                  secrets: [{ action: 'InvokeLambdaFunction', actionId: 'invoke-fn', parameter: 'password', kind: 'named-secret', origin: { file: 'flows/uat/main.json', line: 12, column: 5, declaredAs: 'Flow' } }],
                  origin,
                },
              ],
              lambdaFunctions: [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:lookup`],
              phoneNumbers: [{ number: '+12065550100', type: 'DID', arn: null }],
              integrations: [
                {
                  type: 'APPLICATION',
                  sourceType: null,
                  arn: 'arn:aws:app-integrations:us-east-1:111111111111:application/a-1',
                  sourceApplicationUrl: 'https://acme--uat.sandbox.my.salesforce.com',
                },
              ],
              approvedOrigins: ['https://acme--uat.sandbox.lightning.force.com'],
              serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_x`,
              origin,
            },
          ],
          iamRoles: [
            { arn: `arn:aws:iam::${ACCOUNT}:role/acme-SCVS3Role`, name: 'acme-SCVS3Role', path: '/', tags: {}, trustPolicy: policy, origin },
          ],
          s3Buckets: [
            {
              name: 'acme-uat-rec',
              arn: 'arn:aws:s3:::acme-uat-rec',
              region: 'us-east-1',
              environment: 'uat',
              tags: { Environment: 'uat' },
              policy: structuredClone(policy),
              publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false },
              encryption: { algorithm: 'aws:kms', kmsKeyId: null },
              versioning: 'Suspended',
              acl: {
                ownerId: 'c0ffee',
                grants: [
                  { granteeType: 'CanonicalUser', granteeId: 'c0ffee', granteeUri: null, permission: 'FULL_CONTROL' },
                  { granteeType: 'Group', granteeId: null, granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
                ],
              },
              objectOwnership: 'BucketOwnerEnforced',
              origin,
            },
          ],
          kinesisStreams: [{ arn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`, name: 'ctr', encryption: 'KMS', origin }],
          cloudTrail: { trails: [{ name: 't', arn: null, multiRegion: true, organization: null, logging: false }] },
          cloudFormationStacks: [
            {
              id: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/acme-uat-scv/0a1b`,
              name: 'acme-uat-scv',
              region: 'us-east-1',
              status: 'CREATE_COMPLETE',
              parameters: { SalesforceOrgId: UAT_ORG, EnvironmentType: 'SANDBOX', CallCenterApiName: 'AcmeUat', ConnectInstanceId: 'i-1', Secret: null },
              tags: { Environment: 'uat' },
              outputs: { BucketName: 'acme-uat-rec' },
              origin,
            },
          ],
          lambdaFunctions: [
            {
              arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:lookup`,
              name: 'lookup',
              region: 'us-east-1',
              environment: 'uat',
              role: `arn:aws:iam::${ACCOUNT}:role/lookup`,
              runtime: 'nodejs20.x',
              tags: { Environment: 'uat' },
              variables: [
                { name: 'SALESFORCE_ORG_ID', credential: null },
                { name: 'API_KEY', credential: 'named-secret' },
              ],
              salesforceOrgId: UAT_ORG,
              origin,
            },
          ],
          samlProviders: [{ arn: `arn:aws:iam::${ACCOUNT}:saml-provider/SalesforceServiceVoiceIdp_${UAT_ORG}`, name: `SalesforceServiceVoiceIdp_${UAT_ORG}`, origin }],
          kmsKeys: [
            {
              arn: 'arn:aws:kms:us-east-1:111111111111:key/k',
              accountId: ACCOUNT,
              region: 'us-east-1',
              referencedAs: ['arn:aws:kms:us-east-1:111111111111:key/k', 'alias/acme-uat-rec'],
              policy: structuredClone(policy),
              origin,
            },
          ],
          firehoseStreams: [
            {
              arn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/ctr`,
              name: 'ctr',
              region: 'us-east-1',
              environment: 'uat',
              sourceStreamArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`,
              kmsKeyArn: null,
              destinations: [{ type: 'ExtendedS3', target: 'arn:aws:s3:::acme-uat-ctr' }],
              origin,
            },
          ],
          s3PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
          organization: { id: 'o-abc123', managementAccountId: ACCOUNT, memberAccountIds: [ACCOUNT] },
        },
      ],
    },
    collection: {
      sources: [{ kind: 'aws', target: ACCOUNT, startedAt: '2026-11-20T05:58:02Z', finishedAt: null }],
      errors: [{ source: 'aws', target: `${ACCOUNT}/us-east-1`, operation: 'connect:ListInstances', code: 'AccessDenied', message: 'denied', sections: ['aws.connectInstances'], cause: 'access-denied', remediation: 'Allow connect:ListInstances.' }],
    },
  };
}

/** A minimal valid inventory to build partials from. */
export function minimalInventory(generatedAt = '2026-11-20T06:00:00Z'): Inventory {
  return {
    schemaVersion: '1',
    generatedAt,
    environments: [],
    salesforce: { orgs: [] },
    aws: { accounts: [] },
    collection: { sources: [], errors: [] },
  };
}
