import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasmBundleEngine } from '../../src/engine/wasm.js';
import { createEngine } from '../../src/engine/index.js';
import { loadPolicies } from '../../src/engine/builtin.js';
import { ScvGuardError } from '../../src/errors.js';
import { emptyAwsAccount, emptyInventory, type Inventory } from '../../src/inventory/types.js';
import type { PolicyData } from '../../src/engine/types.js';
import { makeTarGz } from '../support/tar-bundle.js';
import { assembleTestModule, type TestModuleOptions } from '../support/wat.js';

const DATA: PolicyData = { config: {}, scanner: { now: '2026-11-22T00:00:00Z', waivers: [] } };

const RULE_REGO = `# METADATA
# title: Demo account rule
# description: Fires for accounts the test module names.
# custom:
#   id: TEST-WASM-001
#   severity: high
#   remediation: Give each org its own AWS account.
package scv.rules.demo.account_rule

deny contains {"msg": "x", "resource": {"type": "aws-account", "id": "1"}} if false
`;

const SECOND_REGO = RULE_REGO.replace('TEST-WASM-001', 'TEST-WASM-002').replace('account_rule', 'missing_rule');

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scv-wasm-'));
});

async function bundleFile(name: string, module: TestModuleOptions, rego: string[] = [RULE_REGO]): Promise<string> {
  const wasm = await assembleTestModule(module);
  const file = join(dir, name);
  writeFileSync(
    file,
    await makeTarGz([
      { name: '/policy.wasm', content: wasm },
      { name: '/data.json', content: '{}' },
      ...rego.map((text, i) => ({ name: `/policies/rule${i}.rego`, content: text })),
    ]),
  );
  return file;
}

async function loadError(bundle: string): Promise<ScvGuardError> {
  const err = await WasmBundleEngine.load({ engine: 'wasm', policyPaths: [], bundle }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ScvGuardError);
  return err as ScvGuardError;
}

function inventoryWithPlannedAccount(): Inventory {
  const inv = emptyInventory('2026-11-22T00:00:00Z');
  inv.aws.accounts.push(
    emptyAwsAccount('111111111111', {
      environment: 'prod',
      s3Buckets: [
        {
          name: 'planned-recordings',
          arn: 'arn:aws:s3:::planned-recordings',
          region: 'us-east-1',
          environment: 'prod',
          tags: {},
          policy: null,
          publicAccessBlock: null,
          encryption: null,
          versioning: null,
          origin: { file: 'plan.json', line: 42 },
        },
      ],
    }),
  );
  return inv;
}

describe('WasmBundleEngine', () => {
  it('maps the scv/rules result set to findings with the bundle METADATA, attaching file origins', async () => {
    const bucket = { type: 's3-bucket', id: 'arn:aws:s3:::planned-recordings', environment: 'prod' };
    const file = await bundleFile(
      'findings.tar.gz',
      {
        result: [
          {
            result: {
              demo: {
                account_rule: {
                  incomplete: ['account 333333333333 could not be told apart.'],
                  deny: [
                    { msg: 'bucket shared', resource: bucket, related: [{ type: 'aws-account', id: '111111111111' }] },
                    { msg: 'account shared', resource: { type: 'aws-account', id: '222222222222' } },
                  ],
                },
              },
            },
          },
        ],
      },
      [RULE_REGO, SECOND_REGO],
    );
    const engine = await WasmBundleEngine.load({ engine: 'wasm', policyPaths: [], bundle: file });
    expect(engine.catalog().map((r) => [r.id, r.severity, r.title])).toEqual([
      ['TEST-WASM-001', 'high', 'Demo account rule'],
      ['TEST-WASM-002', 'high', 'Demo account rule'],
    ]);
    const { findings, results } = await engine.evaluate(inventoryWithPlannedAccount(), DATA);
    expect(findings).toEqual([
      {
        ruleId: 'TEST-WASM-001',
        message: 'bucket shared',
        resource: bucket,
        related: [{ type: 'aws-account', id: '111111111111' }],
        origin: { file: 'plan.json', line: 42 },
        origins: [{ file: 'plan.json', line: 42 }],
      },
      { ruleId: 'TEST-WASM-001', message: 'account shared', resource: { type: 'aws-account', id: '222222222222' }, related: [] },
    ]);
    expect(results).toEqual([
      { ruleId: 'TEST-WASM-001', outcome: 'fail', cannotKnow: ['account 333333333333 could not be told apart.'] },
      {
        ruleId: 'TEST-WASM-002',
        outcome: 'could-not-evaluate',
        error: 'rule package scv.rules.demo.missing_rule is not in the bundle',
      },
    ]);
  });

  it('takes a bare policy.wasm and the built-in catalog, matching rules by package', async () => {
    const builtin = loadPolicies([]).catalog;
    const rule = builtin[0]!;
    const path = rule.package.split('.').slice(2);
    const tree: Record<string, unknown> = {};
    let node = tree;
    for (const seg of path) node = (node[seg] = {}) as Record<string, unknown>;
    node['deny'] = [{ msg: 'from wasm', resource: { type: 'aws-account', id: '333333333333' } }];
    const file = join(dir, 'policy.wasm');
    writeFileSync(file, await assembleTestModule({ result: [{ result: tree }] }));

    const engine = await createEngine({ engine: 'wasm', policyPaths: [], bundle: file, include: [rule.id] });
    expect(engine.name).toBe('wasm');
    expect(engine.catalog()).toEqual([rule]);
    const { findings, results } = await engine.evaluate(emptyInventory(), DATA);
    expect(findings.map((f) => [f.ruleId, f.message, f.resource.id])).toEqual([[rule.id, 'from wasm', '333333333333']]);
    expect(results).toEqual([{ ruleId: rule.id, outcome: 'fail' }]);
  });

  it('treats an undefined result as could-not-evaluate for every rule, never as a pass', async () => {
    const file = await bundleFile('undefined.tar.gz', { result: [] });
    const engine = await WasmBundleEngine.load({ engine: 'wasm', policyPaths: [], bundle: file });
    const { findings, results } = await engine.evaluate(emptyInventory(), DATA);
    expect(findings).toEqual([]);
    expect(results).toEqual([
      { ruleId: 'TEST-WASM-001', outcome: 'could-not-evaluate', error: "the bundle's scv/rules entrypoint is undefined for this input" },
    ]);
  });

  it('passes a rule whose deny set is empty and rejects malformed findings per rule', async () => {
    const file = await bundleFile(
      'mixed.tar.gz',
      { result: [{ result: { demo: { account_rule: { deny: [] }, missing_rule: { deny: [{ msg: 'no resource' }] } } } }] },
      [RULE_REGO, SECOND_REGO],
    );
    const engine = await WasmBundleEngine.load({ engine: 'wasm', policyPaths: [], bundle: file });
    const { results } = await engine.evaluate(emptyInventory(), DATA);
    expect(results[0]).toEqual({ ruleId: 'TEST-WASM-001', outcome: 'pass' });
    expect(results[1]!.outcome).toBe('could-not-evaluate');
    expect(results[1]!.error).toContain('deny[0].resource must be an object');
  });

  it('reports an abort inside the module as could-not-evaluate with its message', async () => {
    const file = await bundleFile('abort.tar.gz', { abort: true });
    const engine = await WasmBundleEngine.load({ engine: 'wasm', policyPaths: [], bundle: file });
    const { results } = await engine.evaluate(emptyInventory(), DATA);
    expect(results).toEqual([
      {
        ruleId: 'TEST-WASM-001',
        outcome: 'could-not-evaluate',
        error: 'OPA Wasm evaluation failed: conflicting rules data.scv.rules.demo.x found',
      },
    ]);
  });

  it('lists the entrypoints a bundle has when scv/rules is missing', async () => {
    const file = await bundleFile('entry.tar.gz', { entrypoints: { 'acme/authz': 0, 'acme/allow': 1 } });
    const err = await loadError(file);
    expect(err.code).toBe('bundle');
    expect(err.message).toContain('bundle has no entrypoint scv/rules (it has: acme/allow, acme/authz)');
    expect(err.message).toContain('opa build -t wasm -e scv/rules');
  });

  it('refuses an unsupported ABI version', async () => {
    const err = await loadError(await bundleFile('abi2.tar.gz', { abiMajor: 2 }));
    expect(err.message).toContain('uses OPA Wasm ABI version 2; scv-guard runs ABI 1.x');
  });

  it('refuses corrupt bundles and modules that are not OPA policies', async () => {
    const corrupt = join(dir, 'corrupt.tar.gz');
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03]));
    expect((await loadError(corrupt)).message).toMatch(/corrupt gzip data/);

    const badWasm = join(dir, 'bad.wasm');
    writeFileSync(badWasm, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff]));
    expect((await loadError(badWasm)).message).toContain('not a valid WebAssembly module');

    const emptyModule = join(dir, 'empty.wasm');
    writeFileSync(emptyModule, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    expect((await loadError(emptyModule)).message).toContain('does not implement the OPA Wasm ABI (missing exports: opa_malloc');
  });

  it('checks built-in rule settings like the built-in engine: a wrong type names settings.<key>', async () => {
    const file = join(dir, 'settings.wasm');
    writeFileSync(file, await assembleTestModule({ result: [{ result: {} }] }));
    const engine = await WasmBundleEngine.load({ engine: 'wasm', policyPaths: [], bundle: file });
    expect(engine.settingDefaults()).toHaveProperty('nonProductionPhoneNumberAllowance', 1);
    const err = await engine
      .evaluate(emptyInventory(), { ...DATA, config: { nonProductionPhoneNumberAllowance: 'two' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScvGuardError);
    expect((err as ScvGuardError).message).toContain('settings.nonProductionPhoneNumberAllowance: expected a number');
    // a bundle whose own sources declare no built-in settings checks none
    const custom = await WasmBundleEngine.load({ engine: 'wasm', policyPaths: [], bundle: await bundleFile('custom.tar.gz', { result: [] }) });
    expect(custom.settingDefaults()).toEqual({});
  });

  it('needs --bundle', async () => {
    const err = await createEngine({ engine: 'wasm', policyPaths: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScvGuardError);
    expect((err as ScvGuardError).message).toContain('--engine wasm needs --bundle FILE');
  });
});
