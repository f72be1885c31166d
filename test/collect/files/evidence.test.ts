/**
 * The AWS-side SCV evidence read from Terraform plans and CloudFormation templates: Lambda
 * functions (variable names and credential kinds, never values), SAML providers, KMS keys, Firehoses,
 * the account public access block, approved origins, integrations, bucket ACL and ownership, and the
 * stack a template becomes — and laid over a live inventory without hiding what it could not read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloudFormationParser } from '../../../src/collect/files/cloudformation/index.js';
import { overlayPlanned } from '../../../src/collect/files/overlay.js';
import { terraformPlanParser } from '../../../src/collect/files/terraform/index.js';
import type { ParseOptions } from '../../../src/collect/files/types.js';
import { emptyAwsAccount, emptyInventory, type AwsAccount, type Inventory } from '../../../src/inventory/types.js';
import { validateInventory } from '../../../src/inventory/validate.js';

const PLAN = 'fixtures/plans/scv-evidence.plan.json';
const PLAN_TEXT = readFileSync(PLAN, 'utf8');
const CFN = 'fixtures/real-world/salesforce-scv-lambdas/cloudformation';
const ACCOUNT = '222222222222';
const ORG = '00D5g000004AbCd';
const API_KEY = 'q9Xv2LmT8rW4kZp1sYb7NcE3hJ6gFd0a';

/** Line and column of the `{` opening the resource_changes entry of `address`. */
function entryOf(address: string): { line: number; column: number } {
  const lines = PLAN_TEXT.split('\n');
  const changes = lines.findIndex((l) => l.includes('"resource_changes"'));
  const at = lines.findIndex((l, i) => i > changes && l.includes(`"address": "${address}"`));
  return { line: at, column: lines[at - 1]!.indexOf('{') + 1 };
}

function readPlan(opts: Partial<ParseOptions> = {}): AwsAccount {
  const parsed = terraformPlanParser.parse(PLAN, PLAN_TEXT, { generatedAt: '2026-11-20T09:12:44Z', ...opts });
  validateInventory(parsed.inventory, PLAN);
  expect(parsed.inventory.aws.accounts).toHaveLength(1);
  return parsed.inventory.aws.accounts[0]!;
}

function readTemplate(name: string, opts: Partial<ParseOptions> = {}) {
  const file = join(CFN, name);
  const parsed = cloudFormationParser.parse(file, readFileSync(file, 'utf8'), { generatedAt: '2026-11-20T09:12:44Z', ...opts });
  validateInventory(parsed.inventory, file);
  return { file, accounts: parsed.inventory.aws.accounts, text: JSON.stringify(parsed.inventory) };
}

/** Line of a logical id under Resources (Conditions and Outputs may use the same names). */
function lineOfId(file: string, id: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const resources = lines.indexOf('Resources:');
  return lines.findIndex((l, i) => i > resources && l.trimEnd() === `  ${id}:`) + 1;
}

describe('evidence from a Terraform plan', () => {
  const account = readPlan({ environment: 'uat', accountId: ACCOUNT });
  const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acme-uat-crm-lookup`;

  it('reads a Lambda function: variable names and credential kinds, its org id and its planned role; never a value', () => {
    expect(account.lambdaFunctions).toEqual([
      {
        arn: fn,
        name: 'acme-uat-crm-lookup',
        region: 'us-east-1',
        environment: 'uat',
        role: `arn:aws:iam::${ACCOUNT}:role/acme-uat-crm-lookup`,
        runtime: 'nodejs20.x',
        tags: { Environment: 'uat' },
        variables: [
          { name: 'SALESFORCE_ORG_ID', credential: null },
          { name: 'CRM_API_KEY', credential: 'named-secret' },
          { name: 'LOG_LEVEL', credential: null },
          { name: 'CRM_SECRET_ARN', credential: null },
        ],
        salesforceOrgId: '00D5g000004AbCdEAK',
        origin: { file: PLAN, ...entryOf('module.scv.aws_lambda_function.crm_lookup'), declaredAs: 'module.scv.aws_lambda_function.crm_lookup' },
      },
    ]);
    expect(JSON.stringify(account)).not.toContain(API_KEY);
  });

  it('reads the SAML provider, the KMS key with its policy, and the Firehose with its planned source, key and bucket', () => {
    expect(account.samlProviders).toEqual([
      { arn: `arn:aws:iam::${ACCOUNT}:saml-provider/SalesforceServiceVoiceIdp_${ORG}`, name: `SalesforceServiceVoiceIdp_${ORG}`, origin: { file: PLAN, ...entryOf('aws_iam_saml_provider.scv'), declaredAs: 'aws_iam_saml_provider.scv' } },
    ]);
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/aws_kms_key.recordings`;
    expect(account.kmsKeys).toEqual([
      {
        arn: key,
        accountId: ACCOUNT,
        region: 'us-east-1',
        referencedAs: [key],
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] },
        origin: { file: PLAN, ...entryOf('aws_kms_key.recordings'), declaredAs: 'aws_kms_key.recordings' },
      },
    ]);
    expect(account.firehoseStreams).toEqual([
      {
        arn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/acme-uat-ctr-archive`,
        name: 'acme-uat-ctr-archive',
        region: 'us-east-1',
        environment: 'uat',
        sourceStreamArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/acme-uat-ctr`,
        kmsKeyArn: key,
        destinations: [{ type: 'ExtendedS3', target: 'arn:aws:s3:::acme-uat-recordings' }],
        origin: { file: PLAN, ...entryOf('aws_kinesis_firehose_delivery_stream.ctr'), declaredAs: 'aws_kinesis_firehose_delivery_stream.ctr' },
      },
    ]);
    // The storage config's key, a reference to the planned key, resolves to it.
    expect(account.connectInstances[0]!.storage[0]!.s3!.kmsKeyId).toBe(key);
  });

  it('reads the account public access block, the bucket ACL and ownership, and the Lambda association of the instance', () => {
    expect(account.s3PublicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false });
    const bucket = account.s3Buckets[0]!;
    expect(bucket.objectOwnership).toBe('ObjectWriter');
    expect(bucket.acl).toEqual({
      ownerId: null,
      grants: [
        { granteeType: 'CanonicalUser', granteeId: null, granteeUri: null, permission: 'FULL_CONTROL' },
        { granteeType: 'Group', granteeId: null, granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
      ],
    });
    const instance = account.connectInstances[0]!;
    expect(instance.lambdaFunctions).toEqual([fn]);
    expect(instance.integrations).toEqual([{ type: 'LAMBDA_FUNCTION', sourceType: null, arn: fn, sourceApplicationUrl: null }]);
  });

  it('a new bucket without ownership controls or an ACL gets S3 defaults: ACLs disabled', () => {
    const plan = JSON.parse(PLAN_TEXT) as { resource_changes: { type: string }[] };
    plan.resource_changes = plan.resource_changes.filter((c) => !['aws_s3_bucket_acl', 'aws_s3_bucket_ownership_controls'].includes(c.type));
    const bucket = terraformPlanParser.parse(PLAN, JSON.stringify(plan), { generatedAt: '2026-11-20T09:12:44Z' }).inventory.aws.accounts[0]!.s3Buckets[0]!;
    expect(bucket.objectOwnership).toBe('BucketOwnerEnforced');
    expect(bucket.acl!.grants.map((g) => g.granteeType)).toEqual(['CanonicalUser']);
  });

  it('without an account, the evidence stays in the account that is not known', () => {
    const unknown = readPlan();
    expect([unknown.id, unknown.known]).toEqual(['000000000000', false]);
    expect(unknown.kmsKeys!.map((k) => [k.arn, k.accountId])).toEqual([['arn:aws:kms:us-east-1::key/aws_kms_key.recordings', '000000000000']]);
  });
});

describe("evidence from Salesforce's SCV templates", () => {
  const parameters = new Map<string, string | null>([
    ['SalesforceOrgId', ORG],
    ['EnvironmentType', 'SANDBOX'],
    ['CallCenterApiName', 'acmecc'],
    ['ConnectInstanceId', '11111111-aaaa-4bbb-8ccc-000000000001'],
    ['MyDomainUrl', 'https://acme--uat.sandbox.my.salesforce.com'],
    ['LightningDomainUrl', 'https://acme--uat.sandbox.lightning.force.com'],
    ['SalesforceRestApiAuthPrivateKeyValue', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----'],
  ]);

  it('BYOAContactCenterStack: the stack and its SCV parameters (credentials withheld), SAM functions naming SALESFORCE_ORG_ID, both KMS keys with their policies', () => {
    const { file, accounts, text } = readTemplate('BYOAContactCenterStack.yaml', { parameters, region: 'us-east-1' });
    const account = accounts[0]!;
    const stack = account.cloudFormationStacks![0]!;
    expect(stack).toMatchObject({ id: 'BYOAContactCenterStack', name: 'BYOAContactCenterStack', status: null, origin: { file, line: 1 } });
    expect(stack.parameters).toMatchObject({ SalesforceOrgId: ORG, EnvironmentType: 'SANDBOX', CallCenterApiName: 'acmecc', InstanceType: 'SOURCE', SalesforceRestApiAuthPrivateKeyValue: null });
    expect(text).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');

    const functions = account.lambdaFunctions!;
    const samFunctions = [...readFileSync(file, 'utf8').matchAll(/^  (\w+):\n    Type: AWS::Serverless::Function/gm)].map((m) => m[1]!);
    expect(functions.map((f) => f.tags['aws:cloudformation:logical-id']).sort()).toEqual(expect.arrayContaining(samFunctions.sort()));
    const withOrg = functions.filter((f) => f.variables?.some((v) => v.name === 'SALESFORCE_ORG_ID'));
    expect(withOrg.length).toBeGreaterThanOrEqual(5);
    // The parameter gives the org id: the functions name it, as its 18-character form.
    expect(new Set(withOrg.map((f) => f.salesforceOrgId))).toEqual(new Set(['00D5g000004AbCdEAK']));
    const invoke = functions.find((f) => f.tags['aws:cloudformation:logical-id'] === 'InvokeSalesforceRestApiFunction')!;
    expect(invoke).toMatchObject({ name: 'acmecc-InvokeSalesforceRestApiFunction', origin: { file, line: lineOfId(file, 'InvokeSalesforceRestApiFunction') } });

    expect(account.kmsKeys!.map((k) => k.origin!.line)).toEqual([lineOfId(file, 'ScvDataStreamIdKey'), lineOfId(file, 'LiveMediaStreamKmsKey')]);
    for (const key of account.kmsKeys!) expect(key.policy!.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: '*' });
  });

  it("BYOAIDPStack: SCV's identity provider custom resource is the org's SAML provider", () => {
    const { file, accounts } = readTemplate('BYOAIDPStack.yaml', { parameters });
    expect(accounts[0]!.samlProviders).toEqual([
      { arn: `arn:aws:iam:::saml-provider/SalesforceServiceVoiceIdp_${ORG}`, name: `SalesforceServiceVoiceIdp_${ORG}`, origin: { file, line: lineOfId(file, 'IdentityProvider'), column: 3, declaredAs: 'IdentityProvider' } },
    ]);
    // Without the org id the provider's name is not known: no provider is made up.
    expect(readTemplate('BYOAIDPStack.yaml').accounts[0]!.samlProviders).toBeUndefined();
  });

  it('ConnectConfigurationStack: approved origins and Lambda integration associations of the instance', () => {
    const { accounts } = readTemplate('ConnectConfigurationStack.yaml', {
      parameters: new Map([...parameters, ['InvokeSfRestApiLambdaArn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acmecc-InvokeSalesforceRestApiFunction`]]),
      accountId: ACCOUNT,
      region: 'us-east-1',
    });
    const instance = accounts[0]!.connectInstances.find((i) => i.id === '11111111-aaaa-4bbb-8ccc-000000000001')!;
    expect(instance.approvedOrigins).toEqual(['https://acme--uat.sandbox.my.salesforce.com', 'https://acme--uat.sandbox.lightning.force.com']);
    expect(instance.integrations.map((i) => i.type)).toEqual(['LAMBDA_FUNCTION', 'LAMBDA_FUNCTION', 'LAMBDA_FUNCTION', 'LAMBDA_FUNCTION']);
    const rest = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acmecc-InvokeSalesforceRestApiFunction:active`;
    expect(instance.integrations.map((i) => i.arn)).toContain(rest);
    expect(instance.lambdaFunctions).toEqual([rest]);
  });

  it('ConnectConfigurationStack without an account: the origins land in the placeholder instance, never in a made-up one', () => {
    const { accounts } = readTemplate('ConnectConfigurationStack.yaml', { parameters, environment: 'uat' });
    const instances = accounts.flatMap((a) => a.connectInstances);
    expect(instances.map((i) => [i.id, i.known])).toEqual([['flow-export-uat', false]]);
    expect(instances[0]!.approvedOrigins).toHaveLength(2);
  });
});

describe('evidence laid over a live inventory', () => {
  function live(): Inventory {
    const inv = emptyInventory('2026-11-20T00:00:00Z');
    const account = emptyAwsAccount(ACCOUNT);
    account.environment = 'uat';
    account.lambdaFunctions = [
      {
        arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:acme-uat-crm-lookup`, name: 'acme-uat-crm-lookup', region: 'us-east-1', environment: 'uat',
        role: 'arn:aws:iam::222222222222:role/live-role', runtime: 'nodejs18.x', tags: { Team: 'crm' }, variables: [{ name: 'LOG_LEVEL', credential: null }], salesforceOrgId: null,
      },
    ];
    inv.aws.accounts.push(account);
    inv.collection.errors.push({ source: 'aws', target: `${ACCOUNT}/global/iam:saml-providers`, operation: 'ListSAMLProviders', code: 'AccessDenied', message: 'denied', sections: ['aws.samlProviders'] });
    return inv;
  }
  const parsed = terraformPlanParser.parse(PLAN, PLAN_TEXT, { generatedAt: '2026-11-21T00:00:00Z', environment: 'uat', accountId: ACCOUNT });
  const out = overlayPlanned(live(), [parsed]);
  const account = out.aws.accounts.find((a) => a.id === ACCOUNT)!;

  it('the planned function replaces the live one of the same ARN, as far as the plan knows it', () => {
    expect(account.lambdaFunctions).toHaveLength(1);
    expect(account.lambdaFunctions![0]).toMatchObject({ runtime: 'nodejs20.x', role: `arn:aws:iam::${ACCOUNT}:role/acme-uat-crm-lookup`, salesforceOrgId: '00D5g000004AbCdEAK', origin: { file: PLAN } });
    expect(account.lambdaFunctions![0]!.variables!.map((v) => v.name)).toContain('CRM_API_KEY');
  });

  it('a section the live collection could not read keeps its error: the planned providers do not make it complete', () => {
    expect(account.samlProviders!.map((p) => p.name)).toEqual([`SalesforceServiceVoiceIdp_${ORG}`]);
    expect(out.collection.errors.map((e) => e.operation)).toEqual(['ListSAMLProviders']);
  });

  it('a section the live inventory does not hold is not invented for accounts the files do not touch', () => {
    const other = emptyInventory('2026-11-20T00:00:00Z');
    other.aws.accounts.push(emptyAwsAccount('333333333333'));
    const merged = overlayPlanned(other, [parsed]);
    expect(merged.aws.accounts.find((a) => a.id === '333333333333')!.kmsKeys).toBeUndefined();
    expect(merged.aws.accounts.find((a) => a.id === ACCOUNT)!.kmsKeys).toHaveLength(1);
  });
});
