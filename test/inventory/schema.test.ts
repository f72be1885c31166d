import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inventorySchema } from '../../src/inventory/schema.js';
import { inventoryProblems } from '../../src/inventory/validate.js';
import { fullInventory } from './sample.js';

type Schema = Record<string, unknown>;

/** The object schema of a (possibly nullable) value, or undefined for non-objects. */
function objectSchema(schema: Schema): Schema | undefined {
  return schema.type === 'object' && schema.properties ? schema : undefined;
}

/**
 * Walks schema and a fully populated value together: every object level must declare exactly
 * the keys the typed value has (the sample sets every optional field), so types and schema
 * cannot drift apart silently.
 */
function compareKeys(schema: Schema, value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    const items = schema.items as Schema | undefined;
    if (items) value.forEach((v, i) => compareKeys(items, v, `${path}[${i}]`, out));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const obj = objectSchema(schema);
  if (!obj) return;
  const declared = Object.keys(obj.properties as Schema).sort();
  const present = Object.keys(value).sort();
  // Open objects (IAM statements) may declare keys a given statement does not use.
  const union = obj.additionalProperties === false ? present : declared.filter((k) => present.includes(k));
  if (JSON.stringify(declared.filter((k) => obj.additionalProperties === false || present.includes(k))) !== JSON.stringify(union)) {
    out.push(`${path}: schema declares [${declared.join(', ')}], typed value has [${present.join(', ')}]`);
  }
  for (const [key, v] of Object.entries(value)) {
    const child = (obj.properties as Record<string, Schema>)[key];
    if (child) compareKeys(child, v, `${path}.${key}`, out);
  }
}

describe('inventory v1 schema', () => {
  it('accepts a fully populated inventory typed as Inventory', () => {
    expect(inventoryProblems(fullInventory())).toEqual([]);
  });

  it('declares exactly the fields of the types at every object level', () => {
    const mismatches: string[] = [];
    compareKeys(inventorySchema, fullInventory(), '$', mismatches);
    expect(mismatches).toEqual([]);
  });

  it('accepts the demo estate', () => {
    const demo: unknown = JSON.parse(readFileSync(new URL('../../fixtures/demo/inventory.json', import.meta.url), 'utf8'));
    expect(inventoryProblems(demo)).toEqual([]);
  });

  it.each([
    ['top level', (inv: any) => (inv.extra = 1), '$.extra'],
    ['org', (inv: any) => (inv.salesforce.orgs[0].extra = 1), '$.salesforce.orgs[0].extra'],
    ['contact center roles', (inv: any) => (inv.salesforce.orgs[0].contactCenters[0].roles.admin = null), '$.salesforce.orgs[0].contactCenters[0].roles.admin'],
    ['flow reference', (inv: any) => (inv.aws.accounts[0].connectInstances[0].flows[0].references[0].x = 1), '$.aws.accounts[0].connectInstances[0].flows[0].references[0].x'],
    ['policy document', (inv: any) => (inv.aws.accounts[0].iamRoles[0].trustPolicy.Extra = 1), '$.aws.accounts[0].iamRoles[0].trustPolicy.Extra'],
    ['trail', (inv: any) => (inv.aws.accounts[0].cloudTrail.trails[0].region = 'x'), '$.aws.accounts[0].cloudTrail.trails[0].region'],
    ['collection error', (inv: any) => (inv.collection.errors[0].secret = 'x'), '$.collection.errors[0].secret'],
  ])('rejects an unknown field in the %s', (_name, mutate, path) => {
    const inv = fullInventory();
    mutate(inv);
    const problems = inventoryProblems(inv);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(/^unknown field \(allowed: /);
  });

  it.each([
    ['tier', (inv: any) => (inv.environments[0].tier = 'prod'), '$.environments[0].tier', /expected one of "production", "non-production", got string "prod"/],
    ['org kind', (inv: any) => (inv.salesforce.orgs[0].kind = 'dev'), '$.salesforce.orgs[0].kind', /expected one of "production", "sandbox", "scratch"/],
    ['org id', (inv: any) => (inv.salesforce.orgs[0].id = '00D5g000004AbCd'), '$.salesforce.orgs[0].id', /expected an 18-character Salesforce org id/],
    ['account id', (inv: any) => (inv.aws.accounts[0].id = 1111), '$.aws.accounts[0].id', /expected a string, got number 1111/],
    ['date-time', (inv: any) => (inv.generatedAt = '2026-11-20'), '$.generatedAt', /expected an RFC 3339 date-time/],
    ['nullable date-time', (inv: any) => (inv.aws.accounts[0].connectInstances[0].createdAt = 5), '$.aws.accounts[0].connectInstances[0].createdAt', /expected a string or null, got number 5/],
    ['versioning', (inv: any) => (inv.aws.accounts[0].s3Buckets[0].versioning = 'On'), '$.aws.accounts[0].s3Buckets[0].versioning', /expected one of "Enabled", "Suspended" or null/],
    ['Statement', (inv: any) => (inv.aws.accounts[0].s3Buckets[0].policy.Statement = {}), '$.aws.accounts[0].s3Buckets[0].policy.Statement', /expected an array, got an object/],
    ['attribute', (inv: any) => (inv.aws.accounts[0].connectInstances[0].attributes.X = 1), '$.aws.accounts[0].connectInstances[0].attributes.X', /expected a boolean or a string, got number 1/],
  ])('rejects a wrong %s with its path and what was expected', (_name, mutate, path, message) => {
    const inv = fullInventory();
    mutate(inv);
    const problems = inventoryProblems(inv);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe(path);
    expect(problems[0]!.message).toMatch(message);
  });

  it('keeps an object key that looks like a number a key in the path', () => {
    const inv: any = fullInventory();
    inv.aws.accounts[0].tags['0'] = 1;
    expect(inventoryProblems(inv).map((p) => p.path)).toEqual(['$.aws.accounts[0].tags["0"]']);
  });

  it('reports a missing required field by its path', () => {
    const inv: any = fullInventory();
    delete inv.aws.accounts[0].connectInstances[0].region;
    expect(inventoryProblems(inv)).toEqual([{ path: '$.aws.accounts[0].connectInstances[0].region', message: 'missing required field' }]);
  });

  it('accepts an inventory written before the evidence sections were added', () => {
    const inv: any = fullInventory();
    const account = inv.aws.accounts[0];
    for (const field of ['cloudFormationStacks', 'lambdaFunctions', 'samlProviders', 'kmsKeys', 'firehoseStreams', 's3PublicAccessBlock', 'organization']) delete account[field];
    const instance = account.connectInstances[0];
    delete instance.approvedOrigins;
    delete instance.serviceRole;
    delete instance.integrations[0].sourceApplicationUrl;
    for (const storage of instance.storage) delete storage.kinesisVideo;
    delete account.s3Buckets[0].acl;
    delete account.s3Buckets[0].objectOwnership;
    expect(inventoryProblems(inv)).toEqual([]);
  });

  it.each([
    ['Lambda variable with a value', (inv: any) => (inv.aws.accounts[0].lambdaFunctions[0].variables[0].value = 'x'), '$.aws.accounts[0].lambdaFunctions[0].variables[0].value', /^unknown field/],
    ['Lambda org id', (inv: any) => (inv.aws.accounts[0].lambdaFunctions[0].salesforceOrgId = '00D5g000004AbCd'), '$.aws.accounts[0].lambdaFunctions[0].salesforceOrgId', /expected an 18-character Salesforce org id or null/],
    ['object ownership', (inv: any) => (inv.aws.accounts[0].s3Buckets[0].objectOwnership = 'Owner'), '$.aws.accounts[0].s3Buckets[0].objectOwnership', /expected one of "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter" or null/],
    ['KMS key account', (inv: any) => (inv.aws.accounts[0].kmsKeys[0].accountId = 'aws'), '$.aws.accounts[0].kmsKeys[0].accountId', /expected a 12-digit AWS account id/],
    ['stack parameter', (inv: any) => (inv.aws.accounts[0].cloudFormationStacks[0].parameters.X = 1), '$.aws.accounts[0].cloudFormationStacks[0].parameters.X', /expected a string or null, got number 1/],
  ])('rejects a wrong %s in the evidence sections', (_name, mutate, path, message) => {
    const inv = fullInventory();
    mutate(inv);
    const problems = inventoryProblems(inv);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });

  it('leaves origin optional', () => {
    const inv: any = fullInventory();
    delete inv.salesforce.orgs[0].origin;
    delete inv.aws.accounts[0].s3Buckets[0].origin;
    expect(inventoryProblems(inv)).toEqual([]);
  });
});
