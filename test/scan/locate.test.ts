import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateFindings } from '../../src/scan/locate.js';
import { emptyAwsAccount, emptyInventory, type Inventory } from '../../src/inventory/types.js';
import type { Finding } from '../../src/findings/model.js';
import { parseConfig } from '../../src/config/load.js';
import { gitTopLevel, scanRoot } from '../../src/scan/root.js';

const ROLE = 'arn:aws:iam::111111111111:role/SCVS3Role';
const ORG = '00D000000000001AAA';

function inventory(): Inventory {
  const inv = emptyInventory('2026-01-01T00:00:00Z');
  const account = emptyAwsAccount('111111111111');
  account.iamRoles.push({ arn: ROLE, name: 'SCVS3Role', path: '/', tags: {}, trustPolicy: null });
  inv.aws.accounts.push(account);
  inv.salesforce.orgs.push({
    id: ORG, name: 'Acme', kind: 'production', environment: null, status: 'active', instanceUrl: null, sandbox: null, awsAccountKey: null, contactCenters: [],
  });
  inv.collection.sources.push({ kind: 'salesforce', target: `prod/${ORG}`, startedAt: '2026-01-01T00:00:00Z', finishedAt: null });
  return inv;
}

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'SCV-IAM-001', severity: 'high', message: 'm', resource: { type: 'iam-role', id: ROLE, arn: ROLE }, related: [], fingerprint: 'f',
    location: { file: '/pkg/node_modules/scv-guard/policies/iam/weak_trust.rego', line: 1 }, locationIsResource: false,
    locations: [{ file: '/pkg/node_modules/scv-guard/policies/iam/weak_trust.rego', line: 1, kind: 'rule' }],
    ...over,
  };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-locate-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('locateFindings', () => {
  const CONFIG_TEXT = [
    'environments:',
    '  - { name: prod, tier: production }',
    'salesforce:',
    '  orgs:',
    '    - alias: prod',
    '      environment: prod',
    '      auth: { method: access-token, instanceUrl: "https://acme.my.salesforce.com", accessToken: "${SF_TOKEN}" }',
    'aws:',
    '  regions: [us-east-1]',
    '  accounts:',
    '    - id: "111111111111"',
    '      environment: prod',
    '',
  ].join('\n');

  it('points a live finding at the config entry of its account or org, then the rule', async () => {
    const config = parseConfig(CONFIG_TEXT, join(work, 'scv-guard.yaml'), { env: { SF_TOKEN: 't' } });
    expect(config.entries).toEqual({ awsAccounts: { '111111111111': { line: 11, column: 7 } }, salesforceOrgs: { prod: { line: 5, column: 7 } }, waivers: [] });
    const [role, org] = await locateFindings(
      [finding(), finding({ resource: { type: 'salesforce-org', id: ORG } })],
      inventory(),
      { cwd: work, config: { file: config.file, ...config.entries! }, inventoryFiles: [], inputFiles: [] },
    );
    expect(role!.location).toEqual({ file: join(work, 'scv-guard.yaml'), line: 11, column: 7 });
    expect(role!.locations!.map((l) => l.kind)).toEqual(['config', 'input', 'rule']);
    expect(org!.location).toEqual({ file: join(work, 'scv-guard.yaml'), line: 5, column: 7 });
  });

  it('without a config, points at the resource entry of the inventory file (JSON or YAML)', async () => {
    const inv = inventory();
    writeFileSync(join(work, 'inventory.json'), JSON.stringify(inv, null, 2));
    const lines = JSON.stringify(inv, null, 2).split('\n');
    const roleLine = lines.findIndex((l) => l.includes(`"arn": "${ROLE}"`)); // 0-based line of the arn = 1-based line of its `{`
    const [located] = await locateFindings([finding()], inv, { cwd: work, inventoryFiles: ['inventory.json'], inputFiles: [] });
    expect(located!.location).toEqual({ file: join(work, 'inventory.json'), line: roleLine, column: lines[roleLine - 1]!.indexOf('{') + 1 });
    writeFileSync(join(work, 'inventory.yaml'), `schemaVersion: "1"\naws:\n  accounts:\n    - id: "111111111111"\n      iamRoles:\n        - arn: ${ROLE}\n          name: SCVS3Role\n`);
    const [fromYaml] = await locateFindings([finding()], inv, { cwd: work, inventoryFiles: [join(work, 'inventory.yaml')], inputFiles: [] });
    expect(fromYaml!.location).toEqual({ file: join(work, 'inventory.yaml'), line: 6, column: 11 });
  });

  it('keeps declarations first, in the order given, and makes every path absolute', async () => {
    const declared = finding({
      location: { file: 'plans/a.json', line: 3 },
      locationIsResource: true,
      locations: [
        { file: 'plans/a.json', line: 3, kind: 'declaration' },
        { file: 'plans/b.json', line: 9, column: 2, kind: 'declaration' },
        { file: '/pkg/node_modules/scv-guard/policies/x.rego', line: 1, kind: 'rule' },
      ],
    });
    const [located] = await locateFindings([declared], inventory(), { cwd: work, inventoryFiles: [], inputFiles: ['plans/a.json'] });
    expect(located!.locations).toEqual([
      { file: join(work, 'plans/a.json'), line: 3, kind: 'declaration' },
      { file: join(work, 'plans/b.json'), line: 9, column: 2, kind: 'declaration' },
      { file: join(work, 'plans/a.json'), line: 1, kind: 'input' },
      { file: '/pkg/node_modules/scv-guard/policies/x.rego', line: 1, kind: 'rule' },
    ]);
    expect(located!.locationIsResource).toBe(true);
  });
});

describe('scan root', () => {
  it('is the Git top level of the working directory, else the working directory; --root must be a directory', () => {
    const repo = join(work, 'repo');
    writeFileSync(join(work, 'file.txt'), '');
    rmSync(repo, { recursive: true, force: true });
    for (const d of [repo, join(repo, '.git'), join(repo, 'sub', 'deeper')]) mkdirSync(d, { recursive: true });
    expect(gitTopLevel(join(repo, 'sub', 'deeper'))).toBe(repo);
    expect(scanRoot(undefined, join(repo, 'sub'))).toBe(repo);
    expect(scanRoot('sub', repo)).toBe(join(repo, 'sub'));
    expect(() => scanRoot('file.txt', work)).toThrow(/--root file\.txt: expected an existing directory/);
    expect(() => scanRoot('missing', work)).toThrow(/expected an existing directory/);
  });
});
