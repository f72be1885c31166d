/**
 * An AWS endpoint that sends its headers and then stalls: the call ends within `aws.timeouts`,
 * becomes a collection error naming the operation and host, and the other accounts are collected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer, type Fault } from '../../support/aws-server/server.js';

const PROD = '111111111111';
const UAT = '222222222222';

let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(faults: Fault[]): Promise<AwsServer> {
  server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, faults });
  return server;
}

describe('AWS network time limits', () => {
  it('a stalled answer is SCV-COLL-001 material naming operation and host; the other account is collected', async () => {
    const s = await serve([{ kind: 'stall', account: UAT, service: 'connect', operation: 'ListInstances' }]);
    const config = localConfig(s, [{ id: PROD, environment: 'prod' }, { id: UAT, environment: 'uat' }], { timeouts: { requestMs: 2_000 } });
    const started = Date.now();
    const inventory = await collectAws(config, localOptions());
    // Three attempts (the SDK retries a timeout) of 2 s each, plus back-off: far below a hang.
    expect(Date.now() - started).toBeLessThan(30_000);
    const host = new URL(s.url).host;
    const stalled = inventory.collection.errors.filter((e) => e.operation === 'ListInstances');
    expect(stalled).toMatchObject([
      { source: 'aws', target: `${UAT}/us-east-1/connect:instances`, operation: 'ListInstances', code: 'RequestTimeout', message: `no complete answer from ${host} within 2000 ms`, cause: 'network', remediation: expect.stringContaining('aws.timeouts.requestMs') },
    ]);
    expect(inventory.aws.accounts.find((a) => a.id === PROD)!.connectInstances).toHaveLength(1);
    expect(inventory.collection.errors.filter((e) => e.target.startsWith(PROD))).toEqual([]);
    // The rest of the stalled account was read.
    expect(inventory.aws.accounts.find((a) => a.id === UAT)!.s3Buckets.length).toBeGreaterThan(0);
  });

  it('past the collection deadline the remaining calls fail at once and the collection ends', async () => {
    const s = await serve([{ kind: 'stall', account: UAT, service: 'iam' }, { kind: 'stall', account: UAT, service: 'connect' }]);
    const config = localConfig(s, [{ id: UAT, environment: 'uat' }], { timeouts: { requestMs: 60_000, collectionMs: 4_000 } });
    const started = Date.now();
    const inventory = await collectAws(config, localOptions());
    expect(Date.now() - started).toBeLessThan(20_000);
    const cut = inventory.collection.errors.filter((e) => e.code === 'CollectionDeadlineExceeded');
    expect(cut.map((e) => e.operation)).toEqual(expect.arrayContaining(['ListRoles', 'ListInstances']));
    expect(cut[0]!.message).toContain('time limit of 4000 ms');
    expect(cut[0]!.remediation).toContain('aws.timeouts.collectionMs');
  });
});
