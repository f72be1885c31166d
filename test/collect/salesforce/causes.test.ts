/**
 * Salesforce error codes with a cause and remediation of their own (not the catch-all "other"),
 * raised through jsforce against the local Salesforce.
 */
import { describe, expect, it } from 'vitest';
import { collectSalesforce } from '../../../src/collect/salesforce/index.js';
import { harnessPerTest } from './harness.js';

const startHarness = harnessPerTest();

describe('Salesforce collection error causes', () => {
  it('a CallCenter record without a Metadata API definition is not-found, naming it and saying it is left out', async () => {
    const harness = await startHarness({ orgs: ['uat'], tweak: (e) => (e.orgs.find((o) => o.key === 'uat')!.callCenterDefinitions = []) });
    const inventory = await collectSalesforce(harness.config, {});
    expect(inventory.salesforce.orgs[0]!.contactCenters).toEqual([]);
    expect(inventory.collection.errors).toHaveLength(1);
    const [error] = inventory.collection.errors;
    expect(error).toMatchObject({ code: 'DEFINITION_NOT_FOUND', cause: 'not-found', sections: ['salesforce.contactCenters'] });
    expect(error!.message).toContain('UatPartnerXml');
    expect(error!.remediation).toMatch(/^The org has this CallCenter record, but the Metadata API returned no CallCenter definition of that name, so its contact center is left out/);
  });

  it('a field hidden from the scanner user (INVALID_FIELD) is access-denied, naming the object and the user', async () => {
    const harness = await startHarness({
      orgs: ['uat'],
      failing: { uat: { CallCenter: { status: 400, errorCode: 'INVALID_FIELD', message: "No such column 'InternalName' on entity 'CallCenter'." } } },
    });
    const inventory = await collectSalesforce(harness.config, {});
    const [error] = inventory.collection.errors;
    expect(error).toMatchObject({ operation: 'query CallCenter', code: 'INVALID_FIELD', cause: 'access-denied', sections: ['salesforce.contactCenters'] });
    expect(error!.remediation).toMatch(/^A field the query selects is not visible: give (user \S+|the scanner user) read access \(field-level security\) to the fields of CallCenter/);
  });

  it('Salesforce unavailable (SERVER_UNAVAILABLE) says so, naming the host', async () => {
    const harness = await startHarness({
      orgs: ['uat'],
      failing: { uat: { CallCenter: { status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server unavailable: maintenance in progress' } } },
    });
    const inventory = await collectSalesforce(harness.config, {});
    const [error] = inventory.collection.errors;
    expect(error).toMatchObject({ operation: 'query CallCenter', code: 'SERVER_UNAVAILABLE', cause: 'other' });
    expect(error!.remediation).toMatch(/^Salesforce answered that \S+ is unavailable \(maintenance or an incident\): check status\.salesforce\.com/);
  });

  it('a record id that is no Salesforce id (INVALID_ID) is invalid-response', async () => {
    const harness = await startHarness({ orgs: ['uat'], tweak: (e) => (e.orgs.find((o) => o.key === 'uat')!.sobjects.CallCenter![0]!.Id = 'not-an-id') });
    const inventory = await collectSalesforce(harness.config, {});
    const [error] = inventory.collection.errors;
    expect(error).toMatchObject({ operation: 'query CallCenter', code: 'INVALID_ID', cause: 'invalid-response', sections: ['salesforce.contactCenters'] });
  });
});
