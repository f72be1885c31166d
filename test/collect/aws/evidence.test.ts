/**
 * The AWS-side SCV evidence (stacks, Lambda functions, SAML providers, KMS keys, Firehoses, the
 * account public access block, approved origins, bucket ACLs and ownership) read with the real SDK
 * clients from the local server: contents, pagination, throttling, and denials that stay unknown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import type { AwsAccount, Inventory } from '../../../src/inventory/types.js';
import { inventoryProblems } from '../../../src/inventory/validate.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer, type AwsServerOptions, type Fault } from '../../support/aws-server/server.js';

const PROD = '111111111111';
const UAT = '222222222222';
const DEV = '333333333333';
const PROD_ORG = '00D5g000004AbCdEAK';
const DEV_ORG = '00D9d000000DeVeEAK';

let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect(options: Partial<AwsServerOptions> = {}): Promise<Inventory> {
  server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, ...options });
  return collectAws(
    localConfig(server, [
      { id: PROD, environment: 'prod' },
      { id: UAT, environment: 'uat' },
      { id: DEV, environment: 'dev' },
    ]),
    localOptions(),
  );
}

const accountOf = (inventory: Inventory, id: string): AwsAccount => inventory.aws.accounts.find((a) => a.id === id)!;

describe('AWS-side SCV evidence', () => {
  it('reads every section without errors, and the inventory validates', async () => {
    const inventory = await collect();
    expect(inventory.collection.errors).toEqual([]);
    expect(inventoryProblems(JSON.parse(JSON.stringify(inventory)))).toEqual([]);
  });

  it('reads stacks with their SCV parameters, withholding NoEcho values', async () => {
    const prod = accountOf(await collect(), PROD);
    expect(prod.cloudFormationStacks).toEqual([
      {
        id: `arn:aws:cloudformation:us-east-1:${PROD}:stack/acme-prod-scv/5a1e0000-0000-4000-8000-000000000001`,
        name: 'acme-prod-scv',
        region: 'us-east-1',
        status: 'CREATE_COMPLETE',
        parameters: {
          SalesforceOrgId: PROD_ORG,
          EnvironmentType: 'PRODUCTION',
          CallCenterApiName: 'AcmeProd',
          ConnectInstanceId: '11111111-aaaa-4bbb-8ccc-000000000001',
          InstanceType: 'SOURCE',
          PrivateKey: null,
        },
        tags: { Environment: 'prod' },
        outputs: { InvokeSalesforceRestApiFunctionArn: `arn:aws:lambda:us-east-1:${PROD}:function:acme-prod-InvokeSalesforceRestApi` },
      },
    ]);
  });

  it('reads Lambda functions: variable names and credential kinds, never a value; SALESFORCE_ORG_ID as an 18-character id', async () => {
    const inventory = await collect();
    const dev = accountOf(inventory, DEV);
    const [scv, crm] = dev.lambdaFunctions!;
    expect(scv).toEqual({
      arn: `arn:aws:lambda:us-east-1:${DEV}:function:acme-dev-InvokeSalesforceRestApi`,
      name: 'acme-dev-InvokeSalesforceRestApi',
      region: 'us-east-1',
      environment: 'dev',
      role: `arn:aws:iam::${DEV}:role/acme-dev-InvokeSalesforceRestApiRole`,
      runtime: 'nodejs20.x',
      tags: { Environment: 'dev' },
      variables: [
        { name: 'SALESFORCE_ORG_ID', credential: null },
        { name: 'PRIVATE_KEY_PARAM_NAME', credential: null },
        { name: 'LOG_LEVEL', credential: null },
      ],
      salesforceOrgId: DEV_ORG,
    });
    // A literal key is named by kind; a Secrets Manager ARN is a reference, not a credential.
    expect(crm!.variables).toEqual([
      { name: 'CRM_API_KEY', credential: 'named-secret' },
      { name: 'CRM_SECRET_REF', credential: null },
    ]);
    expect(crm!.salesforceOrgId).toBeNull();
    expect(JSON.stringify(inventory)).not.toContain('sk_live_not_a_real_key_0001');
  });

  it('reads SAML providers, the account public access block (absent = all off), approved origins, service role and integration URLs', async () => {
    const inventory = await collect();
    const prod = accountOf(inventory, PROD);
    const uat = accountOf(inventory, UAT);
    expect(prod.samlProviders).toEqual([
      { arn: `arn:aws:iam::${PROD}:saml-provider/SalesforceServiceVoiceIdp_${PROD_ORG}`, name: `SalesforceServiceVoiceIdp_${PROD_ORG}` },
    ]);
    expect(prod.s3PublicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(uat.s3PublicAccessBlock).toEqual({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    const instance = uat.connectInstances[0]!;
    expect(instance.approvedOrigins).toEqual(['https://acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.lightning.force.com']);
    expect(instance.serviceRole).toBe(`arn:aws:iam::${UAT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_x`);
    const calls = server!.calls.filter((c) => c.service === 's3control');
    expect(calls.map((c) => [c.account, c.operation, c.status])).toEqual(
      expect.arrayContaining([
        [PROD, 'GetPublicAccessBlock', 200],
        [UAT, 'GetPublicAccessBlock', 404],
      ]),
    );
  });

  it('resolves the KMS keys storage configs and Firehoses name, aliases included, with their policies', async () => {
    const dev = accountOf(await collect(), DEV);
    const cmk = `arn:aws:kms:us-east-1:${DEV}:key/0f1e2d3c-0000-4000-8000-00000000e001`;
    expect(dev.kmsKeys!.map((k) => [k.arn, k.accountId, k.referencedAs])).toEqual([
      [cmk, DEV, [cmk]],
      [`arn:aws:kms:us-east-1:${DEV}:key/aaaa0000-0000-4000-8000-0000000000kv`, DEV, ['alias/aws/kinesisvideo']],
    ]);
    expect(dev.kmsKeys![0]!.policy?.Statement[0]?.Principal).toEqual({ AWS: `arn:aws:iam::${DEV}:root` });
    expect(dev.firehoseStreams).toEqual([
      {
        arn: `arn:aws:firehose:us-east-1:${DEV}:deliverystream/acme-dev-agent-events`,
        name: 'acme-dev-agent-events',
        region: 'us-east-1',
        environment: 'dev',
        sourceStreamArn: null,
        kmsKeyArn: cmk,
        destinations: [{ type: 'ExtendedS3', target: `arn:aws:s3:::connect-dev-recordings-${DEV}` }],
      },
    ]);
  });

  it('pages through functions, stacks and approved origins', async () => {
    const inventory = await collect({ pageSize: 1 });
    expect(inventory.collection.errors).toEqual([]);
    expect(accountOf(inventory, DEV).lambdaFunctions).toHaveLength(2);
    expect(accountOf(inventory, DEV).connectInstances[0]!.approvedOrigins).toHaveLength(2);
    const devCalls = (operation: string) => server!.calls.filter((c) => c.account === DEV && c.operation === operation);
    expect(devCalls('ListFunctions')).toHaveLength(2);
    expect(devCalls('ListApprovedOrigins')).toHaveLength(2);
  });

  it('retries throttled calls of every new operation and loses nothing', async () => {
    const operations: [string, string][] = [
      ['cloudformation', 'DescribeStacks'],
      ['lambda', 'ListFunctions'],
      ['lambda', 'ListTags'],
      ['iam', 'ListSAMLProviders'],
      ['kms', 'DescribeKey'],
      ['kms', 'GetKeyPolicy'],
      ['firehose', 'DescribeDeliveryStream'],
      ['s3control', 'GetPublicAccessBlock'],
      ['s3', 'GetBucketAcl'],
      ['s3', 'GetBucketOwnershipControls'],
      ['connect', 'ListApprovedOrigins'],
    ];
    const faults: Fault[] = operations.map(([service, operation]) => ({ kind: 'throttle', service, operation, account: DEV, times: 1 }));
    const inventory = await collect({ faults });
    expect(inventory.collection.errors).toEqual([]);
    for (const [service, operation] of operations) {
      const statuses = server!.calls.filter((c) => c.account === DEV && c.service === service && c.operation === operation).map((c) => c.status);
      expect(statuses.length, `${service}:${operation} retried`).toBeGreaterThan(1);
      // The retry gets the real answer: the data, or S3 Control's "none configured" for this account.
      expect([200, 404], `${service}:${operation}`).toContain(statuses.at(-1));
    }
    expect(accountOf(inventory, DEV).firehoseStreams![0]!.destinations).toHaveLength(1);
  });

  it('records a denied call of every new operation as a collection error and leaves the evidence unknown, never empty', async () => {
    const denied: [string, string][] = [
      ['cloudformation', 'DescribeStacks'],
      ['lambda', 'ListFunctions'],
      ['iam', 'ListSAMLProviders'],
      ['kms', 'DescribeKey'],
      ['firehose', 'DescribeDeliveryStream'],
      ['s3control', 'GetPublicAccessBlock'],
      ['s3', 'GetBucketAcl'],
      ['s3', 'GetBucketOwnershipControls'],
      ['connect', 'ListApprovedOrigins'],
    ];
    const inventory = await collect({ faults: denied.map(([service, operation]) => ({ kind: 'deny', account: DEV, service, operation })) });
    const errors = inventory.collection.errors;
    expect(errors.every((e) => e.target.startsWith(`${DEV}/`))).toBe(true);
    // S3 Control's operation shares S3's name: it is recorded with its service.
    expect(new Set(errors.map((e) => e.operation))).toEqual(new Set(denied.map(([service, op]) => (service === 's3control' ? `${service}:${op}` : op))));
    expect(errors.find((e) => e.operation === 's3control:GetPublicAccessBlock')!.sections).toEqual(['aws.s3PublicAccessBlock']);
    expect(errors.every((e) => e.code === 'AccessDenied' || e.code === 'AccessDeniedException')).toBe(true);
    const dev = accountOf(inventory, DEV);
    expect(dev.samlProviders).toBeUndefined();
    expect(dev.s3PublicAccessBlock).toBeNull();
    expect(dev.s3Buckets.map((b) => [b.acl, b.objectOwnership])).toEqual([[null, null]]);
    // A key that could not be described is still known by its ARN, without a policy.
    expect(dev.kmsKeys!.map((k) => k.policy)).toEqual([null]);
    expect(dev.firehoseStreams![0]!.destinations).toEqual([]);
    // Lists that could not be read are empty with their error recorded (SCV-COLL-001 reports them).
    expect(errors.find((e) => e.operation === 'DescribeStacks')!.target).toBe(`${DEV}/us-east-1/cloudformation:stacks`);
    expect(errors.find((e) => e.operation === 'ListFunctions')!.target).toBe(`${DEV}/us-east-1/lambda:functions`);
    // The other accounts are untouched.
    expect(accountOf(inventory, PROD).samlProviders).toHaveLength(1);
  });
});
