/**
 * Every CloudFormation template Salesforce publishes for Service Cloud Voice
 * (fixtures/real-world/salesforce-scv-lambdas/cloudformation/) is read, and what it declares is in
 * the inventory.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { cloudFormationParser } from '../../../src/collect/files/cloudformation/index.js';
import type { ParseOptions } from '../../../src/collect/files/types.js';
import { validateInventory } from '../../../src/inventory/validate.js';

const DIR = 'fixtures/real-world/salesforce-scv-lambdas/cloudformation';
const TEMPLATES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const OPTS: ParseOptions = { generatedAt: '2026-11-20T09:12:44Z' };

/** Logical ids by type, read with a plain YAML parse (tags kept as they are, no evaluation). */
function declaredTypes(text: string): Map<string, { type: string; body: Record<string, unknown> }> {
  const doc = parseDocument(text, { customTags: [], logLevel: 'silent' }).toJS({}) as { Resources: Record<string, Record<string, unknown>> };
  return new Map(Object.entries(doc.Resources).map(([id, body]) => [id, { type: String(body.Type), body }]));
}

function read(name: string) {
  const file = join(DIR, name);
  const text = readFileSync(file, 'utf8');
  const parsed = cloudFormationParser.parse(file, text, OPTS);
  validateInventory(parsed.inventory, file);
  const accounts = parsed.inventory.aws.accounts;
  return {
    file,
    text,
    declared: declaredTypes(text),
    parsed,
    roles: accounts.flatMap((a) => a.iamRoles),
    buckets: accounts.flatMap((a) => a.s3Buckets),
    streams: accounts.flatMap((a) => a.kinesisStreams),
    instances: accounts.flatMap((a) => a.connectInstances),
  };
}

/** Line of a logical id under Resources (Outputs may use the same names). */
function lineOf(text: string, id: string): number {
  const lines = text.split('\n');
  const resources = lines.indexOf('Resources:');
  return lines.findIndex((l, i) => i > resources && l.trimEnd() === `  ${id}:`) + 1;
}

describe('Salesforce SCV CloudFormation templates', () => {
  it('has the eight published templates', () => {
    expect(TEMPLATES).toEqual([
      'BYOAContactCenterStack.yaml', 'BYOAIDPStack.yaml', 'BYOATenantStack.yaml', 'ConnectConfigurationStack.yaml',
      'EventRulesStack.yaml', 'RealtimeAlertStack.yaml', 'SCVManagedPolicyStack.yaml', 'VoiceMailStack.yaml',
    ]);
  });

  it.each(TEMPLATES)('%s: every IAM role, bucket, stream and SAM execution role it declares is in the inventory, at its logical id', (name) => {
    const r = read(name);
    const ids = (type: string): string[] => [...r.declared].filter(([, d]) => d.type === type).map(([id]) => id);
    const samRoles = [...r.declared].filter(([, d]) => d.type === 'AWS::Serverless::Function' && (d.body.Properties as Record<string, unknown>).Role === undefined);
    // Every conditional resource of these templates has a condition that holds with the defaults.
    expect(r.roles.map((x) => x.origin!.line).sort()).toEqual([...ids('AWS::IAM::Role'), ...samRoles.map(([id]) => id)].map((id) => lineOf(r.text, id)).sort());
    expect(r.buckets.map((x) => x.origin!.line).sort()).toEqual(ids('AWS::S3::Bucket').map((id) => lineOf(r.text, id)).sort());
    expect(r.streams.map((x) => x.origin!.line).sort()).toEqual(ids('AWS::Kinesis::Stream').map((id) => lineOf(r.text, id)).sort());
    for (const x of [...r.roles, ...r.buckets, ...r.streams]) expect(x.origin!.file).toBe(r.file);
  });

  it('BYOAContactCenterStack: its IAM roles (SAML and service trust, none cross-account), recording bucket with its policy, Kinesis streams', () => {
    const r = read('BYOAContactCenterStack.yaml');
    expect(r.roles.map((x) => x.origin!.line)).toEqual(['ConnectSSORoleResource', 'ConnectCallRoleResource', 'SCVS3RoleResource'].map((id) => lineOf(r.text, id)));
    const sso = r.roles[0]!;
    // The Fn::If on the realm (default COMMERCIAL) picks the commercial SAML audience.
    expect(sso.trustPolicy!.Statement).toHaveLength(1);
    expect(sso.trustPolicy!.Statement[0]).toMatchObject({ Action: 'sts:AssumeRoleWithSAML', Effect: 'Allow', Condition: { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } } });
    // No role trusts an account that is not known: the Master Payer account (MpaId) has no value.
    for (const role of r.roles) {
      for (const s of role.trustPolicy!.Statement) expect((s.Principal as Record<string, unknown>).AWS).toBeUndefined();
    }
    expect(r.buckets).toHaveLength(1);
    const bucket = r.buckets[0]!;
    expect(bucket.origin!.line).toBe(lineOf(r.text, 'S3Bucket'));
    expect(bucket.policy!.Statement.map((s) => s.Sid)).toEqual(['PutObjectAccess', 'TranscriptionPolicy']);
    expect(bucket.policy!.Statement[1]!.Principal).toEqual({ Service: ['transcribe.amazonaws.com'] });
    expect(r.streams.map((s) => s.origin!.line)).toEqual([lineOf(r.text, 'CTRStream'), lineOf(r.text, 'ContactLensStream')]);
    expect(r.streams.every((s) => s.encryption === 'NONE')).toBe(true);
    // Its nested stacks are read from S3, so they are named in notices.
    expect(r.parsed.notices).toHaveLength(4);
    expect(r.parsed.notices![0]).toMatch(/nested stack EventRulesStack is read from https:\/\/\$\{S3BucketForScvResources\}-\$\{AWS::Region\}\.s3\..*EventRulesStack\$\{Version\}\.yaml, not a local file/);
  });

  it('BYOAContactCenterStack: with the account, region and parameters known, names and SAML principals are complete', () => {
    const file = join(DIR, 'BYOAContactCenterStack.yaml');
    const parameters = new Map([['CallCenterApiName', 'acmecc'], ['SalesforceOrgId', '00D5g000004xyzAEAQ'], ['S3BucketForTenantResources', 'acme-scv'], ['MpaId', '793525387755'], ['Realm', 'RZONE_ISO_2']]);
    const parsed = cloudFormationParser.parse(file, readFileSync(file, 'utf8'), { ...OPTS, region: 'us-west-2', accountId: '222222222222', parameters });
    const account = parsed.inventory.aws.accounts[0]!;
    expect(account.id).toBe('222222222222');
    expect(account.iamRoles.map((x) => x.name)).toEqual(['acmecc-SAMLRole', 'acmecc-ConnectCallRole', 'acmecc-SCVS3Role']);
    expect(account.iamRoles[0]!.trustPolicy!.Statement[0]).toMatchObject({
      Principal: { Federated: 'arn:aws:iam::222222222222:saml-provider/SalesforceServiceVoiceIdp_00D5g000004xyzAEAQ' },
      Condition: { StringEquals: { 'saml:aud': 'https://signin.amazonaws-us-gov.com/saml' } },
    });
    expect(account.iamRoles[1]!.trustPolicy!.Statement[0]!.Principal).toEqual({ AWS: 'arn:aws:iam::793525387755:root' });
    expect(account.s3Buckets.map((b) => b.name)).toEqual(['acme-scv-222222222222']);
    expect(account.s3Buckets[0]!.policy!.Statement[0]).toMatchObject({ Principal: { AWS: ['222222222222'] }, Resource: ['arn:aws:s3:::acme-scv-222222222222'] });
    expect(account.kinesisStreams.map((s) => s.name)).toEqual(['acmecc-222222222222-CTRStream', 'acmecc-222222222222-ContactLensStream']);
  });

  // The template declares 20 AWS::IAM::Role resources (16 SCV...RoleResource, SCVIDPLambdaExecutionRole,
  // TrailLogGroupRole, RealtimeAlertRoleResource, HandleContactEventsRoleResource) and no SAM function,
  // so no role is implied: the inventory holds exactly the 20 declared ones, each at its logical id.
  it('BYOATenantStack: its 20 IAM roles, each one declared, the two Salesforce trusts among them', () => {
    const r = read('BYOATenantStack.yaml');
    const declaredRoles = [...r.declared].filter(([, d]) => d.type === 'AWS::IAM::Role');
    expect(declaredRoles).toHaveLength(20);
    expect([...r.declared].some(([, d]) => d.type === 'AWS::Serverless::Function')).toBe(false);
    expect(r.roles).toHaveLength(20);
    expect(r.roles.map((x) => x.origin?.declaredAs).sort()).toEqual(declaredRoles.map(([id]) => id).sort());
    const crossAccount = r.roles.filter((x) => x.trustPolicy!.Statement.some((s) => (s.Principal as Record<string, unknown>).AWS !== undefined));
    expect(crossAccount.map((x) => x.name)).toEqual(['SCVUpdateCredentialRole', 'SCVAmazonConnectManagementRole']);
    // The MpaId default is Salesforce's account.
    expect(crossAccount[0]!.trustPolicy!.Statement[0]!.Principal).toEqual({ AWS: 'arn:aws:iam::793525387755:root' });
    // The CloudTrail bucket's policy keeps its statements; Resource ARNs of an unnamed bucket are not known.
    expect(r.buckets[0]!.policy!.Statement.map((s) => s.Sid)).toEqual(['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite', 'AllowRootToGet', 'RequireSSL']);
  });
});
