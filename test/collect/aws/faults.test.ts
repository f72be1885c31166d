import { afterEach, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import type { AwsConfig } from '../../../src/config/types.js';
import type { Inventory } from '../../../src/inventory/types.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer, type AwsServerOptions } from '../../support/aws-server/server.js';
import type { CollectionError } from '../../../src/inventory/types.js';

/** The core fields of collection errors (cause, remediation and sections are checked where they matter). */
const basic = (errors: readonly CollectionError[]) => errors.map(({ source, target, operation, code, message }) => ({ source, target, operation, code, message }));

const PROD = '111111111111';
const UAT = '222222222222';

let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(options: Partial<AwsServerOptions>, cfg?: (s: AwsServer) => AwsConfig): Promise<Inventory> {
  server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, ...options });
  const config = cfg
    ? cfg(server)
    : localConfig(server, [
        { id: PROD, environment: 'prod' },
        { id: UAT, environment: 'uat' },
      ]);
  return collectAws(config, localOptions());
}

describe('denied calls', () => {
  it('records every denied call of one account while the other account is collected in full', async () => {
    const inventory = await run({
      faults: ['connect', 'iam', 's3', 'cloudtrail'].map((service) => ({ kind: 'deny' as const, account: UAT, service })),
    });
    const prod = inventory.aws.accounts.find((a) => a.id === PROD)!;
    const uat = inventory.aws.accounts.find((a) => a.id === UAT)!;
    expect(prod.connectInstances).toHaveLength(1);
    expect(prod.s3Buckets).toHaveLength(3);
    expect(inventory.collection.errors.every((e) => e.target.startsWith(`${UAT}/`))).toBe(true);
    const byOperation = Object.fromEntries(inventory.collection.errors.map((e) => [e.operation, e]));
    expect(byOperation.ListInstances).toMatchObject({ source: 'aws', target: `${UAT}/us-east-1/connect:instances`, code: 'AccessDeniedException' });
    expect(byOperation.ListRoles).toMatchObject({ target: `${UAT}/global/iam:roles`, code: 'AccessDenied' });
    expect(byOperation.ListBuckets).toMatchObject({ target: `${UAT}/global/s3:buckets`, code: 'AccessDenied' });
    expect(byOperation.DescribeTrails).toMatchObject({ target: `${UAT}/us-east-1/cloudtrail:trails`, code: 'AccessDeniedException' });
    expect(byOperation.ListInstances!.message).toContain('not authorized');
    // Nothing read is not the same as "read: nothing there": CloudTrail stays unknown.
    expect(uat.cloudTrail).toBeNull();
    expect(uat.connectInstances).toEqual([]);
  });

  it('keeps the account-level public access block null and records the error when S3 Control is denied', async () => {
    const inventory = await run({ faults: [{ kind: 'deny', account: PROD, service: 's3control' }] });
    expect(inventory.aws.accounts.find((a) => a.id === PROD)!.s3PublicAccessBlock).toBeNull();
    expect(inventory.collection.errors.filter((e) => e.operation === 's3control:GetPublicAccessBlock')).toEqual([
      expect.objectContaining({ source: 'aws', target: `${PROD}/global/s3:account-public-access-block`, code: 'AccessDenied' }),
    ]);
  });

  it('keeps a bucket setting null and records the error when its Get call is denied', async () => {
    const inventory = await run({ faults: [{ kind: 'deny', account: PROD, service: 's3', operation: 'GetBucketEncryption' }] });
    const buckets = inventory.aws.accounts.find((a) => a.id === PROD)!.s3Buckets;
    expect(buckets.map((b) => b.encryption)).toEqual([null, null, null]);
    const errors = inventory.collection.errors.filter((e) => e.operation === 'GetBucketEncryption');
    expect(errors.map((e) => e.target).sort()).toEqual(
      [
        `${PROD}/eu-west-2/arn:aws:s3:::connect-prod-ctr-archive-${PROD}`,
        `${PROD}/us-east-1/arn:aws:s3:::connect-prod-recordings-${PROD}`,
        `${PROD}/us-west-2/arn:aws:s3:::acme-legacy-exports-${PROD}`,
      ].sort(),
    );
    expect(errors.every((e) => e.code === 'AccessDenied')).toBe(true);
    // The other settings of those buckets were still read.
    expect(buckets.find((b) => b.name.startsWith('connect-prod-recordings'))!.versioning).toBe('Enabled');
  });

  it('records a denied DescribeContactFlow and a denied DescribeStreamSummary without inventing content', async () => {
    const inventory = await run({
      faults: [
        { kind: 'deny', account: PROD, operation: 'DescribeContactFlow' },
        { kind: 'deny', account: PROD, operation: 'DescribeStreamSummary' },
      ],
    });
    const prod = inventory.aws.accounts.find((a) => a.id === PROD)!;
    const flows = prod.connectInstances[0]!.flows.filter((f) => f.type !== 'MODULE');
    expect(flows).toHaveLength(3);
    expect(inventory.collection.errors.filter((e) => e.operation === 'DescribeContactFlow')).toHaveLength(3);
    expect(prod.kinesisStreams.map((s) => s.encryption)).toEqual([null, null]);
    expect(inventory.collection.errors.filter((e) => e.operation === 'DescribeStreamSummary')).toHaveLength(2);
  });

  it('records a refused AssumeRole once per account and reads nothing with other credentials', async () => {
    const inventory = await run({ faults: [{ kind: 'deny', account: MANAGEMENT_ACCOUNT, service: 'sts', operation: 'AssumeRole' }] });
    // The operation is named as it failed: AssumeRole, not the GetCallerIdentity it was for.
    expect(inventory.collection.errors.map((e) => [e.target, e.operation, e.code, e.cause, e.sections])).toEqual([
      [`${PROD}/us-east-1/arn:aws:iam::${PROD}:role/ScvGuardReadOnly`, 'sts:AssumeRole', 'AccessDenied', 'assume-role', ['aws.accounts']],
      [`${UAT}/us-east-1/arn:aws:iam::${UAT}:role/ScvGuardReadOnly`, 'sts:AssumeRole', 'AccessDenied', 'assume-role', ['aws.accounts']],
    ]);
    expect(inventory.collection.errors[0]!.remediation).toMatch(
      new RegExp(`^AssumeRole on arn:aws:iam::${PROD}:role/ScvGuardReadOnly was refused: check that the role's trust policy names the scanner's principal and requires the external id`),
    );
    expect(server!.calls.every((c) => c.operation === 'AssumeRole')).toBe(true);
    expect(inventory.aws.accounts.every((a) => a.connectInstances.length === 0 && a.cloudTrail === null)).toBe(true);
  });

  it('does not collect an account whose credentials belong to another account', async () => {
    // The base keys belong to the management account; configure them for UAT without a role.
    const inventory = await run({}, (s) => ({ ...localConfig(s, [{ id: UAT, environment: 'uat' }]), accounts: [{ id: UAT, environment: 'uat' }] }));
    expect(basic(inventory.collection.errors)).toEqual([
      expect.objectContaining({ target: `${UAT}/us-east-1/sts:caller-identity`, operation: 'GetCallerIdentity', code: 'AccountMismatch' }),
    ]);
    expect(inventory.aws.accounts[0]).toMatchObject({ id: UAT, connectInstances: [], iamRoles: [], s3Buckets: [], cloudTrail: null });
    expect(server!.calls.filter((c) => c.operation !== 'GetCallerIdentity')).toEqual([]);
  });
});

describe('unreadable content', () => {
  it('records flow content that is not flow-language JSON, without quoting it', async () => {
    const estate = loadFixtureEstate();
    const instance = estate.get(PROD)!.regions['us-east-1']!.connect.instances['11111111-aaaa-4bbb-8ccc-000000000001']!;
    instance.DescribeContactFlow['3a4b5c6d-0000-4000-8000-00000000d002']!.ContactFlow.Content = 'AKIAABCDEFGHIJKLMNOP is not JSON';
    server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
    const inventory = await collectAws(localConfig(server, [{ id: PROD }]), localOptions());
    expect(basic(inventory.collection.errors)).toEqual([
      {
        source: 'aws',
        target: `${PROD}/us-east-1/arn:aws:connect:us-east-1:${PROD}:instance/11111111-aaaa-4bbb-8ccc-000000000001/contact-flow/3a4b5c6d-0000-4000-8000-00000000d002`,
        operation: 'DescribeContactFlow',
        code: 'InvalidFlowContent',
        message: expect.stringMatching(/^flow content: invalid JSON/),
      },
    ]);
    expect(JSON.stringify(inventory)).not.toContain('AKIAABCDEFGHIJKLMNOP');
  });
});

describe('unpublished flows', () => {
  it('reads the saved content of a flow that was never published, also when its summary says otherwise', async () => {
    const estate = loadFixtureEstate();
    const instance = estate.get(PROD)!.regions['us-east-1']!.connect.instances['11111111-aaaa-4bbb-8ccc-000000000001']!;
    // The summary claims PUBLISHED; DescribeContactFlow answers ContactFlowNotPublishedException.
    instance.ListContactFlows.ContactFlowSummaryList.find((f) => f.Name === 'Agent whisper')!.ContactFlowStatus = 'PUBLISHED';
    server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
    const inventory = await collectAws(localConfig(server, [{ id: PROD }]), localOptions());
    expect(basic(inventory.collection.errors)).toEqual([]);
    const describes = server.calls.filter((c) => c.operation === 'DescribeContactFlow').map((c) => c.status);
    expect(describes.filter((s) => s === 400)).toHaveLength(1);
    expect(inventory.aws.accounts[0]!.connectInstances[0]!.flows.map((f) => f.name)).toContain('Agent whisper');
  });
});

describe('throttling', () => {
  it('retries a 429 ThrottlingException (Connect) and a Query Throttling error (IAM), then succeeds', async () => {
    const inventory = await run({
      faults: [
        { kind: 'throttle', service: 'connect', operation: 'ListInstances', account: PROD },
        { kind: 'throttle', service: 'iam', operation: 'ListRoles', account: PROD },
        { kind: 'throttle', service: 'kinesis', operation: 'DescribeStreamSummary', account: PROD },
      ],
    });
    expect(basic(inventory.collection.errors)).toEqual([]);
    const prod = inventory.aws.accounts.find((a) => a.id === PROD)!;
    expect(prod.connectInstances).toHaveLength(1);
    expect(prod.iamRoles).toHaveLength(3);
    const list = server!.calls.filter((c) => c.account === PROD && c.operation === 'ListInstances');
    expect(list.map((c) => c.status)).toEqual([429, 200]);
    expect(server!.calls.filter((c) => c.account === PROD && c.operation === 'ListRoles')[0]!.status).toBe(400);
  });

  it('records a call that stays throttled after the retries, and the resource is not reported empty-and-clean', async () => {
    server = await startAwsServer({
      estate: loadFixtureEstate(),
      accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT },
      faults: [{ kind: 'throttle', service: 'connect', operation: 'ListInstanceAttributes', account: PROD, times: 100 }],
    });
    const inventory = await collectAws(localConfig(server, [{ id: PROD, environment: 'prod' }]), localOptions({ clientOverrides: { maxAttempts: 2 } }));
    expect(basic(inventory.collection.errors)).toEqual([
      {
        source: 'aws',
        target: `${PROD}/us-east-1/arn:aws:connect:us-east-1:${PROD}:instance/11111111-aaaa-4bbb-8ccc-000000000001/attributes`,
        operation: 'ListInstanceAttributes',
        code: 'ThrottlingException',
        message: 'Rate exceeded',
      },
    ]);
    expect(server.calls.filter((c) => c.operation === 'ListInstanceAttributes')).toHaveLength(2);
    expect(inventory.collection.errors[0]).toMatchObject({ cause: 'throttled', sections: ['aws.connectInstances.attributes'] });
    expect(inventory.collection.errors[0]!.remediation).toMatch(/still throttled after 2 attempts: raise aws\.maxAttempts, lower aws\.rateLimits\.connect or aws\.concurrency \(scan fewer accounts at once\)/);
  });
});

describe('unreachable endpoints', () => {
  it('names the host it could not reach and what to check', async () => {
    const config: AwsConfig = {
      regions: ['us-east-1'],
      endpoints: { sts: 'http://scv-guard-no-such-host.invalid:4566', iam: 'http://scv-guard-no-such-host.invalid:4566' },
      accounts: [{ id: PROD }],
    };
    const seen: string[] = [];
    const inventory = await collectAws(config, localOptions({ clientOverrides: { maxAttempts: 1 }, onError: (e) => seen.push(e.operation) }));
    expect(inventory.collection.errors).toHaveLength(1);
    expect(inventory.collection.errors[0]).toMatchObject({ operation: 'GetCallerIdentity', cause: 'network', sections: ['aws.accounts'] });
    expect(inventory.collection.errors[0]!.remediation).toMatch(/^Could not reach scv-guard-no-such-host\.invalid(:4566)?: check the endpoint \(aws\.endpoints\.sts/);
    expect(seen).toEqual(['GetCallerIdentity']); // reported live, as it happened
  });
});

describe('organizations discovery', () => {
  it('adds discovered accounts with their state, collects active ones through the same role name, and skips suspended ones', async () => {
    const inventory = await run({}, (s) => localConfig(s, [{ id: PROD, environment: 'prod' }], { organizations: { discover: true, environment: 'dev' } }));
    // Environment: config, else the account's Environment tag in Organizations, else organizations.environment.
    expect(inventory.aws.accounts.map((a) => [a.id, a.name, a.state, a.environment])).toEqual([
      [PROD, 'acme-prod', 'ACTIVE', 'prod'],
      [UAT, 'acme-uat', 'ACTIVE', 'uat'],
      ['333333333333', 'acme-dev', 'ACTIVE', 'dev'],
      ['444444444444', 'acme-retired', 'SUSPENDED', 'dev'],
    ]);
    expect(inventory.aws.accounts[0]!.tags).toEqual({ Environment: 'prod', CostCenter: 'cc-42' });
    expect(inventory.aws.accounts[2]!.tags).toEqual({ Owner: 'dev-team' });
    expect(basic(inventory.collection.errors)).toEqual([]);
    expect(server!.sessions.get('333333333333')?.[0]?.roleArn).toBe('arn:aws:iam::333333333333:role/ScvGuardReadOnly');
    expect(inventory.aws.accounts[2]!.s3Buckets).toHaveLength(1);
    expect(inventory.aws.accounts[3]!.cloudTrail).toBeNull();
    expect(server!.calls.some((c) => c.account === '444444444444')).toBe(false);
    expect(inventory.collection.sources.map((s) => s.target)).toEqual([PROD, UAT, '333333333333']);
  });

  it("reads each account's organization; the listing management account carries every member", async () => {
    const inventory = await run({}, (s) => localConfig(s, [{ id: PROD, environment: 'prod' }], { organizations: { discover: true, environment: 'dev' } }));
    const members = [PROD, UAT, '333333333333', '444444444444'];
    expect(inventory.aws.accounts.map((a) => [a.id, a.organization])).toEqual([
      [PROD, { id: 'o-abc123', managementAccountId: PROD, memberAccountIds: members }],
      [UAT, { id: 'o-abc123', managementAccountId: PROD, memberAccountIds: null }],
      ['333333333333', { id: 'o-abc123', managementAccountId: PROD, memberAccountIds: null }],
      // Suspended: listed, not read.
      ['444444444444', null],
    ]);
    expect(server!.calls.filter((c) => c.operation === 'DescribeOrganization').map((c) => c.account).sort()).toEqual([PROD, UAT, '333333333333']);
  });
});

describe("an account's organization", () => {
  it('without discovery: the organization id, no member list', async () => {
    const inventory = await run({});
    expect(inventory.aws.accounts.map((a) => a.organization)).toEqual([
      { id: 'o-abc123', managementAccountId: PROD, memberAccountIds: null },
      { id: 'o-abc123', managementAccountId: PROD, memberAccountIds: null },
    ]);
    expect(inventory.collection.errors).toEqual([]);
  });

  it('an account in no organization has id null, and that is no error', async () => {
    const estate = loadFixtureEstate();
    delete estate.get(PROD)!.organizations;
    server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
    const inventory = await collectAws(localConfig(server, [{ id: UAT, environment: 'uat' }]), localOptions());
    expect(inventory.aws.accounts[0]!.organization).toEqual({ id: null, managementAccountId: null, memberAccountIds: null });
    expect(inventory.collection.errors).toEqual([]);
  });

  it('a denied DescribeOrganization leaves organization null and is a collection error on aws.organization', async () => {
    const inventory = await run({ faults: [{ kind: 'deny', account: UAT, service: 'organizations', operation: 'DescribeOrganization' }] });
    expect(inventory.aws.accounts.map((a) => [a.id, a.organization?.id ?? null])).toEqual([
      [PROD, 'o-abc123'],
      [UAT, null],
    ]);
    expect(inventory.aws.accounts[1]!.organization).toBeNull();
    expect(inventory.collection.errors).toEqual([
      expect.objectContaining({
        target: `${UAT}/global/organizations:organization`,
        operation: 'DescribeOrganization',
        code: 'AccessDeniedException',
        cause: 'access-denied',
        sections: ['aws.organization'],
        remediation: expect.stringContaining('organizations:DescribeOrganization'),
      }),
    ]);
  });

  it('records an error for each active discovered account when the listing account has no role to reuse', async () => {
    server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
    const inventory = await collectAws(
      { ...localConfig(server, []), accounts: [{ id: PROD, environment: 'prod' }], organizations: { discover: true } },
      localOptions(),
    );
    expect(inventory.aws.accounts.map((a) => [a.id, a.state])).toEqual([
      [PROD, 'ACTIVE'],
      [UAT, 'ACTIVE'],
      ['333333333333', 'ACTIVE'],
      ['444444444444', 'SUSPENDED'],
    ]);
    expect(inventory.collection.errors.map((e) => [e.target, e.code])).toEqual([
      [`${UAT}/global/account`, 'NoCredentials'],
      ['333333333333/global/account', 'NoCredentials'],
    ]);
    expect(inventory.aws.accounts[0]!.connectInstances).toHaveLength(1);
  });

  it('records an error when the organization cannot be listed', async () => {
    const inventory = await run({ faults: [{ kind: 'deny', account: PROD, service: 'organizations', operation: 'ListAccounts' }] }, (s) =>
      localConfig(s, [{ id: PROD, environment: 'prod' }], { organizations: { discover: true } }),
    );
    expect(basic(inventory.collection.errors)).toEqual([
      expect.objectContaining({ target: `${PROD}/global/organizations:accounts`, operation: 'ListAccounts', code: 'AccessDeniedException' }),
    ]);
    expect(inventory.aws.accounts.map((a) => a.id)).toEqual([PROD]);
  });
});
