import { describe, expect, it } from 'vitest';
import {
  callCenterType,
  toContactCenter,
  type CallCenterDefinition,
  type CallCenterRow,
} from '../../../src/collect/salesforce/call-center-definition.js';
import { SalesforceResponseError } from '../../../src/collect/salesforce/errors.js';
import { thrown } from '../../support/thrown.js';

const row: CallCenterRow = { id: '04v5g000000PPnwAAG', name: 'Row Name', internalName: 'CC', createdAt: '2024-05-20T14:00:00.000Z' };

function definition(hvcc: Record<string, string>, extra: Partial<CallCenterDefinition> = {}, vendor?: string): CallCenterDefinition {
  const general = [{ name: 'reqInternalName', value: 'CC' }, ...(vendor ? [{ name: 'reqVendorInfoApiName', value: vendor }] : [])];
  return {
    fullName: 'CC',
    displayName: 'Display',
    sections: [
      { name: 'reqGeneralInfo', items: general },
      { name: 'reqHvcc', items: Object.entries(hvcc).map(([name, value]) => ({ name, value })) },
    ],
    ...extra,
  };
}

const ACCOUNT = '123456789012';
const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

describe('toContactCenter', () => {
  it('is null for call centers without SCV settings (Open CTI)', () => {
    expect(toContactCenter(row, { fullName: 'CC', sections: [{ name: 'reqGeneralInfo', items: [] }] })).toBeNull();
  });

  it('classifies provisioning from the roles and call center type, never guessing', () => {
    const xml = toContactCenter(row, definition({ reqUpdateCredentialRole: role('U'), reqAmazonConnectManagementRole: role('M') }, {}, 'c__AMAZON_CONNECT'));
    expect(xml?.provisioning).toBe('xml-import');
    const typed = (type: string) =>
      toContactCenter(row, definition({ reqProvisioningRole: role('P') }, { customSettings: JSON.stringify({ reqCallCenterType: type }) }))?.provisioning;
    expect(typed('SCVAmazonNewInstance')).toBe('new-instance');
    expect(typed('SCVAmazonExistingInstance')).toBe('existing-instance');
    expect(typed('SCVBYOT')).toBe('unknown');
    // A provisioning role alone is used by both new and existing instances.
    expect(toContactCenter(row, definition({ reqProvisioningRole: role('P') }))?.provisioning).toBe('unknown');
    expect(toContactCenter(row, definition({ reqSCVProvisioningRole: role('P2') }))?.roles.provisioning).toBe(role('P2'));
  });

  it('tells partner telephony from the vendor info name or the BYOT call center type', () => {
    expect(toContactCenter(row, definition({}))?.telephonyModel).toBe('amazon-connect');
    expect(toContactCenter(row, definition({}, {}, 'c__AMAZON_CONNECT'))?.telephonyModel).toBe('partner-telephony');
    expect(toContactCenter(row, definition({}, { customSettings: '{"reqCallCenterType":"SCVBYOT"}' }))?.telephonyModel).toBe('partner-telephony');
  });

  it('builds the instance ARN from region, id and the account of the management role first', () => {
    const center = toContactCenter(
      row,
      definition({
        reqInstanceId: 'abc-123',
        reqRegion: 'ap-southeast-2',
        reqSCVS3Role: role('S3', '999999999999'),
        reqAmazonConnectManagementRole: role('M'),
      }),
    );
    expect(center?.connect).toEqual({
      instanceId: 'abc-123',
      region: 'ap-southeast-2',
      awsAccountId: ACCOUNT,
      instanceArn: `arn:aws:connect:ap-southeast-2:${ACCOUNT}:instance/abc-123`,
    });
    expect(center?.displayName).toBe('Display');
    expect(center?.id).toBe(row.id);
  });

  it('keeps the partition of GovCloud role ARNs', () => {
    const center = toContactCenter(
      row,
      definition({ reqInstanceId: 'i-1', reqRegion: 'us-gov-west-1', reqAmazonConnectManagementRole: `arn:aws-us-gov:iam::${ACCOUNT}:role/M` }),
    );
    expect(center?.connect.instanceArn).toBe(`arn:aws-us-gov:connect:us-gov-west-1:${ACCOUNT}:instance/i-1`);
  });

  it('leaves account and ARN null when no role names a real account; placeholder roles are not known', () => {
    const center = toContactCenter(
      row,
      definition({ reqInstanceId: 'i-1', reqRegion: 'us-west-2', reqAmazonConnectManagementRole: 'arn:aws:iam::XXXXXXXXXXXX:role/M' }),
    );
    expect(center?.connect).toEqual({ instanceId: 'i-1', region: 'us-west-2', awsAccountId: null, instanceArn: null });
    expect(center?.roles.connectManagement).toBeNull();
  });

  it('reads the import files\' placeholders as not known, never as ids', () => {
    const center = toContactCenter(
      row,
      definition({
        reqInstanceId: 'AmazonConnectInstanceId',
        reqInstanceName: 'AmazonConnectInstanceName',
        reqRelayState: '{replace this URL with relay state of your identity provider\'s app}',
        reqSettingsRelayState: 'https://us-west-2.console.aws.amazon.com/connect/federate/123456abcd-0367-42bd-962d-50b329761XXX',
        reqInstanceRecordingRole: 'arn:aws:iam::XXXXXXXXXXXX:role/multiorgscc1-ConnectCallRole',
      }),
    );
    expect(center?.connect).toEqual({ instanceId: null, region: null, awsAccountId: null, instanceArn: null });
    expect(center?.roles.instanceRecording).toBeNull();
  });

  it('takes the instance and region from the relay state when reqInstanceId and reqRegion are not given', () => {
    const id = '6f1c2a9e-0d4b-4c8e-9a51-0e3b7d2f1a11';
    const center = toContactCenter(
      row,
      definition({
        reqSettingsRelayState: `https://us-gov-west-1.console.amazonaws-us-gov.com/connect/federate/${id}`,
        reqInstanceName: 'acme-gov',
        reqAmazonConnectManagementRole: `arn:aws-us-gov:iam::${ACCOUNT}:role/M`,
      }),
    );
    expect(center?.connect).toEqual({
      instanceId: id,
      region: 'us-gov-west-1',
      awsAccountId: ACCOUNT,
      instanceArn: `arn:aws-us-gov:connect:us-gov-west-1:${ACCOUNT}:instance/${id}`,
      instanceAlias: 'acme-gov',
    });
    // reqInstanceId wins over the relay state.
    expect(toContactCenter(row, definition({ reqInstanceId: 'i-1', reqRelayState: `https://us-east-1.console.aws.amazon.com/connect/federate/${id}` }))?.connect)
      .toMatchObject({ instanceId: 'i-1', region: 'us-east-1' });
  });

  it('treats empty items as absent and falls back to the row name for the display name', () => {
    const center = toContactCenter(row, definition({ reqUpdateCredentialRole: '  ', reqRegion: '' }, { displayName: '' }));
    expect(center?.roles.updateCredential).toBeNull();
    expect(center?.connect.region).toBeNull();
    expect(center?.provisioning).toBe('unknown');
    expect(center?.displayName).toBe('Row Name');
  });
});

describe('callCenterType', () => {
  it('reads reqCallCenterType from JSON customSettings', () => {
    expect(callCenterType({ fullName: 'x', customSettings: '{"reqCallCenterType":"SCVBYOT","reqTimeout":"5000"}' })).toBe('SCVBYOT');
    expect(callCenterType({ fullName: 'x', customSettings: '{"reqTimeout":"5000"}' })).toBeNull();
    expect(callCenterType({ fullName: 'x', customSettings: '' })).toBeNull();
    expect(callCenterType({ fullName: 'x' })).toBeNull();
  });

  it('refuses customSettings that are not a JSON object, located inside them and never quoted', () => {
    const error = (customSettings: string) => thrown(() => callCenterType({ fullName: 'CC', customSettings }), SalesforceResponseError);
    expect(error('not json secret-ish')).toMatchObject({ code: 'INVALID_CUSTOM_SETTINGS_RESPONSE', message: expect.stringMatching(/^CallCenter CC: customSettings: invalid JSON: .*\(at line 1, column 1 of the customSettings\)$/) });
    expect(error('not json secret-ish').message).not.toContain('secret-ish');
    expect(error('{"reqCallCenterType": "SCVBYOT",\n "reqCallCenterType": "SCVAmazonNewInstance"}').message).toBe(
      'CallCenter CC: customSettings: duplicate key "reqCallCenterType" (at line 2, column 2, $.reqCallCenterType of the customSettings)',
    );
    expect(error('["SCVBYOT"]').message).toBe('CallCenter CC: customSettings: expected a JSON object, found an array');
    expect(error(`{"a": ${'['.repeat(200)}${']'.repeat(200)}}`).message).toMatch(/^CallCenter CC: customSettings: nested deeper than 128 levels/);
  });
});
