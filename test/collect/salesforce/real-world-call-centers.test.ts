/**
 * The call center import files Salesforce publishes (fixtures/real-world/salesforce-scv-examples/
 * callcenter/), served by the local Salesforce as the Metadata API returns a CallCenter, give
 * their contact center, instance and roles; their placeholders are read as not known.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { collectSalesforce } from '../../../src/collect/salesforce/index.js';
import { toId18 } from '../../../src/collect/salesforce/ids.js';
import type { ContactCenter } from '../../../src/inventory/types.js';
import { inventoryProblems } from '../../../src/inventory/validate.js';
import type { CallCenterDefinitionFixture } from '../../support/salesforce-server/fixture.js';
import { harnessPerTest } from './harness.js';

const DIR = 'fixtures/real-world/salesforce-scv-examples/callcenter';
const UAT = '00D7Q000001UATbUAO';

interface ImportSection {
  name: string;
  label: string;
  item?: { name: string; label: string; value?: string }[];
}

/** An import file as the Metadata API returns the CallCenter it creates. */
function definitionOf(file: string, id: string): CallCenterDefinitionFixture {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: 'value', parseTagValue: false, isArray: (name) => name === 'section' || name === 'item' });
  const sections = (parser.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as { callCenter: { section: ImportSection[] } }).callCenter.section;
  const general = sections.find((s) => s.name === 'reqGeneralInfo')!.item!;
  const item = (name: string): string => general.find((i) => i.name === name)!.value!;
  return {
    id,
    fullName: item('reqInternalName'),
    displayName: item('reqDisplayName'),
    createdDate: '2026-03-01T10:00:00.000+0000',
    sections: sections.map((s) => ({ name: s.name, label: s.label, items: (s.item ?? []).map((i) => ({ name: i.name, label: i.label, value: i.value ?? '' })) })),
  };
}

const startHarness = harnessPerTest();

describe('the published call center import files, read through the Metadata API', () => {
  it('give their contact centers, with placeholders not known and the relay state read', async () => {
    const definitions = [
      definitionOf('amazon_connect_partner_telephony_cc_import.xml', toId18('04v7Q000000RWAc')),
      definitionOf('partner_telephony_cc_import.xml', toId18('04v7Q000000RWPt')),
    ];
    const harness = await startHarness({
      orgs: ['uat'],
      tweak: (estate) => {
        const uat = estate.orgs.find((o) => o.key === 'uat')!;
        uat.callCenterDefinitions = definitions;
        uat.sobjects.CallCenter = definitions.map((d) => ({ Id: d.id, Name: d.displayName, InternalName: d.fullName, CreatedDate: d.createdDate }));
      },
    });
    const inv = await collectSalesforce(harness.config, { now: () => new Date('2026-03-02T00:00:00Z') });
    expect(inventoryProblems(inv)).toEqual([]);
    const centers = inv.salesforce.orgs.find((o) => o.id === UAT)!.contactCenters;
    const byName = new Map<string, ContactCenter>(centers.map((c) => [c.internalName, c]));

    // Partner Telephony from Amazon Connect: the ids, the instance name and three role ARNs are
    // placeholders; the update-credential role names a real account, the relay state the region.
    expect(byName.get('AmazonConnectPartnerTelephonyCC')).toEqual({
      id: definitions[0]!.id,
      internalName: 'AmazonConnectPartnerTelephonyCC',
      displayName: 'Amazon Connect Partner Telephony',
      createdAt: '2026-03-01T10:00:00.000Z',
      telephonyModel: 'partner-telephony',
      provisioning: 'xml-import',
      connect: { instanceId: null, instanceArn: null, region: 'us-west-2', awsAccountId: '890742609842' },
      roles: {
        provisioning: null,
        connectManagement: null,
        updateCredential: 'arn:aws:iam::890742609842:role/SCVUpdateCredentialRole',
        instanceRecording: null,
        s3: null,
      },
    });
    // Another partner's telephony: nothing names an instance or a role.
    expect(byName.get('scvPartnerCC')).toMatchObject({
      telephonyModel: 'partner-telephony',
      provisioning: 'unknown',
      connect: { instanceId: null, instanceArn: null, region: null, awsAccountId: null },
      roles: { provisioning: null, connectManagement: null, updateCredential: null, instanceRecording: null, s3: null },
    });
  });

  it('take the instance from the relay state once it is filled in, and name the global resiliency instances', async () => {
    const filled = definitionOf('amazon_connect_partner_telephony_cc_import.xml', toId18('04v7Q000000RWAc'));
    const hvcc = filled.sections.find((s) => s.name === 'reqHvcc')!;
    const set = (name: string, value: string): void => {
      const existing = hvcc.items.find((i) => i.name === name);
      if (existing) existing.value = value;
      else hvcc.items.push({ name, label: name, value });
    };
    const instanceId = '6f1c2a9e-0d4b-4c8e-9a51-0e3b7d2f1a11';
    set('reqSettingsRelayState', `https://eu-central-1.console.aws.amazon.com/connect/federate/${instanceId}`);
    set('reqRelayState', `https://eu-central-1.console.aws.amazon.com/connect/federate/${instanceId}?destination=%2Fconnect%2Fccp-v2`);
    set('reqRegion', '');
    set('reqInstanceName', '');
    set('reqPrimaryInstanceName', 'acme-prod-east');
    set('reqSecondaryInstanceName', 'acme-prod-west');
    set('reqAmazonConnectManagementRole', 'arn:aws:iam::333333333333:role/SCVAmazonConnectManagementRole');
    const harness = await startHarness({
      orgs: ['uat'],
      tweak: (estate) => {
        const uat = estate.orgs.find((o) => o.key === 'uat')!;
        uat.callCenterDefinitions = [filled];
        uat.sobjects.CallCenter = [{ Id: filled.id, Name: filled.displayName, InternalName: filled.fullName, CreatedDate: filled.createdDate }];
      },
    });
    const inv = await collectSalesforce(harness.config, { now: () => new Date('2026-03-02T00:00:00Z') });
    expect(inventoryProblems(inv)).toEqual([]);
    const center = inv.salesforce.orgs.find((o) => o.id === UAT)!.contactCenters[0]!;
    expect(center.connect).toEqual({
      instanceId,
      instanceArn: `arn:aws:connect:eu-central-1:333333333333:instance/${instanceId}`,
      region: 'eu-central-1',
      awsAccountId: '333333333333',
      instanceAlias: 'acme-prod-east',
      replicaInstanceAlias: 'acme-prod-west',
    });
  });
});
