/** The built-in engine adapter: loading, selection, errors per rule, finding shape and origins. */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuiltinRegoEngine } from '../../src/engine/builtin.js';
import { OriginIndex, toRawFindings, FindingShapeError } from '../../src/engine/raw-findings.js';
import { ScvGuardError } from '../../src/errors.js';
import { emptyInventory, type Inventory } from '../../src/inventory/types.js';
import type { PolicyData } from '../../src/engine/types.js';

const DATA: PolicyData = { config: {}, scanner: { now: '2026-01-01T00:00:00Z', waivers: [] } };

function meta(id: string, extra = ''): string {
  return [
    '# METADATA',
    `# title: Custom rule ${id}`,
    '# description: A user rule for the engine tests.',
    '# custom:',
    `#   id: ${id}`,
    '#   severity: low',
    '#   remediation: Fix it.',
    ...(extra ? [extra] : []),
  ].join('\n');
}

/** A temporary policy dir with the given files. */
function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scv-engine-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function inventoryWithErrors(n: number): Inventory {
  const inv = emptyInventory('2026-01-01T00:00:00Z');
  for (let i = 0; i < n; i++) {
    inv.collection.errors.push({ source: 'aws', target: `11111111111${i}`, operation: 'iam:ListRoles', code: 'AccessDenied', message: 'denied' });
  }
  return inv;
}

async function expectError(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScvGuardError);
  expect((err as ScvGuardError).code).toBe(code);
  expect((err as ScvGuardError).message).toMatch(text);
}

describe('BuiltinRegoEngine.load', () => {
  it('loads the built-in catalog without test files', async () => {
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [] });
    const ids = engine.catalog().map((r) => r.id);
    expect(ids).toContain('SCV-ACCT-001');
    expect(ids).toContain('SCV-WAIVER-001');
    expect(ids.length).toBe(38);
    expect(engine.catalog().find((r) => r.id === 'SCV-ACCT-001')).toMatchObject({
      severity: 'critical',
      package: 'scv.rules.accounts.shared_account',
      location: { file: expect.stringMatching(/policies\/accounts\/shared_account\.rego$/), line: 1 },
    });
  });

  it('includes and excludes rules by id', async () => {
    const only = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [], include: ['SCV-COLL-001', 'SCV-TEL-001'], exclude: ['SCV-TEL-001'] });
    expect(only.catalog().map((r) => r.id)).toEqual(['SCV-COLL-001']);
    const result = await only.evaluate(inventoryWithErrors(2), DATA);
    expect(result.results).toEqual([{ ruleId: 'SCV-COLL-001', outcome: 'fail' }]);
    expect(result.findings).toHaveLength(2);
  });

  it('rejects an unknown rule id, naming it', async () => {
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [], exclude: ['SCV-NOPE-001'] }), 'config', /unknown rule id "SCV-NOPE-001" in policy exclude/);
  });

  it('adds user policy dirs beside the built-in ones', async () => {
    const dir = policyDir({
      'voice/custom.rego': `${meta('ACME-VOICE-001')}\npackage scv.rules.acme.custom\n\nimport rego.v1\n\ndeny contains {"msg": "always", "resource": {"type": "aws-account", "id": "1"}} if count(input.collection.errors) > 0\n`,
      'voice/custom_test.rego': 'package scv.rules.acme.custom_test\n\nimport rego.v1\n\ntest_x if true\n',
    });
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir] });
    expect(engine.catalog().map((r) => r.id)).toContain('ACME-VOICE-001');
    const result = await engine.evaluate(inventoryWithErrors(1), DATA);
    expect(result.findings.filter((f) => f.ruleId === 'ACME-VOICE-001')).toEqual([
      { ruleId: 'ACME-VOICE-001', message: 'always', resource: { type: 'aws-account', id: '1' }, related: [] },
    ]);
  });

  it('reports a parse error in a policy file with file:line', async () => {
    const dir = policyDir({ 'broken.rego': 'package scv.rules.acme.broken\n\ndeny contains x if {\n' });
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir] }), 'policy', /broken\.rego:\d+(:\d+)?: rego_parse_error/);
  });

  it('reports a rule package without METADATA, naming the file', async () => {
    const dir = policyDir({ 'bare.rego': 'package scv.rules.acme.bare\n\nimport rego.v1\n\ndeny contains "x" if false\n' });
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir] }), 'policy', /bare\.rego:1: rule package scv\.rules\.acme\.bare has no package-scoped METADATA block/);
  });

  it('reports missing METADATA fields and bad severities', async () => {
    const noRemediation = policyDir({ 'a.rego': `${meta('ACME-A-001').replace('\n#   remediation: Fix it.', '')}\npackage scv.rules.acme.a\n\nimport rego.v1\n\ndeny contains "x" if false\n` });
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [noRemediation] }), 'policy', /a\.rego:1: METADATA lacks custom\.remediation/);
    const badSeverity = policyDir({ 'b.rego': `${meta('ACME-B-001').replace('severity: low', 'severity: urgent')}\npackage scv.rules.acme.b\n\nimport rego.v1\n\ndeny contains "x" if false\n` });
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [badSeverity] }), 'policy', /custom\.severity must be one of critical, high, medium, low, info, got "urgent"/);
  });

  it('reads custom.inputs and rejects a name that is not an inventory section, naming file and line', async () => {
    const ok = policyDir({ 'in.rego': `${meta('ACME-I-001', '#   inputs: [aws.iamRoles, salesforce.contactCenters]')}\npackage scv.rules.acme.inputs\n\nimport rego.v1\n\ndeny contains "x" if false\n` });
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [ok] });
    expect(engine.catalog().find((r) => r.id === 'ACME-I-001')!.inputs).toEqual(['aws.iamRoles', 'salesforce.contactCenters']);
    const bad = policyDir({ 'bad.rego': `${meta('ACME-I-002', '#   inputs: [aws.iamRole]')}\npackage scv.rules.acme.bad\n\nimport rego.v1\n\ndeny contains "x" if false\n` });
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [bad] }), 'policy', /bad\.rego:1: METADATA custom\.inputs names "aws\.iamRole", which is not an inventory section/);
  });

  it('reports a repeated rule id, naming both files', async () => {
    const dir = policyDir({ 'dup.rego': `${meta('SCV-ACCT-001')}\npackage scv.rules.acme.dup\n\nimport rego.v1\n\ndeny contains "x" if false\n` });
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir] }), 'policy', /dup\.rego:1: rule id SCV-ACCT-001 is already used by .*shared_account\.rego:1/);
  });

  it('reports a rule package without a deny rule', async () => {
    const dir = policyDir({ 'nodeny.rego': `${meta('ACME-C-001')}\npackage scv.rules.acme.nodeny\n\nimport rego.v1\n\nviolation contains "x" if false\n` });
    await expectError(BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir] }), 'policy', /has no deny rule/);
  });
});

describe('BuiltinRegoEngine.evaluate', () => {
  it('makes a rule that errors could-not-evaluate and still evaluates the others', async () => {
    const dir = policyDir({
      'conflict.rego': `${meta('ACME-ERR-001')}\npackage scv.rules.acme.conflict\n\nimport rego.v1\n\nf(_) := 1\n\nf(_) := 2\n\ndeny contains {"msg": "x", "resource": {"type": "t", "id": "i"}} if f(0) == 1\n`,
    });
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir], include: ['ACME-ERR-001', 'SCV-COLL-001'] });
    const result = await engine.evaluate(inventoryWithErrors(1), DATA);
    expect(result.results).toEqual([
      { ruleId: 'ACME-ERR-001', outcome: 'could-not-evaluate', error: expect.stringMatching(/conflict\.rego:\d+:\d+: eval_conflict_error/) },
      { ruleId: 'SCV-COLL-001', outcome: 'fail' },
    ]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['SCV-COLL-001']);
  });

  it('makes a rule with a malformed finding could-not-evaluate with a clear error', async () => {
    const dir = policyDir({
      'shape.rego': `${meta('ACME-SHAPE-001')}\npackage scv.rules.acme.shape\n\nimport rego.v1\n\ndeny contains {"message": "x", "resource": {"type": "t", "id": "i"}} if true\n`,
    });
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir], include: ['ACME-SHAPE-001'] });
    const result = await engine.evaluate(emptyInventory(), DATA);
    expect(result.results).toEqual([{ ruleId: 'ACME-SHAPE-001', outcome: 'could-not-evaluate', error: 'deny[0].msg must be a non-empty string' }]);
    expect(result.findings).toEqual([]);
  });

  it("hands on what a rule says it cannot know (its incomplete set); a malformed one is could-not-evaluate", async () => {
    const dir = policyDir({
      'unsure.rego': `${meta('ACME-UNSURE-001')}\npackage scv.rules.acme.unsure\n\nimport rego.v1\n\ndeny contains {"msg": "x", "resource": {"type": "t", "id": "i"}} if false\n\nincomplete contains "contact center X names no single instance." if true\n`,
      'bad.rego': `${meta('ACME-UNSURE-002')}\npackage scv.rules.acme.badunsure\n\nimport rego.v1\n\ndeny contains {"msg": "x", "resource": {"type": "t", "id": "i"}} if false\n\nincomplete contains 42 if true\n`,
    });
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir], include: ['ACME-UNSURE-001', 'ACME-UNSURE-002', 'SCV-TEL-001'] });
    const result = await engine.evaluate(emptyInventory(), DATA);
    expect(result.results).toEqual([
      { ruleId: 'ACME-UNSURE-001', outcome: 'pass', cannotKnow: ['contact center X names no single instance.'] },
      { ruleId: 'ACME-UNSURE-002', outcome: 'could-not-evaluate', error: 'incomplete[0] must be a non-empty string (a reason), got a number' },
      { ruleId: 'SCV-TEL-001', outcome: 'pass' },
    ]);
  });

  it('passes data.config settings to the policies', async () => {
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [], include: ['SCV-TEL-001'] });
    const inv = emptyInventory('2026-01-01T00:00:00Z');
    inv.environments = [{ name: 'dev', tier: 'non-production' }];
    inv.aws.accounts.push({
      id: '111111111111', name: null, environment: 'dev', state: 'ACTIVE', tags: {}, iamRoles: [], s3Buckets: [], kinesisStreams: [], cloudTrail: null,
      connectInstances: [{
        id: 'i-1', arn: 'arn:aws:connect:us-east-1:111111111111:instance/i-1', alias: null, region: 'us-east-1', status: 'ACTIVE', createdAt: null,
        environment: 'dev', tags: {}, storage: [], attributes: {}, flows: [], lambdaFunctions: [], integrations: [],
        phoneNumbers: [{ number: '+1', type: 'DID', arn: null }, { number: '+2', type: 'DID', arn: null }],
      }],
    });
    expect((await engine.evaluate(inv, DATA)).findings).toHaveLength(1);
    expect((await engine.evaluate(inv, { ...DATA, config: { nonProductionPhoneNumberAllowance: 2 } })).findings).toHaveLength(0);
  });
});

describe('raw findings', () => {
  it('maps deny values, keeping arn and environment, defaulting related to []', () => {
    expect(
      toRawFindings('R-1', [{ msg: 'm', resource: { type: 'iam-role', id: 'arn:x', arn: 'arn:x', environment: null } }]),
    ).toEqual([{ ruleId: 'R-1', message: 'm', resource: { type: 'iam-role', id: 'arn:x', arn: 'arn:x', environment: null }, related: [] }]);
  });

  it('rejects malformed values with the path of the problem', () => {
    expect(() => toRawFindings('R-1', ['just a string'])).toThrow(new FindingShapeError('deny[0] must be an object {msg, resource, related?}, got a string'));
    expect(() => toRawFindings('R-1', [{ msg: 'm', resource: { type: 't' } }])).toThrow('deny[0].resource.id must be a non-empty string');
    expect(() => toRawFindings('R-1', [{ msg: 'm', resource: { type: 't', id: 'i' }, related: [{ id: 'x' }] }])).toThrow('deny[0].related[0].type must be a non-empty string');
    expect(() => toRawFindings('R-1', { msg: 'm' })).toThrow('deny must be a set of findings, got an object');
  });

  it('attaches the origin of resources that came from files, by id or ARN', () => {
    const inv = emptyInventory();
    inv.aws.accounts.push({
      id: '111111111111', name: null, environment: null, state: null, tags: {}, connectInstances: [], kinesisStreams: [], cloudTrail: null,
      iamRoles: [{ arn: 'arn:aws:iam::111111111111:role/r', name: 'r', path: '/', tags: {}, trustPolicy: null, origin: { file: 'plan.json', line: 12 } }],
      s3Buckets: [{ name: 'b', arn: 'arn:aws:s3:::b', region: null, environment: null, tags: {}, policy: null, publicAccessBlock: null, encryption: null, versioning: null, origin: { file: 'stack.yaml', line: null } }],
    });
    const origins = OriginIndex.of(inv);
    const [role, bucket, other] = toRawFindings('R-1', [
      { msg: 'm', resource: { type: 'iam-role', id: 'arn:aws:iam::111111111111:role/r' } },
      { msg: 'm', resource: { type: 's3-bucket', id: 'x', arn: 'arn:aws:s3:::b' } },
      { msg: 'm', resource: { type: 'aws-account', id: '111111111111' } },
    ], origins);
    expect(role!.origin).toEqual({ file: 'plan.json', line: 12 });
    expect(bucket!.origin).toEqual({ file: 'stack.yaml', line: 1 });
    expect(other!.origin).toBeUndefined();
  });

  it('falls back to the origin of the first related resource that came from a file', () => {
    const inv = emptyInventory();
    inv.aws.accounts.push({
      id: '111111111111', name: null, environment: null, state: null, tags: {}, connectInstances: [], kinesisStreams: [], cloudTrail: null, s3Buckets: [],
      iamRoles: [{ arn: 'arn:aws:iam::111111111111:role/r', name: 'r', path: '/', tags: {}, trustPolicy: null, origin: { file: 'plan.json', line: 12 } }],
    });
    const [finding] = toRawFindings('R-1', [
      { msg: 'm', resource: { type: 'aws-account', id: '111111111111' }, related: [{ type: 's3-bucket', id: 'live' }, { type: 'iam-role', id: 'arn:aws:iam::111111111111:role/r' }] },
    ], OriginIndex.of(inv));
    expect(finding!.origin).toEqual({ file: 'plan.json', line: 12 });
  });
});

describe('the custom policy example of docs/custom-rules.md', () => {
  it('loads, and fires on a sandbox contact center whose name lacks its environment', async () => {
    const page = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'custom-rules.md'), 'utf8');
    const section = page.slice(page.indexOf('### Writing custom policies'));
    const code = /```rego\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code).toBeDefined();
    const dir = policyDir({ 'cc_naming.rego': code! });
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [dir], include: ['ACME-VOICE-001'] });
    const inv = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'inventory.json'), 'utf8')) as Inventory;
    expect((await engine.evaluate(inv, DATA)).findings).toEqual([]);
    const sandbox = inv.salesforce.orgs.find((o) => o.kind === 'sandbox')!;
    sandbox.contactCenters[0]!.displayName = 'Acme Customer Care';
    const result = await engine.evaluate(inv, DATA);
    expect(result.findings.map((f) => [f.ruleId, f.resource.id])).toEqual([['ACME-VOICE-001', sandbox.contactCenters[0]!.id]]);
  });
});

describe('built-in rules over inconsistent input', () => {
  it('make only the rules that read a twice-listed bucket could-not-evaluate', async () => {
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [] });
    const inv = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'estates', 'compliant', 'inventory.json'), 'utf8')) as Inventory;
    const [prod, uat] = inv.aws.accounts;
    // The same bucket ARN in two accounts with different settings (a bad merge).
    uat!.s3Buckets.push({ ...prod!.s3Buckets[0]!, environment: 'uat' });
    const result = await engine.evaluate(inv, DATA);
    const failed = result.results.filter((r) => r.outcome === 'could-not-evaluate');
    expect(failed.map((r) => r.ruleId).sort()).toEqual(['SCV-DATA-001', 'SCV-DATA-002', 'SCV-ENV-003', 'SCV-ENV-005', 'SCV-ENV-006']);
    for (const r of failed) expect(r.error).toMatch(/estate\.rego:\d+:\d+: eval_conflict_error/);
    expect(result.results.filter((r) => r.outcome === 'pass')).toHaveLength(33);
  });
});

describe('rule settings', () => {
  it('reject a built-in setting of the wrong type, naming it', async () => {
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [], include: ['SCV-TEL-001'] });
    await expectError(engine.evaluate(emptyInventory(), { ...DATA, config: { nonProductionPhoneNumberAllowance: 'two' } }), 'config', /settings\.nonProductionPhoneNumberAllowance: expected a number \(default 1\), got string "two"/);
    await expectError(engine.evaluate(emptyInventory(), { ...DATA, config: { scvRoleNamePatterns: 'SCV*' } }), 'config', /settings\.scvRoleNamePatterns: expected a list of strings/);
    await expectError(engine.evaluate(emptyInventory(), { ...DATA, config: { nonProductionPhoneNumberAllowance: -1 } }), 'config', /whole number/);
  });

  it('leave settings of custom policies alone', async () => {
    const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [], include: ['SCV-TEL-001'] });
    const result = await engine.evaluate(emptyInventory(), { ...DATA, config: { acmeThreshold: 'x', environmentTagKey: 'Stage' } });
    expect(result.results).toEqual([{ ruleId: 'SCV-TEL-001', outcome: 'pass' }]);
    expect(engine.settingDefaults()['environmentTagKey']).toBe('Environment');
  });
});
