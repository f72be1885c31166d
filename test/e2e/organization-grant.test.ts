/**
 * SCV-ENV-005 on an organization grant, from collection to report: the real Organizations client
 * reads each account's organization from the local AWS server, and a production recording bucket
 * that grants `aws:PrincipalOrgID` of an organization holding the uat and dev accounts fails.
 * When the members' organization cannot be read, the gap is SCV-COLL-001 and the rule is
 * incomplete, never a pass.
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectAws } from '../../src/collect/aws/index.js';
import { withEnvironments } from '../../src/scan/sources.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../support/aws-server/config.js';
import { loadFixtureEstate } from '../support/aws-server/estate.js';
import { startAwsServer, type AwsServer, type AwsServerOptions } from '../support/aws-server/server.js';
import { runCli } from './cli.js';

const PROD = '111111111111';
const BUCKET = `connect-prod-recordings-${PROD}`;
const ORG_GRANT = { Sid: 'OrgAnalytics', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } };

interface JsonReport {
  findings: { ruleId: string; message: string; related: { type: string; id: string; environment?: string }[] }[];
  rules: { id: string; outcome: string; reason?: string }[];
}

let server: AwsServer | undefined;
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-org-grant-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Collects prod, uat and dev from the local server (the prod recording bucket grants the organization) and scans the inventory. */
async function collectAndScan(name: string, faults: AwsServerOptions['faults'] = []): Promise<JsonReport> {
  const estate = loadFixtureEstate();
  const bucket = estate.get(PROD)!.s3.buckets[BUCKET]!;
  const policy = JSON.parse((bucket.GetBucketPolicy as { Policy: string }).Policy) as { Statement: unknown[] };
  policy.Statement.push(ORG_GRANT);
  bucket.GetBucketPolicy = { Policy: JSON.stringify(policy) };
  server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, faults });
  const collected = await collectAws(
    localConfig(server, [
      { id: PROD, environment: 'prod' },
      { id: '222222222222', environment: 'uat' },
      { id: '333333333333', environment: 'dev' },
    ]),
    localOptions(),
  );
  const inventory = withEnvironments(collected, [
    { name: 'prod', tier: 'production' },
    { name: 'uat', tier: 'non-production' },
    { name: 'dev', tier: 'non-production' },
  ], 'test');
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(inventory));
  const out = join(work, name);
  const r = await runCli(['scan', '--inventory', file, '--output-dir', out, '--format', 'json', '--fail-on', 'none', '--quiet']);
  expect(r.stderr).toBe('');
  return JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as JsonReport;
}

describe('SCV-ENV-005 on a grant to the organization', () => {
  it('fails naming the statement, the organization and the non-production accounts it holds', async () => {
    const report = await collectAndScan('readable');
    const found = report.findings.filter((f) => f.ruleId === 'SCV-ENV-005');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(
      `The policy of production recording bucket arn:aws:s3:::${BUCKET}: statement 1 (Sid OrgAnalytics) grants principal * through aws:PrincipalOrgID o-abc123: the organization holds non-production account 222222222222 (uat), non-production account 333333333333 (dev).`,
    );
    expect(found[0]!.related.map((r) => r.id)).toEqual(['222222222222', '333333333333']);
    expect(report.rules.find((r) => r.id === 'SCV-ENV-005')!.outcome).toBe('fail');
  });

  it('is incomplete, with SCV-COLL-001, when the members cannot say which organization they are in', async () => {
    const report = await collectAndScan(
      'denied',
      ['222222222222', '333333333333'].map((account) => ({ kind: 'deny' as const, account, service: 'organizations', operation: 'DescribeOrganization' })),
    );
    expect(report.findings.filter((f) => f.ruleId === 'SCV-ENV-005')).toEqual([]);
    const coll = report.findings.filter((f) => f.ruleId === 'SCV-COLL-001');
    expect(coll.map((f) => f.message).join('\n')).toMatch(/DescribeOrganization/);
    expect(coll).toHaveLength(2);
    const rule = report.rules.find((r) => r.id === 'SCV-ENV-005')!;
    expect(rule.outcome).toBe('incomplete');
    expect(rule.reason).toContain('aws.organization');
  });
});

/** A production instance whose recording bucket delegates access control to access points of `account`. */
function delegatingTemplate(account: string): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  Instance:',
    '    Type: AWS::Connect::Instance',
    '    Properties:',
    '      IdentityManagementType: CONNECT_MANAGED',
    '      InstanceAlias: acme-prod',
    '      Attributes: { InboundCalls: true, OutboundCalls: true }',
    '      Tags: [{ Key: Environment, Value: prod }]',
    '  Recordings:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName: acme-prod-recordings',
    '      Tags: [{ Key: Environment, Value: prod }]',
    '  RecordingsPolicy:',
    '    Type: AWS::S3::BucketPolicy',
    '    Properties:',
    '      Bucket: !Ref Recordings',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - Sid: DelegateToAccessPoints',
    '            Effect: Allow',
    '            Principal: { AWS: "*" }',
    '            Action: "*"',
    '            Resource: [!GetAtt Recordings.Arn, !Sub "${Recordings.Arn}/*"]',
    '            Condition:',
    '              StringEquals:',
    `                s3:DataAccessPointAccount: ${account}`,
    '  Storage:',
    '    Type: AWS::Connect::InstanceStorageConfig',
    '    Properties:',
    '      InstanceArn: !GetAtt Instance.Arn',
    '      ResourceType: CALL_RECORDINGS',
    '      StorageType: S3',
    '      S3Config: { BucketName: !Ref Recordings, BucketPrefix: rec }',
    '',
  ].join('\n');
}

describe('SCV-ENV-005 on access-point delegation in a planned template', () => {
  const planScan = async (name: string, account: string, configLines: string[]): Promise<JsonReport> => {
    const template = join(work, `${name}.yaml`);
    writeFileSync(template, delegatingTemplate(account));
    const config = join(work, `${name}-config.yaml`);
    writeFileSync(config, ['environments:', '  - { name: prod, tier: production }', '  - { name: dev, tier: non-production }', ...configLines, ''].join('\n'));
    const out = join(work, name);
    const r = await runCli(['scan', '--no-collect', '--config', config, '--plan', template, '--output-dir', out, '--format', 'json', '--fail-on', 'none', '--quiet']);
    expect(r.stderr).toBe('');
    return JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as JsonReport;
  };
  const accounts = ['aws:', '  regions: [us-east-1]', '  accounts:', `    - { id: "${PROD}", environment: prod }`, '    - { id: "222222222222", environment: dev }'];

  it("delegating to the bucket's own account grants no one, whether or not the account is known", async () => {
    for (const [name, lines] of [['own-unknown', []], ['own-known', accounts]] as const) {
      const report = await planScan(name, '!Ref AWS::AccountId', [...lines]);
      expect(report.findings.filter((f) => f.ruleId === 'SCV-ENV-005')).toEqual([]);
    }
  });

  it('delegating to another account grants that account, named by the environment the config maps it to (a plan holds only the account it deploys to)', async () => {
    const report = await planScan('dev-delegate', '"222222222222"', accounts);
    const found = report.findings.filter((f) => f.ruleId === 'SCV-ENV-005');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'statement 0 (Sid DelegateToAccessPoints) grants principal * through s3:DataAccessPointAccount 222222222222: non-production account 222222222222 (dev, as the config maps it; the account was not collected in this scan)',
      ),
    ]);
    expect(found[0]!.message).not.toContain('unknown');
    expect(found[0]!.related).toEqual([{ type: 'aws-account', id: '222222222222', environment: 'dev' }]);
  });

  it('delegating to an account the config does not map says its environment is unknown', async () => {
    const report = await planScan('other-delegate', '"444444444444"', accounts);
    const found = report.findings.filter((f) => f.ruleId === 'SCV-ENV-005');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('account 444444444444, which is not in the inventory and which the config maps to no environment (its environment is unknown)'),
    ]);
  });
});
