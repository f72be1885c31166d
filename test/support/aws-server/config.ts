/** AwsConfig / options pointing the collectors at a local AWS server. */
import type { AwsConfig, AwsService } from '../../../src/config/types.js';
import { stringify } from 'yaml';
import type { AwsCollectOptions } from '../../../src/collect/aws/index.js';

export const BASE_ACCESS_KEY = 'AKIALOCALBASE0000001';
export const MANAGEMENT_ACCOUNT = '111111111111';
export const EXTERNAL_ID = 'scv-guard-test-external-id';

const SERVICES: AwsService[] = ['connect', 'iam', 's3', 'sts', 'organizations', 'cloudtrail', 'kinesis', 'cloudformation', 'lambda', 'kms', 'firehose', 's3control'];

/** Every service at the server's HTTP/1.1 URL, Kinesis (HTTP/2 only in the SDK) at its h2c URL. */
export function localEndpoints(server: { url: string; h2Url: string }): Partial<Record<AwsService, string>> {
  // S3 Control puts the account id in front of the host, which an IP address cannot take.
  return Object.fromEntries(SERVICES.map((s) => [s, s === 'kinesis' ? server.h2Url : s === 's3control' ? server.url.replace('127.0.0.1', 'localhost') : server.url]));
}

export function roleFor(account: string) {
  return { roleArn: `arn:aws:iam::${account}:role/ScvGuardReadOnly`, externalId: EXTERNAL_ID };
}

export function localConfig(server: { url: string; h2Url: string }, accounts: { id: string; environment?: string }[], extra: Partial<AwsConfig> = {}): AwsConfig {
  return {
    regions: ['us-east-1'],
    endpoints: localEndpoints(server),
    rateLimits: { connect: 1000 },
    accounts: accounts.map((a) => ({ ...a, assumeRole: roleFor(a.id) })),
    ...extra,
  };
}

/**
 * The text of a scanner config whose AWS section is `localConfig` (for tests that run the CLI):
 * the environments by name and tier, the accounts, and any other top-level keys.
 */
export function localConfigYaml(
  server: { url: string; h2Url: string },
  environments: Record<string, 'production' | 'non-production'>,
  accounts: { id: string; environment: string }[],
  topLevel: Record<string, unknown> = {},
): string {
  return stringify({
    environments: Object.entries(environments).map(([name, tier]) => ({ name, tier })),
    aws: localConfig(server, accounts),
    ...topLevel,
  });
}

export const localOptions = (extra: AwsCollectOptions = {}): AwsCollectOptions => ({
  now: () => new Date('2026-01-15T12:00:00.000Z'),
  ...extra,
  clientOverrides: { credentials: { accessKeyId: BASE_ACCESS_KEY, secretAccessKey: 'local-secret' }, ...(extra.clientOverrides ?? {}) },
});
