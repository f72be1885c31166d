/**
 * `scv-guard backup` against the local Salesforce and AWS servers: the uat org's contact center
 * as Metadata API XML that reads back into the contact center the collector reads, the linked
 * instance's flows and settings, the Lambda configuration without its credential, the trust
 * policy of a referenced role, a manifest; the same bytes twice (but the manifest's time); a
 * denied call gives exit 1 and names what is missing; a used --out is refused.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { readCallCenterFile } from '../../src/backup/call-center-xml.js';
import { toContactCenter } from '../../src/collect/salesforce/call-center-definition.js';
import { collectSalesforce } from '../../src/collect/salesforce/index.js';
import type { SalesforceOrgConfig } from '../../src/config/types.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig } from '../support/aws-server/config.js';
import { loadFixtureEstate } from '../support/aws-server/estate.js';
import { startAwsServer, type AwsServer, type Fault } from '../support/aws-server/server.js';
import { startHarness, type Harness } from '../collect/salesforce/harness.js';
import { ROOT, runCliAsync } from '../cli/run-cli.js';
import { OPERATION_ACTIONS } from '../../src/collect/aws/permissions.js';
import { fileTree } from '../support/file-tree.js';

vi.setConfig({ testTimeout: 180_000 });

const UAT = '222222222222';
const UAT_INSTANCE = '22222222-aaaa-4bbb-8ccc-000000000002';
const UAT_FUNCTION = `arn:aws:lambda:us-east-1:${UAT}:function:acme-uat-InvokeSalesforceRestApi`;
const PLANTED_KEY = 'sk_live_not_a_real_key_0042';
const PLANTED_PASSWORD = 'Tr0ub4dor&3-not-real';

let sf: Harness;
const work = mkdtempSync(join(tmpdir(), 'scv-guard-backup-'));
const env: Record<string, string> = { AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'us-east-1' };

/** The harness's org config with its secrets moved into environment variables, as a config file needs. */
function orgWithVariables(org: SalesforceOrgConfig): SalesforceOrgConfig {
  const auth = { ...org.auth } as Record<string, unknown>;
  for (const key of ['accessToken', 'refreshToken', 'clientSecret']) {
    if (typeof auth[key] === 'string') {
      const variable = `SF_${org.alias.toUpperCase()}_${key.toUpperCase()}`;
      env[variable] = auth[key] as string;
      auth[key] = `\${${variable}}`;
    }
  }
  return { ...org, auth: auth as SalesforceOrgConfig['auth'] };
}

async function awsServer(faults: Fault[] = []): Promise<AwsServer> {
  const estate = loadFixtureEstate();
  const region = estate.get(UAT)!.regions['us-east-1']!;
  region.connect.instances[UAT_INSTANCE]!.ListLambdaFunctions.LambdaFunctions.push(UAT_FUNCTION);
  region.lambda!.ListFunctions.Functions[0]!.Environment.Variables.CRM_API_KEY = PLANTED_KEY;
  return startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, ...(faults.length > 0 ? { faults } : {}) });
}

function writeConfig(server: AwsServer, name: string): string {
  const file = join(work, name);
  writeFileSync(
    file,
    stringify({
      environments: [
        { name: 'prod', tier: 'production' },
        { name: 'uat', tier: 'non-production' },
      ],
      salesforce: { apiVersion: '62.0', orgs: sf.config.orgs.map(orgWithVariables) },
      aws: localConfig(server, [
        { id: '111111111111', environment: 'prod' },
        { id: UAT, environment: 'uat' },
      ]),
    }),
  );
  return file;
}

let server: AwsServer;
let config: string;

beforeAll(async () => {
  sf = await startHarness({
    orgs: ['uat'],
    tweak: (estate) => {
      // The uat contact center names the uat instance of the AWS fixture, its S3 role an existing
      // role, and carries a credential-looking item.
      const def = estate.orgs.find((o) => o.key === 'uat')!.callCenterDefinitions[0]!;
      const hvcc = def.sections.find((s) => s.name === 'reqHvcc')!;
      const set = (name: string, value: string) => (hvcc.items.find((i) => i.name === name)!.value = value);
      set('reqInstanceId', UAT_INSTANCE);
      set('reqRegion', 'us-east-1');
      set('reqSCVS3Role', `arn:aws:iam::${UAT}:role/acme-uat-SCVS3Role`);
      hvcc.items.push({ name: 'reqIntegrationPassword', label: 'Integration Password', value: PLANTED_PASSWORD });
    },
  });
  server = await awsServer();
  config = writeConfig(server, 'scv-guard.yaml');
});
afterAll(async () => {
  await server?.close();
  await sf?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('scv-guard backup', () => {
  it("writes the uat org's contact center as Metadata API XML that reads back into the contact center the collector reads", async () => {
    const out = join(work, 'uat-backup');
    const run = await runCliAsync(['backup', '--config', config, '--org', 'uat', '--out', out], { env });
    expect(run.code, run.stderr).toBe(0);
    const files = fileTree(out);
    const xml = files['salesforce/callCenters/UatPartnerXml.callCenter'];
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<CallCenter xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata">/);
    expect(files['salesforce/package.xml']).toContain('<members>UatPartnerXml</members>');
    expect(files['salesforce/package.xml']).toContain('<name>CallCenter</name>');

    const manifest = JSON.parse(files['manifest.json']!);
    const entry = manifest.contactCenters[0];
    const readBack = toContactCenter(
      { id: entry.id, name: entry.displayName, internalName: entry.internalName, createdAt: entry.createdAt },
      readCallCenterFile(xml!, entry.internalName, 'UatPartnerXml.callCenter'),
    );
    const collected = await collectSalesforce(sf.config);
    expect(readBack).toEqual(collected.salesforce.orgs[0]!.contactCenters[0]);
    expect(readBack?.connect.instanceArn).toBe(`arn:aws:connect:us-east-1:${UAT}:instance/${UAT_INSTANCE}`);

    // The linked instance: flows and modules as the export writes them, its settings, the function and the role.
    expect(Object.keys(files).filter((f) => f.startsWith('connect/')).sort()).toEqual([
      'connect/acme-uat-cc/approved-origins.json',
      'connect/acme-uat-cc/attributes.json',
      'connect/acme-uat-cc/flows/AGENT_WHISPER/Agent whisper.json',
      'connect/acme-uat-cc/flows/CONTACT_FLOW/Main inbound.json',
      'connect/acme-uat-cc/flows/CUSTOMER_QUEUE/Customer queue hold.json',
      'connect/acme-uat-cc/flows/MODULE/Authenticate caller.json',
      'connect/acme-uat-cc/instance.json',
      'connect/acme-uat-cc/integration-associations.json',
      'connect/acme-uat-cc/storage-configs.json',
    ]);
    expect(JSON.parse(files['connect/acme-uat-cc/approved-origins.json']!)).toEqual(['https://acme--uat.sandbox.lightning.force.com', 'https://acme--uat.sandbox.my.salesforce.com']);
    expect(JSON.parse(files['connect/acme-uat-cc/storage-configs.json']!).map((s: { resourceType: string }) => s.resourceType)).toContain('CALL_RECORDINGS');
    const fn = JSON.parse(files[`lambda/${UAT}/us-east-1/acme-uat-InvokeSalesforceRestApi.json`]!);
    expect(fn.Environment.Variables).toEqual({ SALESFORCE_ORG_ID: '00D7z000000UaTa', PRIVATE_KEY_PARAM_NAME: 'AcmeUat-salesforce-rest-api-auth-private-key', LOG_LEVEL: 'info', CRM_API_KEY: null });
    expect(JSON.parse(files[`iam/${UAT}/acme-uat-SCVS3Role.json`]!).trustPolicy.Statement.length).toBeGreaterThan(0);

    // The manifest: from where, counts, what was withheld; nothing missing.
    expect(manifest).toMatchObject({ kind: 'scv-guard-backup', complete: true, org: { alias: 'uat', id: '00D7Q000001UATbUAO' }, missing: [] });
    expect(manifest.counts).toMatchObject({ contactCenters: 1, instances: 1, flows: 3, modules: 1, lambdaFunctions: 1, roles: 1 });
    expect(manifest.lambdaFunctions).toEqual([{ arn: UAT_FUNCTION, file: `lambda/${UAT}/us-east-1/acme-uat-InvokeSalesforceRestApi.json`, withheldVariables: ['CRM_API_KEY'] }]);
    expect(manifest.redacted).toContainEqual({ file: 'salesforce/callCenters/UatPartnerXml.callCenter', what: 'reqHvcc.reqIntegrationPassword' });
    expect(manifest.notFound.map((n: { what: string }) => n.what)).toContain(`IAM role arn:aws:iam::${UAT}:role/SCVAmazonConnectManagementRole`);

    // Every AWS call it sent is one of the collectors', allowed by docs/iam-policy.json (read-only).
    const policy = JSON.parse(readFileSync(join(ROOT, 'docs/iam-policy.json'), 'utf8'));
    const allowed = new Set<string>(policy.Statement.flatMap((st: { Action: string[] }) => st.Action));
    const sent = new Set(server.calls.filter((c) => c.operation !== 'AssumeRole').map((c) => `${c.service}:${c.operation}`));
    expect([...sent]).toEqual(expect.arrayContaining(['connect:DescribeContactFlow', 'lambda:ListFunctions', 'iam:ListRoles']));
    for (const op of sent) {
      const actions = OPERATION_ACTIONS[op as keyof typeof OPERATION_ACTIONS];
      expect(actions, op).toBeDefined();
      for (const action of actions) expect(allowed.has(action), `${op} needs ${action}`).toBe(true);
    }

    // No credential of the estate, the config or the sessions is written.
    const all = JSON.stringify(files);
    for (const secret of [PLANTED_KEY, PLANTED_PASSWORD, 'AKIAZ7EXAMPLEPLANTED', 'local-secret', ...sf.secrets()]) expect(all).not.toContain(secret);
  });

  it('gives the same bytes twice, but for the manifest time', async () => {
    const [a, b] = [join(work, 'twice-a'), join(work, 'twice-b')];
    for (const out of [a, b]) expect((await runCliAsync(['backup', '--config', config, '--org', 'uat', '--out', out, '--quiet'], { env })).code).toBe(0);
    const [first, second] = [fileTree(a), fileTree(b)];
    const withoutTime = (t: Record<string, string>) => ({ ...t, 'manifest.json': t['manifest.json']!.replace(/\n {2}"createdAt": "[^"]+",\n/, '\n') });
    expect(withoutTime(second)).toEqual(withoutTime(first));
    expect(Object.keys(first).length).toBeGreaterThan(10);
  });

  it('a denied call exits 1 and names what is missing, on stderr and in the manifest', async () => {
    const denied = await awsServer([{ kind: 'deny', account: UAT, service: 'connect', operation: 'ListApprovedOrigins' }]);
    try {
      const out = join(work, 'denied');
      const run = await runCliAsync(['backup', '--config', writeConfig(denied, 'denied.yaml'), '--org', 'uat', '--out', out, '--quiet'], { env });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/missing: AWS aws\.connectInstances\.approvedOrigins: .*\[ListApprovedOrigins \(222222222222\/us-east-1\/.*\): AccessDenied/);
      expect(run.stderr).toMatch(/the backup is incomplete: 1 part\(s\) could not be read/);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.complete).toBe(false);
      expect(manifest.missing).toHaveLength(1);
      expect(manifest.missing[0].operation).toMatch(/^ListApprovedOrigins/);
    } finally {
      await denied.close();
    }
  });

  it('a definition the Metadata API will not read exits 1 and names the call centers', async () => {
    const failing = await startHarness({ orgs: ['uat'], failing: { uat: { 'metadata:readMetadata': { status: 500, errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on object id' } } } });
    const saved = sf;
    try {
      sf = failing;
      const out = join(work, 'sf-denied');
      const run = await runCliAsync(['backup', '--config', writeConfig(server, 'sf-denied.yaml'), '--org', 'uat', '--out', out, '--quiet'], { env });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/missing: Salesforce call centers: .*readMetadata CallCenter \(UatPartnerXml\)/);
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).counts.contactCenters).toBe(0);
    } finally {
      sf = saved;
      await failing.close();
    }
  });

  it('a contact center known only by its instance alias: the one instance of that alias in the accounts of its environment; else named as missing, with why', async () => {
    const aliasOnly = await startHarness({
      orgs: ['uat'],
      tweak: (estate) => {
        // reqInstanceName and reqRegion alone: no reqInstanceId, no relay state, role ARNs not filled in.
        const hvcc = estate.orgs.find((o) => o.key === 'uat')!.callCenterDefinitions[0]!.sections.find((s) => s.name === 'reqHvcc')!;
        hvcc.items = hvcc.items.filter((i) => i.name !== 'reqInstanceId');
        hvcc.items.push({ name: 'reqRegion', label: 'Region', value: 'us-east-1' });
        for (const item of hvcc.items) {
          if (item.name === 'reqInstanceName') item.value = 'acme-uat-cc';
          else if (item.name.endsWith('Role')) item.value = item.value.replace(/::\d{12}:/, '::XXXXXXXXXXXX:');
        }
      },
    });
    const saved = sf;
    try {
      sf = aliasOnly;
      const out = join(work, 'alias');
      const run = await runCliAsync(['backup', '--config', writeConfig(server, 'alias.yaml'), '--org', 'uat', '--out', out, '--quiet'], { env });
      expect(run.code, run.stderr).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ complete: true, missing: [] });
      expect(manifest.instances.map((i: { arn: string; folder: string }) => [i.arn, i.folder])).toEqual([[`arn:aws:connect:us-east-1:${UAT}:instance/${UAT_INSTANCE}`, 'connect/acme-uat-cc']]);

      // No account of the org's environment under aws.accounts: nothing is guessed.
      const unmapped = join(work, 'alias-unmapped.yaml');
      const base = readFileSync(writeConfig(server, 'alias-base.yaml'), 'utf8');
      const at = base.lastIndexOf('environment: uat\n'); // the uat account's (aws.accounts comes last)
      writeFileSync(unmapped, `${base.slice(0, at)}environment: prod\n${base.slice(at + 'environment: uat\n'.length)}`);
      const none = await runCliAsync(['backup', '--config', unmapped, '--org', 'uat', '--out', join(work, 'alias-none'), '--quiet'], { env });
      expect(none.code, none.stderr).toBe(1);
      const missing = JSON.parse(readFileSync(join(work, 'alias-none', 'manifest.json'), 'utf8')).missing;
      expect(missing).toEqual([{
        what: 'Amazon Connect instance of contact center UatPartnerXml',
        reason: 'its definition names the instance only by alias acme-uat-cc, and no AWS account is known for it (its role ARNs name none, and the config maps no account under aws.accounts to environment uat)',
      }]);
    } finally {
      sf = saved;
      await aliasOnly.close();
    }
  });

  it('refuses an --out that holds files, before reading anything', async () => {
    const out = join(work, 'used');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const calls = server.calls.length;
    const run = await runCliAsync(['backup', '--config', config, '--org', 'uat', '--out', out], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out .*used exists and is not an empty folder/);
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(server.calls.length).toBe(calls);
  });

  it('names an org alias the config does not have', async () => {
    const run = await runCliAsync(['backup', '--config', config, '--org', 'qa', '--out', join(work, 'qa')], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--org qa is not an org alias under salesforce\.orgs/);
  });
});
