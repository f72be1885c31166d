/** A Salesforce answer that sends its headers and then stalls ends within the configured limit. */
import { describe, expect, it } from 'vitest';
import { collectSalesforce } from '../../../src/collect/salesforce/index.js';
import { harnessPerTest } from './harness.js';

const startHarness = harnessPerTest();

describe('Salesforce network time limits', () => {
  it('a stalled query is a collection error naming the host; the other orgs are collected', async () => {
    const harness = await startHarness({ server: { stallQueries: { uat2: ['Organization'] } } });
    harness.config.timeouts = { requestMs: 2_000 };
    const started = Date.now();
    const inventory = await collectSalesforce(harness.config);
    expect(Date.now() - started).toBeLessThan(20_000);
    const host = new URL(harness.server.url).host;
    const stalled = inventory.collection.errors.filter((e) => e.target === 'uat2');
    expect(stalled).toMatchObject([
      { source: 'salesforce', target: 'uat2', operation: 'query Organization', code: 'RequestTimeout', message: `no complete answer from ${host} within 2000 ms`, cause: 'network', remediation: expect.stringContaining('salesforce.timeouts.requestMs') },
    ]);
    expect(inventory.salesforce.orgs.map((o) => o.kind)).toContain('production');
    expect(inventory.collection.errors.filter((e) => e.target !== 'uat2')).toEqual([]);
  });

  it('past the collection deadline every remaining call fails at once', async () => {
    const harness = await startHarness({ orgs: ['uat2'], server: { stallQueries: { uat2: ['Organization'] } } });
    harness.config.timeouts = { requestMs: 60_000, collectionMs: 3_000 };
    const started = Date.now();
    const inventory = await collectSalesforce(harness.config);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(inventory.collection.errors).toMatchObject([
      { target: 'uat2', operation: 'query Organization', code: 'CollectionDeadlineExceeded', message: expect.stringContaining('time limit of 3000 ms'), cause: 'network', remediation: expect.stringContaining('salesforce.timeouts.collectionMs') },
    ]);
  });
});
