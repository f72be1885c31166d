/**
 * Acceptance: Salesforce's own Service Cloud Voice stacks (fixtures/real-world/, the contact center
 * stack and the BYOA tenant stack), read with `scan --plan` and a config that names their
 * account's environment, deployed with the parameters Salesforce documents. No finding on a role
 * that only AWS services or the org's SAML provider can assume; no IAM finding on a role outside
 * the SCV set. What remains is exactly what the stacks leave to the customer: the four roles that
 * trust Salesforce's account carry no external id until one is configured on the Service Cloud
 * Voice setup page and added to their trust relationships — SCV-IAM-001, and nothing once it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, type YAMLMap } from 'yaml';
import { cloudFormationParser } from '../../src/collect/files/cloudformation/index.js';
import type { IamRole } from '../../src/inventory/types.js';
import { runCli } from './cli.js';

const DIR = 'fixtures/real-world/salesforce-scv-lambdas/cloudformation';
const CONTACT_CENTER = join(DIR, 'BYOAContactCenterStack.yaml');
const TENANT = join(DIR, 'BYOATenantStack.yaml');
const ACCOUNT = '111111111111';
const SALESFORCE_ACCOUNT = '793525387755';
/** The parameters the Salesforce setup passes (MpaId: Salesforce's account, the tenant stack's default). */
const PARAMETERS = { CallCenterApiName: 'acmecc', SalesforceOrgId: '00D5g000004xyzAEAQ', S3BucketForTenantResources: 'acme-scv', MpaId: SALESFORCE_ACCOUNT };

interface JsonReport {
  findings: { ruleId: string; message: string; resource: { id: string } }[];
  rules: { id: string; outcome: string }[];
}

let work: string;
let config: string;
let parameters: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-salesforce-stacks-'));
  config = join(work, 'scv-guard.yaml');
  writeFileSync(config, ['environments:', '  - { name: prod, tier: production }', 'aws:', '  regions: [us-east-1]', '  accounts:', `    - { id: "${ACCOUNT}", environment: prod }`, ''].join('\n'));
  parameters = join(work, 'parameters.json');
  writeFileSync(parameters, JSON.stringify(Object.entries(PARAMETERS).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scan(name: string, plans: string[], extra: string[] = []): Promise<{ code: number; report: JsonReport }> {
  const out = join(work, name);
  const args = ['scan', '--no-collect', '--config', config, ...plans.flatMap((p) => ['--plan', p]), '--environment', 'prod', ...extra];
  const r = await runCli([...args, '--output-dir', out, '--format', 'json', '--quiet']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as JsonReport };
}

/** The roles a template declares, read as the scan reads them (with the documented parameters). */
function rolesOf(file: string): IamRole[] {
  const parsed = cloudFormationParser.parse(file, readFileSync(file, 'utf8'), {
    generatedAt: '2026-11-20T09:12:44Z',
    accountId: ACCOUNT,
    region: 'us-east-1',
    parameters: new Map(Object.entries(PARAMETERS)),
  });
  return parsed.inventory.aws.accounts.flatMap((a) => a.iamRoles);
}

const trustsSalesforce = (role: IamRole): boolean =>
  role.trustPolicy!.Statement.some((s) => JSON.stringify((s.Principal as Record<string, unknown> | undefined)?.AWS ?? null).includes(`:${SALESFORCE_ACCOUNT}:`));

/** A copy of `file` whose roles `logicalIds` require external id `id` in their trust statement. */
function withExternalId(file: string, logicalIds: string[], id: string): string {
  const doc = parseDocument(readFileSync(file, 'utf8'), { logLevel: 'silent' });
  for (const logicalId of logicalIds) {
    const statement = doc.getIn(['Resources', logicalId, 'Properties', 'AssumeRolePolicyDocument', 'Statement', 0], true) as YAMLMap;
    statement.set('Condition', doc.createNode({ StringEquals: { 'sts:ExternalId': id } }));
  }
  const copy = join(work, `external-id-${file.split('/').pop()!}`);
  writeFileSync(copy, doc.toString({ lineWidth: 0 }));
  return copy;
}

const iam001 = (roles: string[]) =>
  roles.map((name) => ({
    ruleId: 'SCV-IAM-001',
    resource: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    message: `SCV role arn:aws:iam::${ACCOUNT}:role/${name} lets account ${SALESFORCE_ACCOUNT} assume it without requiring an sts:ExternalId: statement 0 has no sts:ExternalId condition.`,
  }));

const summary = (report: JsonReport) =>
  report.findings
    .map((f) => ({ ruleId: f.ruleId, resource: f.resource.id, message: f.message.slice(0, f.message.indexOf('.', f.message.indexOf('statement 0')) + 1) }))
    .sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));

describe("Salesforce's contact center and tenant stacks, deployed as documented", () => {
  it('the SCV set of the two stacks is the four roles that trust Salesforce; every other role trusts only AWS services or the SAML provider', () => {
    const roles = [...rolesOf(CONTACT_CENTER), ...rolesOf(TENANT)];
    expect(roles.filter(trustsSalesforce).map((r) => r.name).sort()).toEqual(['SCVAmazonConnectManagementRole', 'SCVUpdateCredentialRole', 'acmecc-ConnectCallRole', 'acmecc-SCVS3Role']);
    const others = roles.filter((r) => !trustsSalesforce(r));
    expect(others.length).toBeGreaterThanOrEqual(18);
    for (const role of others) {
      for (const s of role.trustPolicy!.Statement) expect(Object.keys(s.Principal as object).filter((k) => k !== 'Service' && k !== 'Federated')).toEqual([]);
    }
    expect(others.some((r) => r.trustPolicy!.Statement.some((s) => 'Federated' in (s.Principal as object)))).toBe(true);
  });

  it('the tenant stack with its defaults: SCV-IAM-001 on its two Salesforce-trusted roles, which carry no external id, and nothing else', async () => {
    const { code, report } = await scan('tenant', [TENANT]);
    expect(code).toBe(1);
    expect(summary(report)).toEqual(iam001(['SCVAmazonConnectManagementRole', 'SCVUpdateCredentialRole']));
    expect(report.rules.filter((r) => r.outcome !== 'pass' && r.outcome !== 'not-evaluated').map((r) => [r.id, r.outcome])).toEqual([['SCV-IAM-001', 'fail']]);
  });

  it('both stacks with the documented parameters: SCV-IAM-001 on exactly the four roles that trust Salesforce, none on a service or SAML role', async () => {
    const { report } = await scan('both', [CONTACT_CENTER, TENANT], ['--parameters', parameters]);
    expect(summary(report)).toEqual(iam001(['SCVAmazonConnectManagementRole', 'SCVUpdateCredentialRole', 'acmecc-ConnectCallRole', 'acmecc-SCVS3Role']));
    // Every finding names the external id as the fix.
    for (const f of report.findings) expect(f.message).toContain('Configure External ID on the Service Cloud Voice setup page');
  });

  it('with the external id added to those four trust relationships, as the setup page directs: no finding, exit 0', async () => {
    const contactCenter = withExternalId(CONTACT_CENTER, ['ConnectCallRoleResource', 'SCVS3RoleResource'], 'scv-ext-42');
    const tenant = withExternalId(TENANT, ['SCVUpdateCredentialRoleResource', 'SCVAmazonConnectManagementRoleResource'], 'scv-ext-42');
    const { code, report } = await scan('external-id', [contactCenter, tenant], ['--parameters', parameters]);
    expect(report.findings).toEqual([]);
    expect(report.rules.filter((r) => r.outcome !== 'pass' && r.outcome !== 'not-evaluated')).toEqual([]);
    expect(code).toBe(0);
  });
});
