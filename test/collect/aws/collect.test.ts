import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import { inventoryProblems } from '../../../src/inventory/validate.js';
import type { AwsAccount, Inventory } from '../../../src/inventory/types.js';
import { BASE_ACCESS_KEY, EXTERNAL_ID, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

const PROD = '111111111111';
const UAT = '222222222222';

let server: AwsServer;
let inventory: Inventory;
const progress: string[] = [];

beforeAll(async () => {
  server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, pageSize: 2 });
  inventory = await collectAws(
    localConfig(server, [
      { id: PROD, environment: 'prod' },
      { id: UAT, environment: 'uat' },
    ]),
    localOptions({ progress: (l) => progress.push(l) }),
  );
});
afterAll(() => server.close());

const account = (id: string): AwsAccount => {
  const found = inventory.aws.accounts.find((a) => a.id === id);
  if (!found) throw new Error(`account ${id} missing`);
  return found;
};

describe('collectAws against the fixture estate', () => {
  it('collects every configured account without errors, each with a source entry', () => {
    expect(inventory.collection.errors).toEqual([]);
    expect(inventory.aws.accounts.map((a) => [a.id, a.environment])).toEqual([
      [PROD, 'prod'],
      [UAT, 'uat'],
    ]);
    expect(inventory.collection.sources.map((s) => [s.kind, s.target, s.startedAt])).toEqual([
      ['aws', PROD, '2026-01-15T12:00:00.000Z'],
      ['aws', UAT, '2026-01-15T12:00:00.000Z'],
    ]);
    expect(inventory.generatedAt).toBe('2026-01-15T12:00:00.000Z');
  });

  it('produces an inventory that validates against the inventory v1 JSON Schema', () => {
    expect(inventoryProblems(JSON.parse(JSON.stringify(inventory)))).toEqual([]);
  });

  it('assumes each account role with the external id and the scv-guard session name', () => {
    for (const id of [PROD, UAT]) {
      const assumed = server.sessions.get(id) ?? [];
      expect(assumed.length).toBeGreaterThan(0);
      for (const a of assumed) expect(a).toEqual({ roleArn: `arn:aws:iam::${id}:role/ScvGuardReadOnly`, sessionName: 'scv-guard', externalId: EXTERNAL_ID });
    }
    // Every non-STS call was signed with the assumed-role keys of its own account.
    const dataCalls = server.calls.filter((c) => c.operation !== 'AssumeRole');
    expect(dataCalls.every((c) => c.accessKeyId.startsWith(`ASIA${c.account}`))).toBe(true);
    expect(new Set(dataCalls.map((c) => c.account))).toEqual(new Set([PROD, UAT]));
  });

  it('follows pagination (NextToken, Marker, ContinuationToken) to the end', () => {
    const pagesOf = (op: string) => server.calls.filter((c) => c.account === PROD && c.operation === op).length;
    expect(pagesOf('ListRoles')).toBe(2); // 3 roles, 2 per page
    expect(pagesOf('ListBuckets')).toBe(2);
    expect(pagesOf('ListContactFlows')).toBe(2);
    expect(pagesOf('ListInstanceAttributes')).toBe(4); // 7 attributes
    expect(account(PROD).iamRoles).toHaveLength(3);
    expect(account(PROD).s3Buckets).toHaveLength(3);
    expect(Object.keys(account(PROD).connectInstances[0]!.attributes)).toHaveLength(7);
  });

  it('reads the Connect instance: tags, environment, storage of every resource type, attributes', () => {
    const instance = account(PROD).connectInstances[0]!;
    expect(instance).toMatchObject({
      id: '11111111-aaaa-4bbb-8ccc-000000000001',
      alias: 'acme-prod-cc',
      region: 'us-east-1',
      status: 'ACTIVE',
      createdAt: '2024-02-01T10:00:00.000Z',
      tags: { CostCenter: 'cc-42' },
      environment: 'prod', // inherited from the account
    });
    const storageCalls = server.calls.filter((c) => c.account === PROD && c.operation === 'ListInstanceStorageConfigs');
    expect(storageCalls).toHaveLength(13);
    expect(instance.storage).toContainEqual({
      resourceType: 'CALL_RECORDINGS',
      storageType: 'S3',
      s3: { bucket: `connect-prod-recordings-${PROD}`, prefix: 'connect/acme/CallRecordings', kmsKeyId: `arn:aws:kms:us-east-1:${PROD}:key/0f1e2d3c-0000-4000-8000-00000000e001` },
      streamArn: null,
      kinesisVideo: null,
    });
    expect(instance.storage).toContainEqual({
      resourceType: 'CONTACT_TRACE_RECORDS',
      storageType: 'KINESIS_STREAM',
      s3: null,
      streamArn: `arn:aws:kinesis:us-east-1:${PROD}:stream/acme-prod-ctr`,
      kinesisVideo: null,
    });
    expect(instance.storage).toContainEqual({
      resourceType: 'MEDIA_STREAMS',
      storageType: 'KINESIS_VIDEO_STREAM',
      s3: null,
      streamArn: null,
      kinesisVideo: { prefix: 'acme-prod-media', retentionHours: 24, kmsKeyId: 'alias/aws/kinesisvideo' },
    });
    expect(instance.attributes).toMatchObject({ CONTACTFLOW_LOGS: true, USE_CUSTOM_TTS_VOICES: false });
    expect(account(UAT).connectInstances[0]!.attributes.CONTACTFLOW_LOGS).toBe(false);
  });

  it('lists Lambda associations, only the instance phone numbers, and integrations', () => {
    const instance = account(PROD).connectInstances[0]!;
    expect(instance.lambdaFunctions).toContain(`arn:aws:lambda:us-east-1:${PROD}:function:InvokeSalesforceRestApiFunction`);
    expect(instance.phoneNumbers).toEqual([
      { number: '+18005550100', type: 'TOLL_FREE', arn: `arn:aws:connect:us-east-1:${PROD}:phone-number/pn-1` },
      { number: '+12065550101', type: 'DID', arn: `arn:aws:connect:us-east-1:${PROD}:phone-number/pn-2` },
    ]);
    expect(instance.integrations).toContainEqual({
      type: 'EVENT',
      sourceType: 'SALESFORCE',
      arn: `arn:aws:app-integrations:us-east-1:${PROD}:event-integration/salesforce-events`,
      sourceApplicationUrl: 'https://acme.my.salesforce.com',
    });
  });

  it('analyzes flow and module content: Lambda alias, Lex, queue references and the planted secrets', () => {
    const flows = account(PROD).connectInstances[0]!.flows;
    expect(flows.map((f) => [f.name, f.type, f.state])).toEqual([
      ['Main inbound', 'CONTACT_FLOW', 'ACTIVE'],
      ['Customer queue hold', 'CUSTOMER_QUEUE', 'ACTIVE'],
      ['Agent whisper', 'AGENT_WHISPER', 'ARCHIVED'],
      ['Authenticate caller', 'MODULE', 'ACTIVE'],
    ]);
    const main = flows[0]!;
    expect(main.references).toContainEqual({ kind: 'lambda', arn: `arn:aws:lambda:us-east-1:${PROD}:function:scv-crm-lookup:PROD`, action: 'InvokeLambdaFunction', actionId: 'a2' });
    expect(main.references).toContainEqual({ kind: 'lex', arn: `arn:aws:lex:us-east-1:${PROD}:bot-alias/BOTID12345/ALIASID123`, action: 'ConnectParticipantWithLexBot', actionId: 'a3' });
    expect(main.references.filter((r) => r.kind === 'queue')).toHaveLength(1);
    expect(main.references).toContainEqual({ kind: 'lambda', arn: '$.Attributes.lambdaArn', action: 'InvokeLambdaFunction', actionId: 'a7', dynamic: true });
    expect(main.secrets.map((s) => s.kind).sort()).toEqual(['aws-access-key', 'named-secret']);
    expect(flows[3]!.references).toEqual([{ kind: 'lambda', arn: `arn:aws:lambda:us-east-1:${PROD}:function:scv-verify-caller:PROD`, action: 'InvokeLambdaFunction', actionId: expect.any(String) }]);
  });

  it('never lets a planted credential value into the inventory', () => {
    const json = JSON.stringify(inventory);
    expect(json).not.toContain('AKIAZ7EXAMPLEPLANTED');
    expect(json).not.toContain('sk_live_51HxYzPlantedValue');
  });

  it('URL-decodes trust policies and always makes Statement an array', () => {
    const roles = account(PROD).iamRoles;
    const s3Role = roles.find((r) => r.name === 'acme-prod-SCVS3Role')!;
    expect(s3Role.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'connect.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const prov = roles.find((r) => r.name === 'SCVProvisioningRole')!;
    expect(prov.path).toBe('/service-role/');
    expect(prov.tags).toEqual({ Environment: 'prod', Owner: 'contact-center', ManagedBy: 'salesforce' });
    expect(prov.trustPolicy?.Statement[0]?.Condition).toEqual({ StringEquals: { 'sts:ExternalId': '00D000000000001EAA' } });
  });

  it('reads bucket settings; the documented "not configured" S3 errors mean the setting is off (or absent), not a failure', () => {
    const buckets = account(PROD).s3Buckets;
    const recordings = buckets.find((b) => b.name === `connect-prod-recordings-${PROD}`)!;
    expect(recordings).toMatchObject({
      region: 'us-east-1',
      environment: 'prod',
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      encryption: { algorithm: 'aws:kms', kmsKeyId: `arn:aws:kms:us-east-1:${PROD}:key/0f1e2d3c-0000-4000-8000-00000000e001` },
      versioning: 'Enabled',
    });
    expect(recordings.policy?.Statement[0]?.Sid).toBe('DenyInsecureTransport');
    const archive = buckets.find((b) => b.name === `connect-prod-ctr-archive-${PROD}`)!;
    expect(archive).toEqual({
      name: `connect-prod-ctr-archive-${PROD}`,
      arn: `arn:aws:s3:::connect-prod-ctr-archive-${PROD}`,
      region: 'eu-west-2',
      environment: 'prod',
      tags: {},
      policy: null,
      publicAccessBlock: { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false },
      encryption: { algorithm: null, kmsKeyId: null },
      versioning: null,
      // S3's default ACL (the owner alone) and no ownership controls: ACLs still decide ownership.
      acl: { ownerId: 'c0ffee111111111111', grants: [{ granteeType: 'CanonicalUser', granteeId: 'c0ffee111111111111', granteeUri: null, permission: 'FULL_CONTROL' }] },
      objectOwnership: 'ObjectWriter',
    });
    expect(recordings.objectOwnership).toBe('BucketOwnerEnforced');
    const legacy = buckets.find((b) => b.name.startsWith('acme-legacy-exports'))!;
    // A resource's own Environment tag wins over its account's environment.
    expect(legacy).toMatchObject({ region: 'us-west-2', environment: 'uat', versioning: 'Suspended', encryption: { algorithm: 'AES256', kmsKeyId: null } });
    expect(Array.isArray(legacy.policy?.Statement)).toBe(true);
  });

  it('reads the account-level S3 Block Public Access; an account without one has all four settings off', () => {
    expect(account(PROD).s3PublicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(account(UAT).s3PublicAccessBlock).toEqual({ BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    expect(server.calls.filter((c) => c.service === 's3control').map((c) => [c.account, c.operation]).sort()).toEqual([
      [PROD, 'GetPublicAccessBlock'],
      [UAT, 'GetPublicAccessBlock'],
    ]);
  });

  it('reads CloudTrail trails with logging status and the Kinesis streams Connect writes to', () => {
    expect(account(PROD).cloudTrail).toEqual({
      trails: [
        { name: 'acme-prod-local', arn: `arn:aws:cloudtrail:us-east-1:${PROD}:trail/acme-prod-local`, multiRegion: false, organization: false, logging: false },
        { name: 'org-trail', arn: `arn:aws:cloudtrail:us-east-1:${PROD}:trail/org-trail`, multiRegion: true, organization: true, logging: true },
      ],
    });
    expect(account(PROD).kinesisStreams).toEqual([
      { arn: `arn:aws:kinesis:us-east-1:${PROD}:stream/acme-prod-agent-events`, name: 'acme-prod-agent-events', encryption: 'NONE' },
      { arn: `arn:aws:kinesis:us-east-1:${PROD}:stream/acme-prod-ctr`, name: 'acme-prod-ctr', encryption: 'KMS' },
    ]);
  });

  it('reports progress lines per account and a summary', () => {
    expect(progress).toContain(`aws ${PROD}: collecting (us-east-1)`);
    expect(progress.at(-1)).toMatch(/^aws: 2 account\(s\), \d+ API call\(s\), 0 collection error\(s\)$/);
  });
});
