import { describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { mergeInventories } from '../../src/inventory/merge.js';
import { emptyAwsAccount, type AwsAccount, type Inventory } from '../../src/inventory/types.js';
import { thrown } from '../support/thrown.js';
import { inventoryProblems } from '../../src/inventory/validate.js';
import { ACCOUNT, fullInventory, minimalInventory, UAT_ORG } from './sample.js';

const account = (id: string, over: Partial<AwsAccount> = {}): AwsAccount => emptyAwsAccount(id, over);

function withAccounts(accounts: AwsAccount[], generatedAt?: string): Inventory {
  const inv = minimalInventory(generatedAt);
  inv.aws.accounts = accounts;
  return inv;
}

function mergeError(parts: { file: string; inventory: Inventory }[]): ScvGuardError {
  return thrown(() => mergeInventories(parts), ScvGuardError);
}

describe('mergeInventories', () => {
  it('returns a single part unchanged', () => {
    expect(mergeInventories([{ file: 'a.json', inventory: fullInventory() }])).toEqual(fullInventory());
  });

  it('is idempotent: merging an inventory with itself changes nothing but the concatenated collection log', () => {
    const merged = mergeInventories([
      { file: 'a.json', inventory: fullInventory() },
      { file: 'b.json', inventory: fullInventory() },
    ]);
    const expected = fullInventory();
    expected.collection.sources = [...expected.collection.sources, ...expected.collection.sources];
    expected.collection.errors = [...expected.collection.errors, ...expected.collection.errors];
    expect(merged).toEqual(expected);
    expect(inventoryProblems(merged)).toEqual([]);
  });

  it('unions the evidence sections of one account by identity and keeps a section only one part collected', () => {
    const a = fullInventory();
    const stack = a.aws.accounts[0]!.cloudFormationStacks![0]!;
    const b = withAccounts([
      account(ACCOUNT, {
        cloudFormationStacks: [{ ...stack, id: `${stack.id}-2`, name: 'other' }],
        samlProviders: [{ arn: `arn:aws:iam::${ACCOUNT}:saml-provider/Other`, name: 'Other' }],
      }),
    ]);
    const c = withAccounts([account('222222222222')]);
    const merged = mergeInventories([
      { file: 'a.json', inventory: a },
      { file: 'b.json', inventory: b },
      { file: 'c.json', inventory: c },
    ]);
    const [first, second] = merged.aws.accounts;
    expect(first!.cloudFormationStacks!.map((s) => s.name)).toEqual(['acme-uat-scv', 'other']);
    expect(first!.samlProviders).toHaveLength(2);
    expect(first!.lambdaFunctions).toEqual(a.aws.accounts[0]!.lambdaFunctions);
    expect(second!.cloudFormationStacks).toBeUndefined();
    expect(inventoryProblems(merged)).toEqual([]);
  });

  it('reports two different values of one stack parameter as a conflict', () => {
    const a = fullInventory();
    const b = fullInventory();
    b.aws.accounts[0]!.cloudFormationStacks![0]!.parameters.EnvironmentType = 'PRODUCTION';
    const err = mergeError([
      { file: 'a.json', inventory: a },
      { file: 'b.json', inventory: b },
    ]);
    expect(err.code).toBe('inventory-merge-conflict');
    expect(err.message).toMatch(/in a\.json but .* in b\.json/);
  });

  it('merges the same account from two shards and unions its resources by identity', () => {
    const a = fullInventory();
    const b = withAccounts([
      account(ACCOUNT, {
        name: 'acme-uat',
        tags: { Owner: 'contact-center' },
        s3Buckets: [
          {
            name: 'acme-uat-transcripts',
            arn: 'arn:aws:s3:::acme-uat-transcripts',
            region: 'us-west-2',
            environment: 'uat',
            tags: {},
            policy: null,
            publicAccessBlock: null,
            encryption: null,
            versioning: null,
          },
        ],
        connectInstances: [
          {
            ...a.aws.accounts[0]!.connectInstances[0]!,
            flows: [
              { id: 'f-2', arn: null, name: 'Queue', type: 'CUSTOMER_QUEUE', state: null, references: [], secrets: [] },
            ],
            lambdaFunctions: [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:other`],
          },
        ],
      }),
    ]);
    const merged = mergeInventories([
      { file: 'a.json', inventory: a },
      { file: 'b.json', inventory: b },
    ]);
    expect(merged.aws.accounts).toHaveLength(1);
    const acct = merged.aws.accounts[0]!;
    expect(acct.tags).toEqual({ Environment: 'uat', Owner: 'contact-center' });
    expect(acct.s3Buckets.map((x) => x.name)).toEqual(['acme-uat-rec', 'acme-uat-transcripts']);
    expect(acct.connectInstances).toHaveLength(1);
    expect(acct.connectInstances[0]!.flows.map((f) => f.id)).toEqual(['f-1', 'f-2']);
    expect(acct.connectInstances[0]!.lambdaFunctions).toEqual([
      `arn:aws:lambda:us-east-1:${ACCOUNT}:function:lookup`,
      `arn:aws:lambda:us-east-1:${ACCOUNT}:function:other`,
    ]);
    // Known information wins over null (= not known), never the other way round.
    expect(acct.iamRoles).toHaveLength(1);
    expect(acct.cloudTrail).toEqual(a.aws.accounts[0]!.cloudTrail);
    expect(inventoryProblems(merged)).toEqual([]);
  });

  it('keeps different accounts and orgs side by side', () => {
    const a = withAccounts([account('111111111111')]);
    const b = withAccounts([account('222222222222')]);
    b.salesforce.orgs = fullInventory().salesforce.orgs;
    const merged = mergeInventories([
      { file: 'a.json', inventory: a },
      { file: 'b.json', inventory: b },
    ]);
    expect(merged.aws.accounts.map((x) => x.id)).toEqual(['111111111111', '222222222222']);
    expect(merged.salesforce.orgs.map((o) => o.id)).toEqual([UAT_ORG]);
  });

  it('names both files and the path of a conflicting scalar', () => {
    const a = withAccounts([account(ACCOUNT, { name: 'acme-uat' })]);
    const b = withAccounts([account(ACCOUNT, { name: 'acme-test' })]);
    const err = mergeError([
      { file: 'shard-1.json', inventory: a },
      { file: 'shard-2.json', inventory: b },
    ]);
    expect(err.code).toBe('inventory-merge-conflict');
    expect(err.message).toBe(
      `$.aws.accounts[?(@.id=="${ACCOUNT}")].name: conflicting values: "acme-uat" in shard-1.json but "acme-test" in shard-2.json`,
    );
  });

  it('names the file that set a value when the conflict comes from a third part', () => {
    const a = withAccounts([account(ACCOUNT)]);
    const b = withAccounts([account(ACCOUNT, { state: 'ACTIVE' })]);
    const c = withAccounts([account(ACCOUNT, { state: 'SUSPENDED' })]);
    const err = mergeError([
      { file: 'a.json', inventory: a },
      { file: 'b.json', inventory: b },
      { file: 'c.json', inventory: c },
    ]);
    expect(err.message).toMatch(/\.state: conflicting values: "ACTIVE" in b\.json but "SUSPENDED" in c\.json$/);
  });

  it('compares policy documents whole and reports a nested conflict by resource', () => {
    const a = fullInventory();
    const b = fullInventory();
    b.aws.accounts[0]!.iamRoles[0]!.trustPolicy!.Statement = b.aws.accounts[0]!.iamRoles[0]!.trustPolicy!.Statement.slice(0, 1);
    const err = mergeError([
      { file: 'a.json', inventory: a },
      { file: 'b.json', inventory: b },
    ]);
    expect(err.location.path).toBe(
      `$.aws.accounts[?(@.id=="${ACCOUNT}")].iamRoles[?(@.arn=="arn:aws:iam::${ACCOUNT}:role/acme-SCVS3Role")].trustPolicy`,
    );
    expect(err.message).toMatch(/in a\.json but .* in b\.json$/);
  });

  it('unions environments and rejects a conflicting tier', () => {
    const a = minimalInventory();
    a.environments = [{ name: 'prod', tier: 'production' }];
    const b = minimalInventory();
    b.environments = [
      { name: 'prod', tier: 'production' },
      { name: 'dev', tier: 'non-production' },
    ];
    expect(mergeInventories([{ file: 'a', inventory: a }, { file: 'b', inventory: b }]).environments).toEqual(b.environments);
    const c = minimalInventory();
    c.environments = [{ name: 'prod', tier: 'non-production' }];
    const err = mergeError([
      { file: 'a.json', inventory: a },
      { file: 'c.json', inventory: c },
    ]);
    expect(err.message).toBe(
      '$.environments[?(@.name=="prod")].tier: conflicting values: "production" in a.json but "non-production" in c.json',
    );
  });

  it('takes the latest generatedAt and concatenates the collection log', () => {
    const a = minimalInventory('2026-11-20T06:00:00Z');
    a.collection.sources = [{ kind: 'aws', target: '1', startedAt: '2026-11-20T05:00:00Z', finishedAt: null }];
    const b = minimalInventory('2026-11-20T07:30:00+01:00');
    b.collection.errors = [{ source: 'aws', target: '2', operation: 'iam:ListRoles', code: 'AccessDenied', message: 'denied' }];
    const c = minimalInventory('2026-11-20T06:45:00Z');
    const merged = mergeInventories([
      { file: 'a', inventory: a },
      { file: 'b', inventory: b },
      { file: 'c', inventory: c },
    ]);
    expect(merged.generatedAt).toBe('2026-11-20T06:45:00Z');
    expect(merged.collection.sources).toEqual(a.collection.sources);
    expect(merged.collection.errors).toEqual(b.collection.errors);
  });

  it('does not modify its inputs', () => {
    const a = withAccounts([account(ACCOUNT)]);
    const b = withAccounts([account(ACCOUNT, { name: 'x', tags: { A: '1' } })]);
    const before = structuredClone([a, b]);
    mergeInventories([
      { file: 'a', inventory: a },
      { file: 'b', inventory: b },
    ]);
    expect([a, b]).toEqual(before);
  });
});
