/**
 * Salesforce answers not in the documented shape are collection errors (cause invalid-response)
 * naming the operation and the sections it feeds — never a record read as if a field were empty,
 * nor a call center read as "not SCV". Through jsforce against the local Salesforce.
 */
import { describe, expect, it } from 'vitest';
import { collectSalesforce } from '../../../src/collect/salesforce/index.js';
import type { EstateFixture } from '../../support/salesforce-server/fixture.js';
import { harnessPerTest } from './harness.js';

const startHarness = harnessPerTest();

interface Malformed {
  name: string;
  org: 'prod' | 'uat';
  /** Records changed in the fixture (the server answers them as they are)... */
  tweak?: (estate: EstateFixture) => void;
  /** ...or whole answers replaced: by queried object the JSON answer, by `metadata:<operation>` the SOAP body. */
  answers?: Record<string, unknown>;
  operation: string;
  /** The inventory section the failed operation feeds. */
  section: string;
  code: string;
  message: string;
}

const record = (estate: EstateFixture, org: string, object: string, tooling = false) => {
  const fixture = estate.orgs.find((o) => o.key === org)!;
  return (tooling ? fixture.tooling : fixture.sobjects)[object]![0]!;
};
const readMetadata = (inner: string) => `<readMetadataResponse><result><records xsi:type="CallCenter">${inner}</records></result></readMetadataResponse>`;

const CASES: Malformed[] = [
  {
    name: 'query records that are not a list',
    org: 'uat',
    answers: { Organization: { totalSize: 1, done: true, records: 'Organization' } },
    operation: 'query Organization',
    section: 'salesforce.orgs',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query Organization answered with Organization record 1 that is a string, not an object',
  },
  {
    name: 'an Organization record whose IsSandbox is not a boolean',
    org: 'uat',
    tweak: (e) => (record(e, 'uat', 'Organization').IsSandbox = 'true'),
    operation: 'query Organization',
    section: 'salesforce.orgs',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query Organization answered with Organization record 1 whose IsSandbox is a string, not a boolean',
  },
  {
    name: 'a CallCenter record without InternalName',
    org: 'uat',
    tweak: (e) => delete record(e, 'uat', 'CallCenter').InternalName,
    operation: 'query CallCenter',
    section: 'salesforce.contactCenters',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query CallCenter answered with CallCenter record 1 without InternalName',
  },
  {
    name: 'a CallCenter record that is not an object',
    org: 'uat',
    answers: { CallCenter: { totalSize: 1, done: true, records: [null] } },
    operation: 'query CallCenter',
    section: 'salesforce.contactCenters',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query CallCenter answered with CallCenter record 1 that is null, not an object',
  },
  {
    name: 'a ConversationVendorInfo record whose AwsAccountKey is a number',
    org: 'prod',
    tweak: (e) => (record(e, 'prod', 'ConversationVendorInfo').AwsAccountKey = 123456789012),
    operation: 'query ConversationVendorInfo',
    section: 'salesforce.awsAccountKey',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query ConversationVendorInfo answered with ConversationVendorInfo record 1 whose AwsAccountKey is a number, not a string',
  },
  {
    name: 'a CallCenter record whose CreatedDate is no date',
    org: 'uat',
    tweak: (e) => (record(e, 'uat', 'CallCenter').CreatedDate = 'yesterday'),
    operation: 'query CallCenter',
    section: 'salesforce.contactCenters',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query CallCenter answered with CallCenter record 1 whose CreatedDate is a string, not a date or date-time (YYYY-MM-DD[Thh:mm:ss...])',
  },
  {
    name: 'a CallCenter record whose CreatedDate names no real day',
    org: 'uat',
    tweak: (e) => (record(e, 'uat', 'CallCenter').CreatedDate = '2025-02-30T10:00:00.000+0000'),
    operation: 'query CallCenter',
    section: 'salesforce.contactCenters',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query CallCenter answered with CallCenter record 1 whose CreatedDate is a string, not a date or date-time (YYYY-MM-DD[Thh:mm:ss...])',
  },
  {
    name: 'an Organization record whose TrialExpirationDate is no date',
    org: 'uat',
    tweak: (e) => (record(e, 'uat', 'Organization').TrialExpirationDate = 'never'),
    operation: 'query Organization',
    section: 'salesforce.orgs',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'query Organization answered with Organization record 1 whose TrialExpirationDate is a string, not a date or date-time (YYYY-MM-DD[Thh:mm:ss...])',
  },
  {
    name: 'a SandboxProcess record whose EndDate is no date',
    org: 'prod',
    tweak: (e) => (record(e, 'prod', 'SandboxProcess', true).EndDate = '10/01/2025'),
    operation: 'tooling query SandboxProcess',
    section: 'salesforce.sandbox',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'tooling query SandboxProcess answered with SandboxProcess record 1 whose EndDate is a string, not a date or date-time (YYYY-MM-DD[Thh:mm:ss...])',
  },
  {
    name: 'a SandboxInfo record without Id',
    org: 'prod',
    tweak: (e) => delete record(e, 'prod', 'SandboxInfo', true).Id,
    operation: 'tooling query SandboxInfo',
    section: 'salesforce.sandbox',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'tooling query SandboxInfo answered with SandboxInfo record 1 without Id',
  },
  {
    name: 'a SandboxProcess record without SandboxInfoId',
    org: 'prod',
    tweak: (e) => delete record(e, 'prod', 'SandboxProcess', true).SandboxInfoId,
    operation: 'tooling query SandboxProcess',
    section: 'salesforce.sandbox',
    code: 'INVALID_QUERY_RESPONSE',
    message: 'tooling query SandboxProcess answered with SandboxProcess record 1 without SandboxInfoId',
  },
  {
    name: 'a listMetadata entry without fullName',
    org: 'uat',
    answers: { 'metadata:listMetadata': '<listMetadataResponse><result><id>04v7Q000000UXmlQAG</id><type>CallCenter</type></result></listMetadataResponse>' },
    operation: 'metadata listMetadata CallCenter',
    section: 'salesforce.contactCenters',
    code: 'INVALID_METADATA_RESPONSE',
    message: 'listMetadata answered with entry 1 without fullName',
  },
  {
    name: 'a definition whose sections are text',
    org: 'uat',
    answers: { 'metadata:readMetadata': readMetadata('<fullName>UatPartnerXml</fullName><displayName>d</displayName><sections>reqHvcc</sections>') },
    operation: 'metadata readMetadata CallCenter (UatPartnerXml)',
    section: 'salesforce.contactCenters',
    code: 'INVALID_METADATA_RESPONSE',
    message: 'readMetadata answered with the CallCenter definition UatPartnerXml with section 1 without name',
  },
  {
    name: 'a definition item without name',
    org: 'uat',
    answers: { 'metadata:readMetadata': readMetadata('<fullName>UatPartnerXml</fullName><sections><items><value>i-1</value></items><name>reqHvcc</name></sections>') },
    operation: 'metadata readMetadata CallCenter (UatPartnerXml)',
    section: 'salesforce.contactCenters',
    code: 'INVALID_METADATA_RESPONSE',
    message: 'readMetadata answered with the CallCenter definition UatPartnerXml with item 1 of section 1 without name',
  },
];

describe('malformed Salesforce answers', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const harness = await startHarness({ orgs: [c.org], ...(c.tweak ? { tweak: c.tweak } : {}), ...(c.answers ? { server: { answers: { [c.org]: c.answers } } } : {}) });
    const inventory = await collectSalesforce(harness.config, {});
    const errors = inventory.collection.errors.filter((e) => e.operation === c.operation);
    expect(errors.map((e) => [e.code, e.message])).toEqual([[c.code, c.message]]);
    expect(errors[0]).toMatchObject({ source: 'salesforce', cause: 'invalid-response', sections: [c.section] });
  });

  it.each([
    [null, null],
    ['2025-03-01T10:00:00.000+0100', '2025-03-01T09:00:00.000Z'],
    ['2025-03-01', '2025-03-01T00:00:00.000Z'],
  ] as const)('a CallCenter CreatedDate of %j is read as %j, without error', async (value, createdAt) => {
    const harness = await startHarness({ orgs: ['uat'], tweak: (e) => (record(e, 'uat', 'CallCenter').CreatedDate = value) });
    const inventory = await collectSalesforce(harness.config, {});
    expect(inventory.collection.errors).toEqual([]);
    expect(inventory.salesforce.orgs[0]!.contactCenters.map((c) => [c.internalName, c.createdAt])).toEqual([['UatPartnerXml', createdAt]]);
  });

  it('a call center whose definition is malformed is missing with its error, not read as "not SCV"', async () => {
    const c = CASES.find((x) => x.name === 'a definition whose sections are text')!;
    const harness = await startHarness({ orgs: ['uat'], server: { answers: { uat: c.answers! } } });
    const inventory = await collectSalesforce(harness.config, {});
    expect(inventory.salesforce.orgs[0]!.contactCenters).toEqual([]);
    // Only the malformed answer is reported: the name it left unread is not also "not found".
    expect(inventory.collection.errors.map((e) => e.code)).toEqual(['INVALID_METADATA_RESPONSE']);
  });
});
