/**
 * Generated estates for the benchmarks: `scale` × 10 Salesforce orgs and 10 AWS accounts
 * (100x = 1,000 orgs and 1,000 accounts), in three environments, with a deterministic mix of
 * shared accounts, shared buckets and dangling instances. `rich` adds what the built-in
 * policies read besides (SCV roles with trust policies, buckets with ACLs, streams, flows,
 * trails, contact-center role ARNs, and the AWS-side SCV evidence: stacks, Lambda functions,
 * SAML providers, KMS keys, approved origins); without it the estate is the lean one bench:rego
 * has always used.
 */
import { toId18 } from '../../src/collect/salesforce/ids.js';
import type { Inventory } from '../../src/inventory/types.js';

export interface EstateOptions {
  rich?: boolean;
}

function leanEstate(scale: number): unknown {
  const n = 10 * scale;
  const envs = ['prod', 'uat', 'dev'];
  const accounts = [];
  const orgs = [];
  for (let i = 0; i < n; i++) {
    const id = String(100000000000 + i);
    const env = envs[i % 3]!;
    const instId = `inst-${i}`;
    accounts.push({
      id,
      name: `acct-${i}`,
      environment: env,
      state: 'ACTIVE',
      tags: { Environment: env },
      connectInstances: [
        {
          id: instId,
          arn: `arn:aws:connect:us-east-1:${id}:instance/${instId}`,
          alias: `cc-${i}`,
          region: 'us-east-1',
          status: 'ACTIVE',
          createdAt: '2025-01-01T00:00:00Z',
          environment: env,
          tags: {},
          storage: [
            { resourceType: 'CALL_RECORDINGS', storageType: 'S3', s3: { bucket: `recordings-${Math.floor(i / 4)}`, prefix: 'r', kmsKeyId: null }, streamArn: null },
            { resourceType: 'CHAT_TRANSCRIPTS', storageType: 'S3', s3: { bucket: `transcripts-${i}`, prefix: 't', kmsKeyId: null }, streamArn: null },
          ],
          attributes: { CONTACTFLOW_LOGS: true },
          flows: [],
          lambdaFunctions: [],
          phoneNumbers: [{ number: `+1555000${i}`, type: 'DID', arn: null }],
          integrations: [],
        },
      ],
      iamRoles: [],
      s3Buckets: [],
      kinesisStreams: [],
      cloudTrail: { trails: [] },
    });
    orgs.push({
      id: toId18(`00D${String(i).padStart(12, '0')}`),
      name: `org-${i}`,
      kind: i % 5 === 0 ? 'production' : 'sandbox',
      environment: env,
      status: 'active',
      instanceUrl: `https://org${i}.my.salesforce.com`,
      sandbox: null,
      awsAccountKey: String(100000000000 + (i % 7 === 0 ? i + n : Math.floor(i / 2) * 2)),
      contactCenters: [
        {
          id: `cc-${i}`,
          internalName: `cc${i}`,
          displayName: `CC ${i}`,
          createdAt: null,
          telephonyModel: 'amazon-connect',
          provisioning: 'new-instance',
          connect: { instanceId: i % 9 === 0 ? `gone-${i}` : `inst-${i}`, instanceArn: null, region: 'us-east-1', awsAccountId: null },
          roles: { provisioning: null, connectManagement: null, updateCredential: null, instanceRecording: null, s3: null },
        },
      ],
    });
  }
  return {
    schemaVersion: '1',
    generatedAt: '2026-01-01T00:00:00Z',
    environments: [
      { name: 'prod', tier: 'production' },
      { name: 'uat', tier: 'non-production' },
      { name: 'dev', tier: 'non-production' },
    ],
    salesforce: { orgs },
    aws: { accounts },
    collection: { sources: [], errors: [] },
  };
}

export function generateEstate(scale: number, opts: EstateOptions = {}): Inventory {
  const inv = leanEstate(scale) as Inventory;
  if (opts.rich) enrich(inv);
  return inv;
}

const SALESFORCE_PRINCIPAL = 'arn:aws:iam::793525387755:root';
const ROLE_SLOTS = [
  ['provisioning', 'SCVProvisioningRole'],
  ['connectManagement', 'AmazonConnectManagementRole'],
  ['instanceRecording', 'InstanceRecordingRole'],
  ['s3', 'SCVS3Role'],
] as const;

function enrich(inv: Inventory): void {
  const accounts = inv.aws.accounts;
  accounts.forEach((acct, i) => {
    const env = acct.environment ?? 'dev';
    // Every 11th account has a role without an external id, every 13th a wildcard one.
    acct.iamRoles = ROLE_SLOTS.map(([, name], r) => ({
      arn: `arn:aws:iam::${acct.id}:role/${name}`,
      name,
      path: '/',
      tags: {},
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: SALESFORCE_PRINCIPAL },
            Action: 'sts:AssumeRole',
            Condition:
              i % 11 === 0 && r === 3
                ? {}
                : { [i % 13 === 0 && r === 0 ? 'StringLike' : 'StringEquals']: { 'sts:ExternalId': i % 13 === 0 && r === 0 ? 'scv-*' : `ext-${acct.id}` } },
          },
        ],
      },
    }));
    const inst = acct.connectInstances[0]!;
    const stream = `arn:aws:kinesis:us-east-1:${acct.id}:stream/ctr-${Math.floor(i / 6)}`;
    inst.storage.push({ resourceType: 'CONTACT_TRACE_RECORDS', storageType: 'KINESIS_STREAM', s3: null, streamArn: stream });
    inst.attributes = { CONTACTFLOW_LOGS: i % 17 !== 0 };
    inst.flows = [
      {
        id: `flow-${i}`,
        arn: `${inst.arn}/contact-flow/flow-${i}`,
        name: `Inbound ${i}`,
        type: 'CONTACT_FLOW',
        state: 'ACTIVE',
        references: [
          { kind: 'lambda', arn: `arn:aws:lambda:us-east-1:${acct.id}:function:crm-lookup:${i % 19 === 0 ? 'DEV' : env.toUpperCase()}`, action: 'InvokeLambdaFunction' },
          { kind: 'queue', arn: `${inst.arn}/queue/q-${i}`, action: 'UpdateContactTargetQueue' },
        ],
        secrets: i % 23 === 0 ? [{ action: 'InvokeLambdaFunction', parameter: 'LambdaInvocationAttributes.apiToken', kind: 'named-secret' }] : [],
      },
    ];
    inst.phoneNumbers = env === 'prod' ? inst.phoneNumbers : [...inst.phoneNumbers, ...(i % 5 === 1 ? [{ number: `+1666000${i}`, type: 'DID', arn: null }] : [])];
    inst.integrations = [{ type: 'APPLICATION', sourceType: 'SALESFORCE', arn: null }];
    for (const s of inst.storage) {
      if (!s.s3 || acct.s3Buckets.some((b) => b.name === s.s3!.bucket) || accounts.some((a) => a.s3Buckets.some((b) => b.name === s.s3!.bucket))) continue;
      acct.s3Buckets.push({
        name: s.s3.bucket,
        arn: `arn:aws:s3:::${s.s3.bucket}`,
        region: 'us-east-1',
        environment: env,
        tags: { Environment: env },
        policy: null,
        publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: i % 29 !== 0 },
        encryption: { algorithm: i % 31 === 0 ? 'AES256' : 'aws:kms', kmsKeyId: null },
        versioning: 'Enabled',
      });
    }
    acct.kinesisStreams = [{ arn: stream, name: `ctr-${Math.floor(i / 6)}`, encryption: 'KMS' }];
    acct.cloudTrail = { trails: [{ name: 't', arn: null, multiRegion: i % 37 !== 0, organization: false, logging: true }] };
    addEvidence(inv, acct, i, env);
  });
  inv.salesforce.orgs.forEach((org, i) => {
    const cc = org.contactCenters[0]!;
    const account = String(100000000000 + i);
    cc.telephonyModel = 'partner-telephony';
    cc.createdAt = `2025-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`;
    cc.roles = {
      provisioning: `arn:aws:iam::${account}:role/SCVProvisioningRole`,
      connectManagement: `arn:aws:iam::${account}:role/AmazonConnectManagementRole`,
      updateCredential: null,
      instanceRecording: i % 41 === 0 ? null : `arn:aws:iam::${account}:role/InstanceRecordingRole`,
      s3: `arn:aws:iam::${account}:role/SCVS3Role`,
    };
  });
  inv.collection.sources = accounts.map((a) => ({ kind: 'aws' as const, target: a.id, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z' }));
  inv.collection.errors = accounts
    .filter((_, i) => i % 43 === 0)
    .map((a) => ({ source: 'aws' as const, target: `${a.id}/us-east-1`, operation: 'connect:ListPhoneNumbersV2', code: 'ThrottlingException', message: 'Rate exceeded' }));
}

/**
 * The AWS-side SCV evidence of account `i`: the SCV stack, its Lambda function and SAML provider
 * for org `i`, the recordings key, approved origins, bucket ACLs. Every 47th stack names an
 * instance that is gone, every 53rd function keeps a literal token, every 59th account also holds
 * the next org's SAML provider, every 61st instance trusts the org of another tier.
 */
function addEvidence(inv: Inventory, acct: Inventory['aws']['accounts'][number], i: number, env: string): void {
  const org = inv.salesforce.orgs[i]!;
  const next = inv.salesforce.orgs[(i + 1) % inv.salesforce.orgs.length]!;
  const inst = acct.connectInstances[0]!;
  const stackId = `arn:aws:cloudformation:us-east-1:${acct.id}:stack/scv-${i}/1`;
  const key = `arn:aws:kms:us-east-1:${acct.id}:key/rec-${i}`;
  const fn = `arn:aws:lambda:us-east-1:${acct.id}:function:scv-${i}-InvokeSalesforceRestApi`;
  acct.cloudFormationStacks = [
    {
      id: stackId,
      name: `scv-${i}`,
      region: 'us-east-1',
      status: 'CREATE_COMPLETE',
      parameters: {
        SalesforceOrgId: org.id,
        EnvironmentType: org.kind === 'production' ? 'PRODUCTION' : 'SANDBOX',
        CallCenterApiName: org.contactCenters[0]!.internalName,
        ConnectInstanceId: i % 47 === 0 ? `gone-stack-${i}` : inst.id,
        InstanceType: 'SOURCE',
      },
      tags: {},
      outputs: {},
    },
  ];
  acct.lambdaFunctions = [
    {
      arn: fn,
      name: `scv-${i}-InvokeSalesforceRestApi`,
      region: 'us-east-1',
      environment: env,
      role: `arn:aws:iam::${acct.id}:role/scv-${i}-lambda`,
      runtime: 'nodejs20.x',
      tags: { 'aws:cloudformation:stack-id': stackId, Environment: env },
      variables: [
        { name: 'SALESFORCE_ORG_ID', credential: null },
        { name: 'API_TOKEN', credential: i % 53 === 0 ? 'named-secret' : null },
      ],
      salesforceOrgId: org.id,
    },
  ];
  acct.samlProviders = [org, ...(i % 59 === 0 ? [next] : [])].map((o) => ({
    arn: `arn:aws:iam::${acct.id}:saml-provider/SalesforceServiceVoiceIdp_${o.id}`,
    name: `SalesforceServiceVoiceIdp_${o.id}`,
  }));
  acct.kmsKeys = [{ arn: key, accountId: acct.id, region: 'us-east-1', referencedAs: [key], policy: null }];
  acct.firehoseStreams = [];
  acct.s3PublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  inst.lambdaFunctions = [`${fn}:${env.toUpperCase()}`];
  inst.approvedOrigins = [i % 61 === 0 ? 'https://acme.lightning.force.com' : `https://org${i}.lightning.force.com`];
  inst.integrations = [{ type: 'APPLICATION', sourceType: 'SALESFORCE', arn: null, sourceApplicationUrl: `https://org${i}.my.salesforce.com` }];
  for (const s of inst.storage) if (s.s3) s.s3.kmsKeyId = key;
  for (const b of acct.s3Buckets) {
    b.acl = { ownerId: `owner-${acct.id}`, grants: [{ granteeType: 'CanonicalUser', granteeId: `owner-${acct.id}`, granteeUri: null, permission: 'FULL_CONTROL' }] };
    b.objectOwnership = i % 67 === 0 ? 'ObjectWriter' : 'BucketOwnerEnforced';
  }
}
