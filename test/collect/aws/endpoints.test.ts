import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localEndpoints } from '../../support/aws-server/config.js';
import { collectAws } from '../../../src/collect/aws/index.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

const PROD = '111111111111';
const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_KINESIS',
  'AWS_ENDPOINT_URL_S3_CONTROL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let server: AwsServer | undefined;
afterEach(async () => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await server?.close();
  server = undefined;
});

describe('endpoints and credentials from the environment', () => {
  it('uses AWS_ENDPOINT_URL(_<SERVICE>) and static keys from the default credential chain, S3 path-style', async () => {
    server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { AKIAENVSTATIC0000001: PROD } });
    process.env.AWS_ENDPOINT_URL = server.url;
    process.env.AWS_ENDPOINT_URL_KINESIS = server.h2Url;
    // S3 Control puts the account id in front of the host: its endpoint must be a host name.
    process.env.AWS_ENDPOINT_URL_S3_CONTROL = server.url.replace('127.0.0.1', 'localhost');
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENVSTATIC0000001';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const inventory = await collectAws({ regions: ['us-east-1'], rateLimits: { connect: 1000 }, accounts: [{ id: PROD, environment: 'prod' }] });
    expect(inventory.collection.errors).toEqual([]);
    const account = inventory.aws.accounts[0]!;
    expect(account.connectInstances).toHaveLength(1);
    expect(account.s3Buckets).toHaveLength(3);
    expect(account.kinesisStreams).toHaveLength(2);
    expect(new Set(server.calls.map((c) => c.accessKeyId))).toEqual(new Set(['AKIAENVSTATIC0000001']));
    // Path-style: the bucket is the first path segment, never a host name.
    expect(server.calls.filter((c) => c.service === 's3' && c.operation === 'GetBucketTagging')).toHaveLength(3);
  });

  it('reads an account through its named profile, not the environment keys', async () => {
    server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { AKIAPROFILEUAT000001: '222222222222', AKIAENVSTATIC0000001: PROD } });
    const dir = mkdtempSync(join(tmpdir(), 'scv-aws-profile-'));
    try {
      writeFileSync(join(dir, 'credentials'), '[uat-readonly]\naws_access_key_id = AKIAPROFILEUAT000001\naws_secret_access_key = profile-secret\n');
      writeFileSync(join(dir, 'config'), '[profile uat-readonly]\nregion = us-east-1\n');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_ACCESS_KEY_ID = 'AKIAENVSTATIC0000001';
      process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
      delete process.env.AWS_PROFILE;
      const inventory = await collectAws({
        regions: ['us-east-1'],
        endpoints: localEndpoints(server),
        rateLimits: { connect: 1000 },
        accounts: [{ id: '222222222222', environment: 'uat', profile: 'uat-readonly' }],
      });
      expect(inventory.collection.errors).toEqual([]);
      expect(inventory.aws.accounts[0]!.iamRoles).toHaveLength(3);
      expect(new Set(server.calls.map((c) => c.accessKeyId))).toEqual(new Set(['AKIAPROFILEUAT000001']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a per-service endpoint in the config win over AWS_ENDPOINT_URL', async () => {
    server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { AKIAENVSTATIC0000001: PROD } });
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9'; // nothing listens here
    const inventory = await collectAws(
      { regions: ['us-east-1'], endpoints: { sts: server.url }, accounts: [{ id: PROD }] },
      { clientOverrides: { credentials: { accessKeyId: 'AKIAENVSTATIC0000001', secretAccessKey: 's' }, maxAttempts: 1 } },
    );
    // STS answered through the configured endpoint; the other services failed on the unreachable default, and said so.
    expect(server.calls.map((c) => c.operation)).toEqual(['GetCallerIdentity']);
    const codes = new Set(inventory.collection.errors.map((e) => e.code));
    expect(codes.has('ECONNREFUSED')).toBe(true);
    expect(inventory.collection.errors.map((e) => e.operation)).toEqual(expect.arrayContaining(['ListInstances', 'ListRoles', 'ListBuckets', 'DescribeTrails']));
    expect(inventory.aws.accounts[0]!.cloudTrail).toBeNull();
  });

  it('rejects bad config values with a config error naming the key', async () => {
    await expect(collectAws({ regions: ['us-east-1'], accounts: [{ id: '1234' }] })).rejects.toThrow('aws.accounts[0].id: "1234" is not a 12-digit AWS account id');
    await expect(collectAws({ regions: ['us-east-1'], concurrency: 0, accounts: [] })).rejects.toThrow(/^aws.concurrency: expected an integer >= 1/);
    await expect(collectAws({ regions: [], accounts: [{ id: PROD }] })).rejects.toMatchObject({ code: 'config', message: expect.stringMatching(/no regions/) });
    await expect(collectAws({ regions: ['us-east-1'], rateLimits: { connect: 0 }, accounts: [] })).rejects.toThrow(/^aws.rateLimits.connect: /);
    await expect(collectAws({ regions: ['us-east-1'], organizations: { discover: true }, accounts: [] })).rejects.toThrow(/management/);
  });
});
