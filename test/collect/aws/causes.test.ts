/**
 * Every API call the collectors send names the inventory sections it feeds: deny each call in
 * turn on the local server and check that its collection error resolves to that operation and
 * names its sections from OPERATION_SECTIONS (known section names, nothing broader by accident).
 */
import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import { CREDENTIAL_OPERATIONS, OPERATION_SECTIONS, operationKey, sectionsOf } from '../../../src/collect/aws/causes.js';
import { OPERATION_ACTIONS } from '../../../src/collect/aws/permissions.js';
import { isKnownSection } from '../../../src/inventory/sections.js';
import type { CollectionError } from '../../../src/inventory/types.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer, type Fault } from '../../support/aws-server/server.js';

/** Operation → the first account that sent it, in a collection without faults. */
const sentBy = new Map<string, string>();

/** Collects one account, or (`discover`) the whole organization from the management account. */
async function collect(account: string, discover: boolean, faults: Fault[] = []): Promise<{ server: AwsServer; errors: CollectionError[] }> {
  const server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, faults });
  try {
    const inventory = await collectAws(localConfig(server, [{ id: account }], discover ? { organizations: { discover: true } } : {}), localOptions());
    return { server, errors: inventory.collection.errors };
  } finally {
    await server.close();
  }
}

beforeAll(async () => {
  const { server, errors } = await collect(MANAGEMENT_ACCOUNT, true);
  expect(errors).toEqual([]);
  for (const c of server.calls) {
    const key = `${c.service}:${c.operation}`;
    if (c.operation !== 'AssumeRole' && !sentBy.has(key)) sentBy.set(key, c.account);
  }
});

describe('OPERATION_SECTIONS', () => {
  it('has an entry for every operation of the IAM table and the credential steps, and no other', () => {
    expect(Object.keys(OPERATION_SECTIONS).sort()).toEqual([...Object.keys(OPERATION_ACTIONS), ...Object.values(CREDENTIAL_OPERATIONS)].sort());
    for (const [operation, sections] of Object.entries(OPERATION_SECTIONS)) {
      expect(sections.length, operation).toBeGreaterThan(0);
      for (const section of sections) expect(isKnownSection(section), `${operation}: ${section}`).toBe(true);
    }
  });

  it('covers every operation the collectors send', () => {
    expect(sentBy.size).toBeGreaterThan(30);
    for (const operation of sentBy.keys()) expect(OPERATION_SECTIONS, operation).toHaveProperty([operation]);
  });

  it('resolves a name two services share only with its service', () => {
    expect(operationKey('GetPublicAccessBlock')).toBeUndefined();
    expect(sectionsOf('GetPublicAccessBlock')).toEqual(['aws.accounts']);
    expect(sectionsOf('s3control:GetPublicAccessBlock')).toEqual(['aws.s3PublicAccessBlock']);
    expect(sectionsOf('s3:GetPublicAccessBlock')).toEqual(['aws.s3Buckets.publicAccessBlock']);
    expect(sectionsOf('ListSAMLProviders')).toEqual(['aws.samlProviders']);
  });

  it('a denied call is recorded as its own operation, naming the sections it feeds', async () => {
    const limit = pLimit(3);
    const outcomes = await Promise.all(
      [...sentBy].map(([operation, account]) =>
        limit(async () => {
          const [service, name] = operation.split(':') as [string, string];
          // Only Organizations calls need the whole organization; the others are denied in an account collected alone.
          const discover = service === 'organizations';
          const { errors } = await collect(discover ? MANAGEMENT_ACCOUNT : account, discover, [{ kind: 'deny', account, service, operation: name }]);
          return { operation, errors: errors.filter((e) => e.cause === 'access-denied') };
        }),
      ),
    );
    for (const { operation, errors } of outcomes) {
      expect(errors.length, `denying ${operation} records an error`).toBeGreaterThan(0);
      for (const e of errors) {
        expect(operationKey(e.operation), `${operation} recorded as ${e.operation}`).toBe(operation);
        expect(e.sections, operation).toEqual(OPERATION_SECTIONS[operation as keyof typeof OPERATION_SECTIONS]);
        expect(e.remediation, operation).toContain((OPERATION_ACTIONS as Record<string, readonly string[]>)[operation]![0] ?? '');
      }
    }
  }, 300_000);
});
