/** AWS answers not in the documented shape are collection errors, never an empty list or a dropped entry. */
import { afterEach, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

const PROD = '111111111111';
let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collectWith(edit: (list: { InstanceSummaryList: unknown }) => void) {
  const estate = loadFixtureEstate();
  edit(estate.get(PROD)!.regions['us-east-1']!.connect.ListInstances as { InstanceSummaryList: unknown });
  server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
  return collectAws(localConfig(server, [{ id: PROD }]), localOptions());
}

describe('malformed ListInstances answers', () => {
  it('a list field that is not a list is SCV-COLL-001 material (invalid-response), not zero instances', async () => {
    const inventory = await collectWith((l) => (l.InstanceSummaryList = 'notalist'));
    const errors = inventory.collection.errors.filter((e) => e.operation === 'ListInstances');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'InvalidResponse', cause: 'invalid-response', message: 'ListInstances answered with a list field that is not a list (string)' });
  });

  it('an instance summary without an Arn is an error, not a dropped instance', async () => {
    const inventory = await collectWith((l) => {
      const list = l.InstanceSummaryList as Record<string, unknown>[];
      delete list[0]!.Arn;
    });
    const errors = inventory.collection.errors.filter((e) => e.operation === 'ListInstances');
    expect(errors).toEqual([expect.objectContaining({ code: 'InvalidResponse', cause: 'invalid-response', message: 'ListInstances answered with an instance summary without Id or Arn' })]);
  });
});
