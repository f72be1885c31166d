/**
 * A contact center whose call center names its instance only by alias (reqInstanceName, no
 * reqInstanceId or relay state) through a whole scan: linked to the one live instance of that
 * alias in the accounts of its org's environment; when the alias names no single instance there,
 * the rules that need the instance are incomplete with the reason, and no instance is called left
 * behind.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import type { PolicyEngine } from '../../src/engine/types.js';
import { emptyAwsAccount, emptyInventory, type ConnectInstance, type ContactCenter, type Inventory } from '../../src/inventory/types.js';
import { runScan } from '../../src/scan/run.js';

const RULES = ['SCV-CC-001', 'SCV-CC-003', 'SCV-CC-004', 'SCV-ENV-001'];
const ORG_ID = '00D000000000001EAA';

function instance(account: string, id: string, alias: string, environment: string): ConnectInstance {
  return {
    id, arn: `arn:aws:connect:us-east-1:${account}:instance/${id}`, alias, region: 'us-east-1', status: 'ACTIVE', createdAt: null,
    environment, tags: { SCVContactCenter: 'acme' }, storage: [], attributes: {}, flows: [], lambdaFunctions: [], phoneNumbers: [], integrations: [],
  };
}

function contactCenter(id: string, connect: Partial<ContactCenter['connect']>): ContactCenter {
  return {
    id, internalName: `CC_${id}`, displayName: id, createdAt: null, telephonyModel: 'amazon-connect', provisioning: 'xml-import',
    connect: { instanceId: null, instanceArn: null, region: null, awsAccountId: null, ...connect },
    roles: { provisioning: null, connectManagement: null, updateCredential: null, instanceRecording: null, s3: null },
  };
}

/** A production org with an alias-only contact center, and prod accounts holding the given instances. */
function estate(accounts: Record<string, ConnectInstance[]>, extraCenters: ContactCenter[] = []): Inventory {
  const inv = emptyInventory('2026-11-20T12:00:00Z');
  inv.environments = [{ name: 'prod', tier: 'production' }, { name: 'uat', tier: 'non-production' }];
  inv.salesforce.orgs.push({
    id: ORG_ID, name: 'Acme', kind: 'production', environment: 'prod', status: 'active', instanceUrl: null, sandbox: null, awsAccountKey: null,
    contactCenters: [contactCenter('0Zg000000000001', { instanceAlias: 'acme-scv' }), ...extraCenters],
  });
  for (const [id, instances] of Object.entries(accounts)) {
    inv.aws.accounts.push(emptyAwsAccount(id, { environment: id === '222222222222' ? 'uat' : 'prod', connectInstances: instances }));
  }
  return inv;
}

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await createEngine({ engine: 'builtin', policyPaths: [], include: RULES });
});

async function scan(inv: Inventory) {
  const dir = mkdtempSync(join(tmpdir(), 'scv-alias-'));
  const file = join(dir, 'inventory.json');
  writeFileSync(file, JSON.stringify(inv));
  return runScan({ inventoryFiles: [file], formats: [], outputDir: dir, failOn: 'high', engine, now: new Date('2026-11-21T08:00:00Z') });
}

describe('a contact center known only by its instance alias', () => {
  it('is linked to the one instance of that alias in its environment: not left behind, and shared when another contact center uses it', async () => {
    const live = instance('111111111111', 'i-live', 'acme-scv', 'prod');
    // The uat account's instance of the same alias is another account's: never matched.
    const result = await scan(estate({ '111111111111': [live], '222222222222': [instance('222222222222', 'i-uat', 'acme-scv', 'uat')] }));
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.id}`)).toEqual(['SCV-CC-003 arn:aws:connect:us-east-1:222222222222:instance/i-uat']);
    expect(Object.fromEntries(result.results.map((r) => [r.ruleId, r.outcome]))).toEqual({ 'SCV-CC-001': 'pass', 'SCV-CC-003': 'fail', 'SCV-CC-004': 'pass', 'SCV-ENV-001': 'pass' });

    const shared = await scan(estate({ '111111111111': [live] }, [contactCenter('0Zg000000000002', { instanceId: 'i-live', instanceArn: live.arn })]));
    expect(shared.findings.map((f) => `${f.ruleId} ${f.resource.id}`)).toEqual([`SCV-CC-001 ${live.arn}`]);
  });

  it('whose alias two instances of its environment have: the rules cannot know and say why, and neither instance is called left behind', async () => {
    const result = await scan(estate({ '111111111111': [instance('111111111111', 'i-1', 'acme-scv', 'prod')], '333333333333': [instance('333333333333', 'i-3', 'acme-scv', 'prod')] }));
    expect(result.findings).toEqual([]);
    const outcomes = Object.fromEntries(result.results.map((r) => [r.ruleId, r]));
    for (const id of RULES) expect(outcomes[id]!.outcome, id).toBe('incomplete');
    expect(outcomes['SCV-CC-003']!.reason).toContain('Amazon Connect instance arn:aws:connect:us-east-1:111111111111:instance/i-1 may be linked: contact center CC_0Zg000000000001 (0Zg000000000001) of org Acme (00D000000000001EAA) names its Amazon Connect instance only by alias acme-scv, and 2 instances in the accounts of environment prod (111111111111, 333333333333) have that alias');
    expect(outcomes['SCV-CC-001']!.reason).toMatch(/^Found nothing, but cannot know: contact center CC_0Zg000000000001 .* whether it shares its instance with another contact center cannot be known\.$/);
    expect(result.exitCode).toBe(1);
  });

  it('without an account mapped to its environment: cannot know, never a guess', async () => {
    const inv = estate({ '222222222222': [instance('222222222222', 'i-uat', 'acme-scv', 'uat')] });
    const result = await scan(inv);
    expect(result.findings.map((f) => f.ruleId)).toEqual([]);
    expect(result.results.find((r) => r.ruleId === 'SCV-CC-004')!.reason).toContain("no AWS account is known for it (its call center names none, and the config maps no account to its org's environment prod)");
    inv.salesforce.orgs[0]!.environment = null;
    const unmapped = await scan(inv);
    expect(unmapped.results.find((r) => r.ruleId === 'SCV-CC-003')!.reason).toContain('the config maps no account to its org, whose environment is not known');
    expect(unmapped.findings).toEqual([]);
  });
});
