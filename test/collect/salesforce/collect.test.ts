import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSalesforce } from '../../../src/collect/salesforce/index.js';
import type { Inventory, SalesforceOrg } from '../../../src/inventory/types.js';
import { inventoryProblems } from '../../../src/inventory/validate.js';
import { harnessPerTest, type Harness } from './harness.js';
import type { CollectionError } from '../../../src/inventory/types.js';

/** The core fields of collection errors (cause, remediation and sections are checked where they matter). */
const basic = (errors: readonly CollectionError[]) => errors.map(({ source, target, operation, code, message }) => ({ source, target, operation, code, message }));

const PROD = '00D5g000004PRDaEAO';
const UAT = '00D7Q000001UATbUAO';
const UAT2 = '00D7Q000002UT2cUAG';
const QA = '00D7Q000003QAddUAG';
const FIXED_NOW = () => new Date('2026-01-02T03:04:05.000Z');

const startHarness = harnessPerTest();

function org(inv: Inventory, id: string): SalesforceOrg {
  const found = inv.salesforce.orgs.find((o) => o.id === id);
  if (!found) throw new Error(`org ${id} missing; have ${inv.salesforce.orgs.map((o) => o.id).join(', ')}`);
  return found;
}

function expectNoSecrets(h: Harness, inv: Inventory, lines: string[] = []): void {
  const text = JSON.stringify(inv) + '\n' + lines.join('\n');
  const secrets = h.secrets();
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('collectSalesforce against a local Salesforce', () => {
  it('collects production, sandbox lineage, a deleted sandbox and SCV contact centers', async () => {
    const harness = await startHarness();
    const progress: string[] = [];
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW, progress: (l) => progress.push(l) });

    expect(basic(inv.collection.errors)).toEqual([]);
    expect(inv.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(inv.salesforce.orgs.map((o) => [o.id, o.kind, o.status])).toEqual([
      [PROD, 'production', 'active'],
      [UAT, 'sandbox', 'active'],
      [UAT2, 'sandbox', 'active'],
      [QA, 'sandbox', 'deleted'],
    ]);
    expect(inv.collection.sources.map((s) => s.target)).toEqual([`prod/${PROD}`, `uat/${UAT}`, `uat2/${UAT2}`]);
    expect(inv.collection.sources.every((s) => s.kind === 'salesforce' && s.finishedAt === '2026-01-02T03:04:05.000Z')).toBe(true);

    const prod = org(inv, PROD);
    expect(prod).toMatchObject({ name: 'Acme Production', environment: 'prod', instanceUrl: harness.server.url, sandbox: null, awsAccountKey: '111111111111' });
    // The Open CTI call center (no reqHvcc section) is not an SCV contact center.
    expect(prod.contactCenters.map((c) => c.internalName)).toEqual(['ProdAmazonCC', 'ProdPartnerNew']);
    expect(prod.contactCenters[0]).toEqual({
      id: '04v5g000000PAccAAG',
      internalName: 'ProdAmazonCC',
      displayName: 'Prod Amazon Connect',
      createdAt: '2024-02-01T09:15:00.000Z',
      telephonyModel: 'amazon-connect',
      provisioning: 'unknown',
      connect: { instanceId: '6f1c2a9e-0d4b-4c8e-9a51-0e3b7d2f1a11', instanceArn: null, region: 'us-east-1', awsAccountId: null, instanceAlias: 'acme-prod' },
      roles: { provisioning: null, connectManagement: null, updateCredential: null, instanceRecording: null, s3: null },
    });
    expect(prod.contactCenters[1]).toMatchObject({
      telephonyModel: 'partner-telephony',
      provisioning: 'new-instance',
      connect: {
        instanceId: '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
        instanceArn: 'arn:aws:connect:us-east-1:444444444444:instance/9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
        region: 'us-east-1',
        awsAccountId: '444444444444',
      },
      roles: {
        provisioning: 'arn:aws:iam::444444444444:role/SCVProvisioningRole',
        connectManagement: 'arn:aws:iam::444444444444:role/SCVAmazonConnectManagementRole',
        updateCredential: null,
        instanceRecording: 'arn:aws:iam::444444444444:role/ProdPartnerNew-ConnectCallRole',
        s3: 'arn:aws:iam::444444444444:role/ProdPartnerNew-SCVS3Role',
      },
    });

    const uat = org(inv, UAT);
    // Missing ConversationVendorInfo licence: absent, and not a collection error.
    expect(uat.awsAccountKey).toBeNull();
    expect(uat.sandbox).toEqual({ name: 'uat', sourceOrgId: null, productionOrgId: PROD, lastCopiedAt: '2025-06-01T08:30:00.000Z' });
    expect(uat.contactCenters).toHaveLength(1);
    expect(uat.contactCenters[0]).toMatchObject({
      internalName: 'UatPartnerXml',
      provisioning: 'xml-import',
      telephonyModel: 'partner-telephony',
      connect: { awsAccountId: '222222222222', instanceArn: 'arn:aws:connect:us-west-2:222222222222:instance/1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b' },
      roles: { updateCredential: 'arn:aws:iam::222222222222:role/SCVUpdateCredentialRole' },
    });

    const uat2 = org(inv, UAT2);
    expect(uat2.sandbox).toEqual({ name: 'uat2', sourceOrgId: UAT, productionOrgId: PROD, lastCopiedAt: '2025-07-15T12:00:00.000Z' });
    expect(uat2.awsAccountKey).toBeNull();
    expect(uat2.contactCenters[0]).toMatchObject({
      provisioning: 'existing-instance',
      connect: {
        instanceId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
        region: 'eu-west-2',
        awsAccountId: '333333333333',
        instanceArn: 'arn:aws:connect:eu-west-2:333333333333:instance/0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      },
    });

    expect(org(inv, QA)).toEqual({
      id: QA,
      name: 'qa',
      kind: 'sandbox',
      environment: null,
      status: 'deleted',
      instanceUrl: null,
      sandbox: { name: 'qa', sourceOrgId: null, productionOrgId: PROD, lastCopiedAt: '2024-11-02T10:00:00.000Z' },
      awsAccountKey: null,
      contactCenters: [],
    });
    // The org id uat had before its refresh is not reported.
    expect(inv.salesforce.orgs.some((o) => o.id.startsWith('00D7Q000000OLDu'))).toBe(false);

    // Paging was followed (page size 2), for REST and Tooling queries.
    const log = harness.server.log;
    expect(log.filter((r) => r.kind === 'rest' && r.org === 'prod' && r.operation === 'queryMore')).toHaveLength(1);
    expect(log.filter((r) => r.kind === 'tooling' && r.operation === 'queryMore')).toHaveLength(2);
    expect(log.filter((r) => r.kind === 'soap').map((r) => r.operation)).toContain('listMetadata');
    expect(new Set(log.filter((r) => r.apiVersion).map((r) => r.apiVersion))).toEqual(new Set(['62.0']));
    // JWT for prod, refresh-token for uat; access-token uat2 needs no token request.
    expect(log.filter((r) => r.kind === 'oauth').map((r) => [r.org, r.operation, r.status])).toEqual(
      expect.arrayContaining([
        ['prod', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 200],
        ['uat', 'refresh_token', 200],
      ]),
    );
    expect(log.filter((r) => r.kind === 'oauth')).toHaveLength(2);

    expectNoSecrets(harness, inv, progress);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('renews an expired session once and retries the call', async () => {
    const harness = await startHarness({ orgs: ['uat'] });
    // uat's first session dies after one request (the Organization query).
    harness.server.expireSessions('uat', [1]);
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([]);
    expect(org(inv, UAT).contactCenters.map((c) => c.provisioning)).toEqual(['xml-import']);
    const log = harness.server.log;
    expect(log.filter((r) => r.status === 401)).toHaveLength(1);
    expect(log.filter((r) => r.kind === 'oauth' && r.operation === 'refresh_token')).toHaveLength(2);
    expectNoSecrets(harness, inv);
  });

  it('renews a JWT session whose Metadata API call found it expired', async () => {
    const harness = await startHarness({ orgs: ['prod'] });
    // Organization, ConversationVendorInfo and two CallCenter pages pass; listMetadata fails.
    harness.server.expireSessions('prod', [4]);
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([]);
    expect(org(inv, PROD).contactCenters).toHaveLength(2);
    const soap = harness.server.log.filter((r) => r.kind === 'soap');
    expect(soap.map((r) => [r.operation, r.status])).toEqual([
      ['listMetadata', 500],
      ['listMetadata', 200],
      ['readMetadata', 200],
    ]);
    expect(harness.server.log.filter((r) => r.kind === 'oauth')).toHaveLength(2);
  });

  it('renews at most once per call: a session that expires again is a collection error', async () => {
    const harness = await startHarness({ orgs: ['uat'] });
    // Session 1 serves the Organization query; session 2 (from the renewal) is dead on arrival.
    harness.server.expireSessions('uat', [1, 0]);
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([
      {
        source: 'salesforce',
        target: `uat/${UAT}`,
        operation: 'query ConversationVendorInfo',
        code: 'INVALID_SESSION_ID',
        message: 'Session expired or invalid',
      },
    ]);
    // The next call renews again (session 3) and the rest of the org is collected.
    expect(harness.server.log.filter((r) => r.kind === 'oauth')).toHaveLength(3);
    expect(org(inv, UAT).contactCenters).toHaveLength(1);
    expectNoSecrets(harness, inv);
  });

  it('does not renew an access-token session', async () => {
    const harness = await startHarness({ orgs: ['uat2'] });
    harness.server.expireSessions('uat2', [1]);
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(harness.server.log.filter((r) => r.kind === 'oauth')).toHaveLength(0);
    expect(inv.collection.errors.map((e) => e.code)).toContain('INVALID_SESSION_ID');
    expect(inv.salesforce.orgs.map((o) => o.id)).toEqual([UAT2]);
    expectNoSecrets(harness, inv);
  });

  it('records a Tooling API permission error and still collects the rest of the org', async () => {
    const harness = await startHarness({
      failing: {
        prod: {
          SandboxInfo: {
            status: 403,
            errorCode: 'INSUFFICIENT_ACCESS',
            message: 'Insufficient Privileges: You do not have the level of access necessary (session {token}).',
          },
        },
      },
    });
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(inv.collection.errors).toHaveLength(1);
    const [error] = inv.collection.errors;
    expect(error).toMatchObject({ source: 'salesforce', target: `prod/${PROD}`, operation: 'tooling query SandboxInfo', code: 'INSUFFICIENT_ACCESS' });
    expect(error!.message).toContain('[REDACTED]');
    expect(org(inv, PROD).contactCenters).toHaveLength(2);
    expect(org(inv, UAT).sandbox).toBeNull();
    expect(inv.salesforce.orgs.some((o) => o.status === 'deleted')).toBe(false);
    expectNoSecrets(harness, inv);
  });

  it('treats other ConversationVendorInfo failures as collection errors', async () => {
    const harness = await startHarness({
      orgs: ['prod'],
      failing: {
        prod: {
          ConversationVendorInfo: { status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'Insufficient Privileges' },
        },
      },
    });
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(org(inv, PROD).awsAccountKey).toBeNull();
    expect(basic(inv.collection.errors)).toEqual([
      { source: 'salesforce', target: `prod/${PROD}`, operation: 'query ConversationVendorInfo', code: 'INSUFFICIENT_ACCESS', message: 'Insufficient Privileges' },
    ]);
  });

  it('still reads definitions by InternalName when listMetadata fails', async () => {
    const harness = await startHarness({
      orgs: ['prod'],
      failing: {
        prod: {
          'metadata:listMetadata': { status: 500, errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on cross-reference id' },
        },
      },
    });
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([
      {
        source: 'salesforce',
        target: `prod/${PROD}`,
        operation: 'metadata listMetadata CallCenter',
        code: 'INSUFFICIENT_ACCESS',
        message: 'insufficient access rights on cross-reference id',
      },
    ]);
    expect(org(inv, PROD).contactCenters.map((c) => c.internalName)).toEqual(['ProdAmazonCC', 'ProdPartnerNew']);
  });

  it('records a failed readMetadata batch and leaves its call centers out', async () => {
    const harness = await startHarness({
      orgs: ['prod'],
      failing: {
        prod: {
          'metadata:readMetadata': { status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' },
        },
      },
    });
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(org(inv, PROD).contactCenters).toEqual([]);
    expect(basic(inv.collection.errors)).toEqual([
      {
        source: 'salesforce',
        target: `prod/${PROD}`,
        operation: 'metadata readMetadata CallCenter (LegacyOpenCti, ProdAmazonCC, ProdPartnerNew)',
        code: 'UNKNOWN_EXCEPTION',
        message: 'An unexpected error occurred',
      },
    ]);
  });

  it('records a definition whose customSettings are not a JSON object, located, and leaves only that call center out', async () => {
    const harness = await startHarness({
      orgs: ['prod'],
      tweak: (estate) => {
        const prod = estate.orgs.find((o) => o.key === 'prod')!;
        prod.callCenterDefinitions.find((d) => d.fullName === 'ProdPartnerNew')!.customSettings = '{"reqCallCenterType":"SCVAmazonNewInstance",\n"reqCallCenterType":"SCVBYOT"}';
      },
    });
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(inv.collection.errors).toEqual([
      expect.objectContaining({
        source: 'salesforce',
        target: `prod/${PROD}`,
        operation: 'metadata readMetadata CallCenter',
        code: 'INVALID_CUSTOM_SETTINGS_RESPONSE',
        message: 'CallCenter ProdPartnerNew: customSettings: duplicate key "reqCallCenterType" (at line 2, column 1, $.reqCallCenterType of the customSettings)',
        cause: 'invalid-response',
        sections: ['salesforce.contactCenters'],
      }),
    ]);
    expect(org(inv, PROD).contactCenters.map((c) => c.internalName)).toEqual(['ProdAmazonCC']);
  });

  it('records a malformed sandbox record without losing the rest of the org', async () => {
    const harness = await startHarness({
      orgs: ['prod'],
      tweak: (estate) => {
        const prod = estate.orgs.find((o) => o.key === 'prod')!;
        prod.tooling.SandboxProcess![0]!.SandboxOrganization = '00D-bogus';
      },
    });
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([
      {
        source: 'salesforce',
        target: `prod/${PROD}`,
        operation: 'build sandbox lineage',
        code: 'INVALID_ID',
        message: 'not a Salesforce id: expected 15 or 18 letters/digits, got "00D-bogus"',
      },
    ]);
    expect(inv.salesforce.orgs.map((o) => o.id)).toEqual([PROD]);
    expect(org(inv, PROD).contactCenters).toHaveLength(2);
  });

  it('reads no sandbox lineage from an org configured as production that is not one', async () => {
    const harness = await startHarness({ orgs: ['uat'] });
    harness.config.orgs[0]!.production = true;
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([
      {
        source: 'salesforce',
        target: `uat/${UAT}`,
        operation: 'read sandbox lineage',
        code: 'NOT_A_PRODUCTION_ORG',
        message: 'configured with production: true, but the org is a sandbox org',
      },
    ]);
    expect(harness.server.log.some((r) => r.kind === 'tooling')).toBe(false);
    expect(org(inv, UAT).contactCenters).toHaveLength(1);
  });

  it('reports an unreachable org as a collection error', async () => {
    const harness = await startHarness({ orgs: ['uat2'] });
    const url = harness.server.url;
    await harness.server.stop();
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(inv.salesforce.orgs).toEqual([]);
    expect(inv.collection.errors).toHaveLength(1);
    expect(inv.collection.errors[0]).toMatchObject({ target: 'uat2', operation: 'query Organization', code: 'ECONNREFUSED' });
    expect(inv.collection.errors[0]!.message).toContain(url);
  });

  it('reads call center definitions in batches of at most 10', async () => {
    const harness = await startHarness({
      orgs: ['uat2'],
      tweak: (estate) => {
        const uat2 = estate.orgs.find((o) => o.key === 'uat2')!;
        const [template] = uat2.callCenterDefinitions;
        uat2.callCenterDefinitions = [];
        uat2.sobjects.CallCenter = [];
        for (let i = 0; i < 23; i++) {
          const id = `04v7Q00000${String(i).padStart(5, '0')}AAA`;
          const fullName = `Center${String(i).padStart(2, '0')}`;
          uat2.callCenterDefinitions.push({ ...template!, id, fullName, displayName: fullName });
          uat2.sobjects.CallCenter.push({ Id: id, Name: fullName, InternalName: fullName, CreatedDate: '2025-07-20T10:00:00.000+0000' });
        }
      },
    });
    const inv = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([]);
    expect(org(inv, UAT2).contactCenters).toHaveLength(23);
    const batches = harness.server.log.filter((r) => r.operation === 'readMetadata').map((r) => r.batchSize);
    expect(batches).toEqual([10, 10, 3]);
  });

  it('reports failed authentication per org without stopping the others', async () => {
    const harness = await startHarness({ orgs: ['prod', 'uat2'] });
    const config = structuredClone(harness.config);
    const prod = config.orgs[0]!;
    if (prod.auth.method !== 'jwt') throw new Error('fixture changed');
    prod.auth.username = 'someone-else@acme.example';
    const inv = await collectSalesforce(config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([
      { source: 'salesforce', target: 'prod', operation: 'authenticate', code: 'invalid_grant', message: "user hasn't approved this consumer" },
    ]);
    expect(inv.collection.errors[0]).toMatchObject({ cause: 'session', sections: ['salesforce.orgs'] });
    expect(inv.collection.errors[0]!.remediation).toMatch(/^User someone-else@acme\.example is not pre-authorised for the connected app/);
    expect(inv.salesforce.orgs.map((o) => o.id)).toEqual([UAT2]);
    expect(inv.collection.sources.map((s) => s.target)).toEqual(['prod', `uat2/${UAT2}`]);
  });

  it('reports a key file that holds no usable key as an authentication error with the key-file remediation', async () => {
    const harness = await startHarness({ orgs: ['prod'] });
    const config = structuredClone(harness.config);
    const prod = config.orgs[0]!;
    if (prod.auth.method !== 'jwt') throw new Error('fixture changed');
    // A file that does not exist is a config error before collection (test/config/key-files.test.ts).
    const notAKey = join(mkdtempSync(join(tmpdir(), 'scv-sf-key-')), 'server.pem');
    writeFileSync(notAKey, 'not a private key\n');
    prod.auth.privateKeyFile = notAKey;
    const inv = await collectSalesforce(config, { now: FIXED_NOW });
    expect(inv.collection.errors).toHaveLength(1);
    expect(inv.collection.errors[0]).toMatchObject({ source: 'salesforce', target: 'prod', operation: 'authenticate', cause: 'session' });
    expect(inv.collection.errors[0]!.remediation).toMatch(/^The private key file .*server\.pem \(auth\.privateKeyFile\) could not be read or used/);
  });

  it('refuses to read a key file past the size bound (collected without the config check) and names it', async () => {
    const harness = await startHarness({ orgs: ['prod'] });
    const config = structuredClone(harness.config);
    const prod = config.orgs[0]!;
    if (prod.auth.method !== 'jwt') throw new Error('fixture changed');
    const huge = join(mkdtempSync(join(tmpdir(), 'scv-sf-key-')), 'huge.pem');
    writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024, 'A'));
    prod.auth.privateKeyFile = huge;
    const inv = await collectSalesforce(config, { now: FIXED_NOW });
    expect(basic(inv.collection.errors)).toEqual([
      { source: 'salesforce', target: 'prod', operation: 'authenticate', code: 'PRIVATE_KEY_UNREADABLE', message: `privateKeyFile ${huge} is 2 MiB, larger than a PEM private key can be (1 MiB)` },
    ]);
    expect(harness.server.log.filter((r) => r.kind === 'oauth')).toHaveLength(0);
  });

  it('yields inventories that validate against the inventory v1 schema', async () => {
    const harness = await startHarness({
      failing: {
        prod: {
          SandboxProcess: { status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'Insufficient Privileges' },
        },
      },
    });
    const withErrors = await collectSalesforce(harness.config, { now: FIXED_NOW });
    expect(withErrors.collection.errors).toHaveLength(1);
    const completeHarness = await startHarness();
    const complete = await collectSalesforce(completeHarness.config, { now: FIXED_NOW });
    for (const inv of [complete, withErrors]) {
      expect(inventoryProblems(JSON.parse(JSON.stringify(inv)))).toEqual([]);
    }
    expect(complete.salesforce.orgs).toHaveLength(4);
  });

  it('rejects an API version older than 60.0', async () => {
    await expect(collectSalesforce({ apiVersion: '58.0', orgs: [] })).rejects.toThrow(/apiVersion must be "60.0" or later/);
    await expect(collectSalesforce({ apiVersion: 'v62', orgs: [] })).rejects.toThrow(/apiVersion/);
  });
});
