import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { thrown } from '../../support/thrown.js';
import { terraformPlanParser } from '../../../src/collect/files/terraform/index.js';
import { PLANNED_ACCOUNT_ID } from '../../../src/collect/files/planned.js';
import { validateInventory } from '../../../src/inventory/validate.js';
import { ScvGuardError } from '../../../src/errors.js';
import type { Origin } from '../../../src/inventory/types.js';

const FILE = 'fixtures/plans/shared-recording-bucket.plan.json';
const TEXT = readFileSync(FILE, 'utf8');
const OPTS = { generatedAt: '2026-11-20T09:12:44Z' };

/** 1-based line of the first line matching `pattern` at or after line `from`. */
function lineOf(pattern: RegExp, from = 1): number {
  const lines = TEXT.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (pattern.test(lines[i]!)) return i + 1;
  throw new Error(`no line matches ${pattern}`);
}
const changesStart = lineOf(/"resource_changes": \[/);
/** Line and column of the `{` opening the resource_changes entry whose address line matches `pattern`. */
function entryStart(pattern: RegExp): { line: number; column: number } {
  const line = lineOf(pattern, changesStart) - 1;
  return { line, column: TEXT.split('\n')[line - 1]!.indexOf('{') + 1 };
}

describe('terraform plan parser', () => {
  const parsed = terraformPlanParser.parse(FILE, TEXT, OPTS);
  const account = parsed.inventory.aws.accounts[0]!;

  it('recognises `terraform show -json` output only', () => {
    expect(terraformPlanParser.canParse(FILE, TEXT)).toBe(true);
    expect(terraformPlanParser.canParse('x.json', '{"Resources": {}}')).toBe(false);
    expect(terraformPlanParser.canParse('plan.yaml', TEXT)).toBe(false);
  });

  it('produces a valid inventory with every supported resource', () => {
    expect(() => validateInventory(parsed.inventory, FILE)).not.toThrow();
    expect(parsed.inventory.aws.accounts).toHaveLength(1);
    expect([account.id, account.known]).toEqual([PLANNED_ACCOUNT_ID, false]);
    expect(account.connectInstances.map((i) => i.alias)).toEqual(['acme-prod', 'acme-uat']);
    expect(account.s3Buckets.map((b) => b.name)).toEqual(['acme-contact-recordings']);
    expect(account.iamRoles.map((r) => r.name)).toEqual(['acme-SCVS3Role']);
    expect(account.kinesisStreams).toEqual([
      { arn: 'arn:aws:kinesis:us-east-1::stream/acme-ctr', name: 'acme-ctr', encryption: 'NONE', origin: { file: FILE, ...entryStart(/\"address\": \"aws_kinesis_stream.ctr\"/), declaredAs: 'aws_kinesis_stream.ctr' } },
    ]);
    expect(parsed.inventory.collection.sources).toEqual([{ kind: 'file', target: FILE, startedAt: OPTS.generatedAt, finishedAt: OPTS.generatedAt }]);
  });

  it('points each resource at the line and column of its resource_changes entry', () => {
    const bucket = account.s3Buckets[0]!;
    expect(bucket.origin).toEqual({ file: FILE, ...entryStart(/\"address\": \"aws_s3_bucket.recordings\"/), declaredAs: 'aws_s3_bucket.recordings' });
    const uat = account.connectInstances[1]!;
    expect(uat.origin!.line).toBe(lineOf(/"address": "aws_connect_instance.uat"/, changesStart) - 1);
  });

  it('tells the resources of a one-line plan (as terraform writes it) apart by column', () => {
    const oneLine = JSON.stringify(JSON.parse(TEXT));
    expect(oneLine).not.toContain('\n');
    const minified = terraformPlanParser.parse(FILE, oneLine, OPTS).inventory.aws.accounts[0]!;
    const changes = (JSON.parse(TEXT) as { resource_changes: { address: string }[] }).resource_changes;
    /** Column of the `{` opening the resource_changes entry of `address` in the one-line text. */
    const columnOf = (address: string): number => {
      const entry = JSON.stringify(changes.find((c) => c.address === address));
      const at = oneLine.indexOf(entry, oneLine.indexOf('"resource_changes":'));
      expect(at).toBeGreaterThan(0);
      return at + 1;
    };
    const origins: [string | null, Origin | undefined][] = [
      ...minified.connectInstances.map((i): [string | null, Origin | undefined] => [i.id, i.origin]),
      ...minified.s3Buckets.map((b): [string | null, Origin | undefined] => [b.name, b.origin]),
      ...minified.iamRoles.map((r): [string | null, Origin | undefined] => [r.name, r.origin]),
      ...minified.kinesisStreams.map((k): [string | null, Origin | undefined] => [k.name, k.origin]),
    ];
    expect(origins.length).toBeGreaterThanOrEqual(5);
    for (const [name, origin] of origins) expect(origin?.line, String(name)).toBe(1);
    const columns = origins.map(([, origin]) => origin!.column);
    expect(new Set(columns).size).toBe(columns.length);
    expect(minified.s3Buckets[0]!.origin).toEqual({ file: FILE, line: 1, column: columnOf('aws_s3_bucket.recordings'), declaredAs: 'aws_s3_bucket.recordings' });
    expect(minified.kinesisStreams[0]!.origin).toEqual({ file: FILE, line: 1, column: columnOf('aws_kinesis_stream.ctr'), declaredAs: 'aws_kinesis_stream.ctr' });
    expect(minified.connectInstances[1]!.origin!.column).toBe(columnOf('aws_connect_instance.uat'));
  });

  it('reads instance attributes, tags and the environment tag', () => {
    const uat = account.connectInstances[1]!;
    expect(uat.id).toBe('aws_connect_instance.uat');
    expect(uat.region).toBe('us-east-1');
    expect(uat.environment).toBe('uat');
    expect(uat.attributes).toMatchObject({ CONTACTFLOW_LOGS: true, INBOUND_CALLS: true, MULTI_PARTY_CONFERENCE: false });
    expect(uat.status).toBeNull();
  });

  it('resolves unknown-after-apply references through the configuration block', () => {
    // instance_id is unknown at plan time; configuration references tell which instance it is.
    const [prod, uat] = account.connectInstances;
    expect(prod!.storage).toEqual([
      expect.objectContaining({ resourceType: 'CALL_RECORDINGS', storageType: 'S3', s3: expect.objectContaining({ bucket: 'acme-contact-recordings', prefix: 'prod/recordings' }) }),
    ]);
    expect(uat!.storage[0]!.s3!.bucket).toBe('acme-contact-recordings');
    expect(uat!.flows.map((f) => f.name)).toEqual(['Inbound main']);
    expect(uat!.flows[0]!.references).toEqual([
      { kind: 'lambda', arn: 'arn:aws:lambda:us-east-1:111111111111:function:crm-lookup:PROD', action: 'InvokeLambdaFunction', actionId: 'a1' },
    ]);
  });

  it('applies bucket encryption and public access block resources to their bucket', () => {
    const bucket = account.s3Buckets[0]!;
    expect(bucket.encryption).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/8a2f5c1e-0d7b-4c59-9a0e-2f1e6b7d3c40' });
    expect(bucket.publicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(bucket.versioning).toBeNull();
  });

  it('decodes the trust policy with Statement as an array', () => {
    const role = account.iamRoles[0]!;
    // the account is not known: the ARN leaves it empty rather than naming the placeholder
    expect(role.arn).toBe('arn:aws:iam:::role/acme-SCVS3Role');
    expect(Array.isArray(role.trustPolicy!.Statement)).toBe(true);
    expect(role.trustPolicy!.Statement[0]!.Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'scv-ext-7f3a' } });
  });

  it('places resources in the given account and skips destroyed ones', () => {
    const plan = JSON.parse(TEXT);
    plan.resource_changes[0].change.actions = ['delete'];
    const r = terraformPlanParser.parse(FILE, JSON.stringify(plan, null, 2), { ...OPTS, accountId: '333333333333' });
    expect(r.inventory.aws.accounts[0]!.id).toBe('333333333333');
    expect(r.inventory.aws.accounts[0]!.connectInstances.map((i) => i.alias)).toEqual(['acme-uat']);
  });

  it('attaches a storage config for an existing instance without declaring the instance', () => {
    const plan = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_connect_instance_storage_config.rec', mode: 'managed', type: 'aws_connect_instance_storage_config', name: 'rec',
          change: { actions: ['create'], after: { instance_id: 'arn:aws:connect:us-east-1:444444444444:instance/abc', resource_type: 'CALL_RECORDINGS', storage_config: [{ storage_type: 'S3', s3_config: [{ bucket_name: 'shared', bucket_prefix: 'x' }] }] } },
        },
      ],
    };
    const r = terraformPlanParser.parse('p.json', JSON.stringify(plan), OPTS);
    expect(r.attachments.instances).toEqual(['arn:aws:connect:us-east-1:444444444444:instance/abc']);
    expect(r.inventory.aws.accounts[0]!.id).toBe('444444444444');
  });

  it('follows references inside child modules (module-relative configuration addresses)', () => {
    const rc = (address: string, type: string, after: object) => ({ address, module_address: 'module.connect', mode: 'managed', type, name: address.split('.').pop(), change: { actions: ['create'], after } });
    const plan = {
      format_version: '1.2',
      resource_changes: [
        rc('module.connect.aws_connect_instance.this', 'aws_connect_instance', { instance_alias: 'acme-dev', tags: { Environment: 'dev' } }),
        rc('module.connect.aws_s3_bucket.rec', 'aws_s3_bucket', {}),
        rc('module.connect.aws_connect_instance_storage_config.rec', 'aws_connect_instance_storage_config', {
          resource_type: 'CALL_RECORDINGS', storage_config: [{ storage_type: 'S3', s3_config: [{ bucket_prefix: 'r' }] }],
        }),
      ],
      configuration: {
        root_module: {
          module_calls: {
            connect: {
              source: './modules/connect',
              module: {
                resources: [
                  { address: 'aws_connect_instance_storage_config.rec', expressions: {
                    instance_id: { references: ['aws_connect_instance.this.id', 'aws_connect_instance.this'] },
                    storage_config: [{ s3_config: [{ bucket_name: { references: ['aws_s3_bucket.rec.bucket', 'aws_s3_bucket.rec'] } }] }],
                  } },
                ],
              },
            },
          },
        },
      },
    };
    const r = terraformPlanParser.parse('p.json', JSON.stringify(plan, null, 2), OPTS);
    const inst = r.inventory.aws.accounts[0]!.connectInstances[0]!;
    expect(inst.id).toBe('module.connect.aws_connect_instance.this');
    // bucket_prefix-style buckets without a known name are named by their address
    expect(inst.storage[0]!.s3!.bucket).toBe('module.connect.aws_s3_bucket.rec');
    expect(r.attachments.instances).toEqual([]);
  });

  it('reads the inline encryption and versioning blocks of older provider versions', () => {
    const plan = {
      format_version: '1.0',
      resource_changes: [{
        address: 'aws_s3_bucket.old', mode: 'managed', type: 'aws_s3_bucket', name: 'old',
        change: { actions: ['no-op'], after: {
          bucket: 'legacy-recordings', arn: 'arn:aws:s3:::legacy-recordings',
          server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256', kms_master_key_id: '' }] }] }],
          versioning: [{ enabled: true, mfa_delete: false }],
        } },
      }],
    };
    const bucket = terraformPlanParser.parse('p.json', JSON.stringify(plan), OPTS).inventory.aws.accounts[0]!.s3Buckets[0]!;
    expect(bucket.encryption).toEqual({ algorithm: 'AES256', kmsKeyId: null });
    expect(bucket.versioning).toBe('Enabled');
    expect(bucket.publicAccessBlock).toBeNull(); // not created by this plan: S3's new-bucket defaults do not apply
  });

  it('reads planned_values when the plan has no resource_changes (child modules too)', () => {
    const plan = {
      format_version: '1.0',
      planned_values: { root_module: { child_modules: [{ address: 'module.rec', resources: [{ address: 'module.rec.aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: 'mod-bucket' } }] }] } },
    };
    const r = terraformPlanParser.parse('p.json', JSON.stringify(plan, null, 2), OPTS);
    expect(r.inventory.aws.accounts[0]!.s3Buckets.map((b) => [b.name, b.origin!.line])).toEqual([['mod-bucket', 9]]);
  });

  it('rejects broken JSON and other JSON with the file and line', () => {
    const broken = TEXT.replace('"format_version": "1.2",', '"format_version": "1.2"');
    try {
      terraformPlanParser.parse(FILE, broken, OPTS);
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(ScvGuardError);
      expect((err as ScvGuardError).code).toBe('input-parse');
      expect((err as ScvGuardError).location).toMatchObject({ file: FILE, line: 3 });
    }
    expect(() => terraformPlanParser.parse(FILE, '{"format_version": "2.0", "resource_changes": []}', OPTS)).toThrow(/unsupported plan format_version/);
  });
});

/** 1-based line and column where `needle` starts in `text`. */
function lineColumnOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

describe('plan entries of a known type with an unexpected shape', () => {
  const base = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'plans', 'shared-recording-bucket.plan.json'), 'utf8'));
  const planWith = (edit: (plan: { resource_changes: Record<string, any>[] }) => void): string => {
    const plan = structuredClone(base);
    edit(plan);
    return JSON.stringify(plan, null, 2);
  };
  const errorOf = (text: string) => thrown(() => terraformPlanParser.parse('p.plan.json', text, { generatedAt: '2026-01-01T00:00:00Z' }), ScvGuardError);

  it('a wrong-typed attribute the reader uses is an error naming its JSON path and what was expected', () => {
    const err = errorOf(planWith((p) => (p.resource_changes[8]!.change.after.assume_role_policy = { Statement: [] })));
    expect(err.code).toBe('input-schema');
    expect(err.message).toMatch(/^p\.plan\.json:\d+: \$\.resource_changes\[8\]\.change\.after\.assume_role_policy: aws_iam_role: expected a string, got an object$/);
  });

  it('a change.after that is not an object, or a block that is not a list, is not skipped', () => {
    expect(errorOf(planWith((p) => (p.resource_changes[2]!.change.after = 'bucket'))).message).toMatch(
      /\$\.resource_changes\[2\]\.change\.after: aws_s3_bucket: expected an object of attributes, got string "bucket"$/,
    );
    expect(errorOf(planWith((p) => (p.resource_changes[5]!.change.after.storage_config = { storage_type: 'S3' }))).message).toMatch(
      /\$\.resource_changes\[5\]\.change\.after\.storage_config: aws_connect_instance_storage_config: expected a list of blocks \(objects\), got an object$/,
    );
    expect(errorOf(planWith((p) => (p.resource_changes[4]!.change.after.block_public_acls = 'yes'))).message).toMatch(
      /\.block_public_acls: aws_s3_bucket_public_access_block: expected a boolean, got string "yes"$/,
    );
    expect(errorOf(planWith((p) => (p.resource_changes[3] = 'oops' as never))).message).toMatch(
      /\$\.resource_changes\[3\]: expected a resource change with a string type and address$/,
    );
  });

  it('a policy document that is not valid JSON names the attribute, its place in the plan and the place inside the document', () => {
    const policy = '{"Version": "2012-10-17",\n "Statement": [{"Effect": "Allow",\n "Effect": "Deny"}]}';
    const pretty = planWith((p) => (p.resource_changes[8]!.change.after.assume_role_policy = policy));
    const err = errorOf(pretty);
    const at = lineColumnOf(pretty, `"assume_role_policy": ${JSON.stringify(policy)}`);
    expect(err.message).toBe(
      `p.plan.json:${at.line}:${at.column + '"assume_role_policy": '.length}: $.resource_changes[8].change.after.assume_role_policy: policy document: duplicate key "Effect" (at line 3, column 2, $.Statement[0].Effect of the policy document)`,
    );
    // terraform writes the plan on one line: the column tells the attribute apart.
    const oneLine = JSON.stringify(JSON.parse(pretty));
    const column = oneLine.indexOf(`"assume_role_policy":${JSON.stringify(policy)}`) + '"assume_role_policy":'.length + 1;
    expect(errorOf(oneLine).message).toMatch(new RegExp(`^p\\.plan\\.json:1:${column}: \\$\\.resource_changes\\[8\\]\\.change\\.after\\.assume_role_policy: policy document: duplicate key`));
  });

  it('a policy document of the wrong shape names the attribute and the statement at fault inside it', () => {
    const noEffect = errorOf(planWith((p) => (p.resource_changes[8]!.change.after.assume_role_policy = '{"Statement": [{"Effect": "Allow"},\n {"Action": "sts:AssumeRole"}]}')));
    expect(noEffect.code).toBe('input-schema');
    expect(noEffect.message).toMatch(
      /^p\.plan\.json:\d+:\d+: \$\.resource_changes\[8\]\.change\.after\.assume_role_policy: policy document: expected the Statement to have an Effect \(at line 2, column 2, \$\.Statement\[1\] of the policy document\)$/,
    );
    const effect = errorOf(planWith((p) => (p.resource_changes[8]!.change.after.assume_role_policy = '{"Statement": {"Effect": ["Allow"]}}')));
    expect(effect.message).toMatch(/assume_role_policy: policy document: expected Effect to be a string, found a list \(at line 1, column 26, \$\.Statement\.Effect of the policy document\)$/);
    const list = errorOf(planWith((p) => (p.resource_changes[8]!.change.after.assume_role_policy = '[1]')));
    expect(list.message).toMatch(/assume_role_policy: policy document: expected an object with a Statement, found a list \(at line 1, column 1, \$ of the policy document\)$/);
  });

  it('null and absent attributes stay unknown, and types the reader does not know are not checked', () => {
    const text = planWith((p) => {
      p.resource_changes[8]!.change.after.assume_role_policy = null;
      p.resource_changes.push({ address: 'aws_sns_topic.t', mode: 'managed', type: 'aws_sns_topic', change: { actions: ['create'], after: { name: 42 } } });
    });
    expect(() => terraformPlanParser.parse('p.plan.json', text, { generatedAt: '2026-01-01T00:00:00Z' })).not.toThrow();
  });
});
