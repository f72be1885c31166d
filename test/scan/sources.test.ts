import { describe, expect, it } from 'vitest';
import { applyConfiguredEnvironments, buildScanInventory, configHasSources, environmentAccounts, withEnvironments } from '../../src/scan/sources.js';
import { checkScanFlags } from '../../src/scan/configured.js';
import { parseConfig } from '../../src/config/load.js';
import { emptyInventory } from '../../src/inventory/types.js';
import { ScvGuardError } from '../../src/errors.js';

const config = (text: string) => parseConfig(text, '/x/scv-guard.yaml', { env: {} });
const ENVS = 'environments:\n  - { name: prod, tier: production }\n  - { name: uat, tier: non-production }\n';

describe('scan sources', () => {
  it('maps an environment to the account pre-deploy files land in only when it has exactly one', () => {
    const cfg = config(
      `${ENVS}  - { name: dev, tier: non-production }\naws:\n  regions: [us-east-1]\n  accounts:\n    - { id: "111111111111", environment: prod }\n    - { id: "222222222222", environment: uat }\n    - { id: "333333333333", environment: uat }\n    - { id: "444444444444" }\n`,
    );
    expect(environmentAccounts(cfg)).toEqual({ prod: '111111111111' });
    expect(environmentAccounts(undefined)).toEqual({});
  });

  it('knows when a config names something to collect', () => {
    expect(configHasSources(config(ENVS))).toBe(false);
    expect(configHasSources(config('aws:\n  regions: [us-east-1]\n  accounts: [{ id: "111111111111" }]\n'))).toBe(true);
  });

  it('adds configured environments; a tier that disagrees is an error', () => {
    const inv = emptyInventory('2026-01-01T00:00:00Z');
    inv.environments = [{ name: 'uat', tier: 'non-production' }];
    expect(withEnvironments(inv, [{ name: 'prod', tier: 'production' }], 'x').environments.map((e) => e.name)).toEqual(['uat', 'prod']);
    expect(() => withEnvironments(inv, [{ name: 'uat', tier: 'production' }], 'x')).toThrow(ScvGuardError);
  });

  it('--environment places a plan in the account the config maps that environment to', async () => {
    const cfg = config(`${ENVS}aws:\n  regions: [us-east-1]\n  accounts:\n    - { id: "111111111111", environment: prod }\n`);
    const { inventory } = await buildScanInventory({
      config: cfg, inventoryFiles: [], planFiles: ['fixtures/plans/shared-recording-bucket.plan.json'], environment: 'prod', collect: false, now: new Date(),
    });
    expect(inventory.aws.accounts.map((a) => [a.id, a.known, a.environment])).toEqual([['111111111111', undefined, 'prod']]);
    const account = inventory.aws.accounts[0]!;
    // --environment wins over tags, like a config mapping
    expect(account.s3Buckets[0]!.environment).toBe('prod');
    expect(account.connectInstances.map((i) => [i.environment, i.arn])).toEqual([
      ['prod', 'arn:aws:connect:us-east-1:111111111111:instance/aws_connect_instance.prod'],
      ['prod', 'arn:aws:connect:us-east-1:111111111111:instance/aws_connect_instance.uat'],
    ]);
  });

  it('without --environment a plan\'s tagged resources go to their environment\'s account, the rest to the account not known', async () => {
    const cfg = config(`${ENVS}aws:\n  regions: [us-east-1]\n  accounts:\n    - { id: "111111111111", environment: prod }\n`);
    const { inventory } = await buildScanInventory({
      config: cfg, inventoryFiles: [], planFiles: ['fixtures/plans/shared-recording-bucket.plan.json'], collect: false, now: new Date(),
    });
    const byId = new Map(inventory.aws.accounts.map((a) => [a.id, a]));
    expect(byId.get('111111111111')!.connectInstances.map((i) => i.id)).toEqual(['aws_connect_instance.prod']);
    const unknown = byId.get('000000000000')!;
    expect(unknown.known).toBe(false);
    expect(unknown.connectInstances.map((i) => i.arn)).toEqual(['arn:aws:connect:us-east-1::instance/aws_connect_instance.uat']);
    expect(unknown.s3Buckets.map((b) => b.name)).toEqual(['acme-contact-recordings']);
    expect(JSON.stringify(unknown)).not.toContain('000000000000:');
  });

  it('puts a production org without a configured environment in the one production environment', () => {
    const inv = emptyInventory('2026-01-01T00:00:00Z');
    const org = (id: string, kind: 'production' | 'sandbox', environment: string | null) => ({
      id, name: id, kind, environment, status: 'active' as const, instanceUrl: null, sandbox: null, awsAccountKey: null, contactCenters: [],
    });
    inv.salesforce.orgs = [org('00D000000000001AAA', 'production', null), org('00D000000000002AAA', 'sandbox', null), org('00D000000000003AAA', 'production', 'uat')];
    const placed = applyConfiguredEnvironments(inv, config(ENVS));
    expect(placed.salesforce.orgs.map((o) => o.environment)).toEqual(['prod', null, 'uat']);
    // two production environments: which one is not known, so it stays null
    const twoProd = config(`${ENVS}  - { name: prod-eu, tier: production }\n`);
    expect(applyConfiguredEnvironments(inv, twoProd).salesforce.orgs[0]!.environment).toBeNull();
  });

  it('a scan with no input at all is a usage error', async () => {
    await expect(buildScanInventory({ inventoryFiles: [], planFiles: [], collect: true, now: new Date() })).rejects.toThrow(/nothing to scan/);
  });

  it('checks flag combinations', () => {
    expect(() => checkScanFlags({ flows: 'd' })).toThrow(/--environment/);
    expect(() => checkScanFlags({ environment: 'uat' })).toThrow(/only used with --plan FILE or --flows DIR/);
    expect(() => checkScanFlags({ environment: 'uat', plan: ['p.json'] })).not.toThrow();
    expect(() => checkScanFlags({ failOnNewOnly: true })).toThrow(/--baseline/);
    expect(() => checkScanFlags({ scope: 'a b' })).toThrow(/--scope/);
    expect(() => checkScanFlags({ flows: 'd', environment: 'uat', baseline: 'b', failOnNewOnly: true, scope: 'pr-gate' })).not.toThrow();
  });

  it('a plan and flows on their own make one validated inventory with the config environments', async () => {
    const cfg = config(`${ENVS}aws:\n  regions: [us-east-1]\n  accounts:\n    - { id: "222222222222", environment: uat }\n`);
    const { inventory, inputs } = await buildScanInventory({
      config: cfg, inventoryFiles: [], planFiles: ['fixtures/cloudformation/scv-uat-stack.yaml'],
      flowsDir: 'fixtures/flows/uat', environment: 'uat', collect: false, now: new Date('2026-11-21T00:00:00Z'),
    });
    expect(inputs).toEqual(['fixtures/cloudformation/scv-uat-stack.yaml', 'fixtures/flows/uat']);
    expect(inventory.environments.map((e) => e.name)).toEqual(['prod', 'uat']);
    expect(inventory.aws.accounts.map((a) => a.id)).toEqual(['222222222222']);
    const instances = inventory.aws.accounts[0]!.connectInstances.map((i) => i.id);
    // uat has two instances here (the template's and the one a flow's ARN names): the flows
    // without an ARN keep their placeholder instance, whose id is not compared
    expect(instances).toEqual(['UatInstance', '5b2c8d4e-7f10-4a3b-9c6d-2e8f1a0b3c4d', 'flow-export-uat']);
    expect(inventory.aws.accounts[0]!.connectInstances[2]!.known).toBe(false);
  });
});
