import { describe, expect, it } from 'vitest';
import { emptyInventory, type ConnectInstance, type Inventory, type S3Bucket } from '../../../src/inventory/types.js';
import { overlayPlanned, plannedOnly } from '../../../src/collect/files/overlay.js';
import { terraformPlanParser } from '../../../src/collect/files/terraform/index.js';
import { flowExportParser } from '../../../src/collect/files/flows/index.js';
import { validateInventory } from '../../../src/inventory/validate.js';

const OPTS = { generatedAt: '2026-11-21T00:00:00Z', accountId: '111111111111', region: 'us-east-1' };
const ARN = 'arn:aws:connect:us-east-1:111111111111:instance/11111111-2222-3333-4444-555555555555';

function liveInventory(): Inventory {
  const inv = emptyInventory('2026-11-20T00:00:00Z');
  const instance: ConnectInstance = {
    id: '11111111-2222-3333-4444-555555555555', arn: ARN, alias: 'acme-prod', region: 'us-east-1', status: 'ACTIVE',
    createdAt: '2024-01-01T00:00:00Z', environment: 'prod', tags: { Environment: 'prod' },
    storage: [
      { resourceType: 'CALL_RECORDINGS', storageType: 'S3', s3: { bucket: 'acme-prod-recordings', prefix: 'r', kmsKeyId: null }, streamArn: null },
      { resourceType: 'CHAT_TRANSCRIPTS', storageType: 'S3', s3: { bucket: 'acme-prod-transcripts', prefix: 't', kmsKeyId: null }, streamArn: null },
    ],
    attributes: { CONTACTFLOW_LOGS: true }, flows: [], lambdaFunctions: [], phoneNumbers: [], integrations: [],
  };
  const bucket: S3Bucket = {
    name: 'acme-prod-recordings', arn: 'arn:aws:s3:::acme-prod-recordings', region: 'us-east-1', environment: 'prod', tags: { Environment: 'prod' },
    policy: null, publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    encryption: { algorithm: 'aws:kms', kmsKeyId: 'k' }, versioning: 'Enabled',
  };
  inv.environments = [{ name: 'prod', tier: 'production' }];
  inv.aws.accounts.push({
    id: '111111111111', name: 'prod', environment: 'prod', state: 'ACTIVE', tags: {},
    connectInstances: [instance], iamRoles: [], s3Buckets: [bucket], kinesisStreams: [], cloudTrail: { trails: [] },
  });
  return inv;
}

function plan(changes: object[]): string {
  return JSON.stringify({ format_version: '1.2', resource_changes: changes }, null, 2);
}
const change = (type: string, name: string, after: object, actions = ['create']) => ({
  address: `${type}.${name}`, mode: 'managed', type, name, change: { actions, after },
});

describe('plan-vs-live overlay', () => {
  it('a planned storage config replaces the live one of its resource type and keeps the instance live', () => {
    const parsed = terraformPlanParser.parse('plan.json', plan([
      change('aws_connect_instance_storage_config', 'rec', {
        instance_id: '11111111-2222-3333-4444-555555555555', resource_type: 'CALL_RECORDINGS',
        storage_config: [{ storage_type: 'S3', s3_config: [{ bucket_name: 'acme-shared-recordings', bucket_prefix: 'prod' }] }],
      }),
    ]), OPTS);
    const out = overlayPlanned(liveInventory(), [parsed]);
    expect(() => validateInventory(out, 'overlay')).not.toThrow();
    const instances = out.aws.accounts.flatMap((a) => a.connectInstances);
    expect(instances).toHaveLength(1);
    const inst = instances[0]!;
    expect(inst.alias).toBe('acme-prod');
    expect(inst.status).toBe('ACTIVE');
    expect(inst.origin).toBeUndefined();
    expect(inst.storage.map((s) => [s.resourceType, s.s3!.bucket, s.origin?.file ?? null])).toEqual([
      ['CHAT_TRANSCRIPTS', 'acme-prod-transcripts', null],
      ['CALL_RECORDINGS', 'acme-shared-recordings', 'plan.json'],
    ]);
  });

  it('a planned bucket replaces the live one: known values win, unknown ones stay live', () => {
    const parsed = terraformPlanParser.parse('plan.json', plan([
      change('aws_s3_bucket', 'rec', { bucket: 'acme-prod-recordings', tags: {} }, ['update']),
      change('aws_s3_bucket_public_access_block', 'rec', { bucket: 'acme-prod-recordings', block_public_acls: false, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, ['update']),
    ]), OPTS);
    const out = overlayPlanned(liveInventory(), [parsed]);
    const buckets = out.aws.accounts.flatMap((a) => a.s3Buckets);
    expect(buckets).toHaveLength(1);
    expect(buckets[0]!.publicAccessBlock!.BlockPublicAcls).toBe(false);
    expect(buckets[0]!.encryption).toEqual({ algorithm: 'aws:kms', kmsKeyId: 'k' });
    expect(buckets[0]!.tags).toEqual({ Environment: 'prod' });
    expect(buckets[0]!.environment).toBe('prod');
    expect(buckets[0]!.origin!.file).toBe('plan.json');
  });

  it('new resources are added to their account and inherit its environment', () => {
    const parsed = terraformPlanParser.parse('plan.json', plan([change('aws_kinesis_stream', 'ctr', { name: 'ctr', encryption_type: 'KMS' })]), OPTS);
    const out = overlayPlanned(liveInventory(), [parsed]);
    expect(out.aws.accounts).toHaveLength(1);
    expect(out.aws.accounts[0]!.kinesisStreams.map((s) => s.arn)).toEqual(['arn:aws:kinesis:us-east-1:111111111111:stream/ctr']);
    expect(out.collection.sources.map((s) => s.target)).toEqual(['plan.json']);
    const newInstance = terraformPlanParser.parse('plan.json', plan([change('aws_connect_instance', 'uat', { instance_alias: 'acme-uat' })]), OPTS);
    const out2 = overlayPlanned(liveInventory(), [newInstance]);
    expect(out2.aws.accounts[0]!.connectInstances.map((i) => [i.alias, i.environment])).toEqual([['acme-prod', 'prod'], ['acme-uat', 'prod']]);
  });

  it('plannedOnly builds an inventory from files alone', () => {
    const parsed = terraformPlanParser.parse('plan.json', plan([change('aws_kinesis_stream', 'ctr', { name: 'ctr' })]), OPTS);
    const out = plannedOnly([parsed], OPTS.generatedAt);
    expect(out.aws.accounts[0]!.kinesisStreams).toHaveLength(1);
    expect(() => validateInventory(out, 'x')).not.toThrow();
  });

  describe('flows exported without their instance', () => {
    const FLOW = JSON.stringify({ Version: '2019-10-30', StartAction: 'a', Metadata: { name: 'Inbound' }, Actions: [] });
    const flows = (environment: string) =>
      flowExportParser.parse('flows/inbound.json', FLOW, { generatedAt: '2026-11-21T00:00:00Z', environment });

    it('go to the one live instance of their environment', () => {
      const out = validateInventory(overlayPlanned(liveInventory(), [flows('prod')]), 'x');
      expect(out.aws.accounts.map((a) => a.id)).toEqual(['111111111111']);
      const [instance] = out.aws.accounts[0]!.connectInstances;
      expect(instance!.arn).toBe(ARN);
      // a flow that has no ARN of its own gets none built from the placeholder
      expect(instance!.flows.map((f) => [f.name, f.arn])).toEqual([['Inbound', null]]);
      expect(instance!.known).toBeUndefined();
    });

    it('keep their placeholder instance, in the account not known, when the environment has no single instance', () => {
      const live = liveInventory();
      const second = { ...live.aws.accounts[0]!.connectInstances[0]!, id: 'i-2', arn: ARN.replace(/instance\/.*/, 'instance/i-2') };
      live.aws.accounts[0]!.connectInstances.push(second);
      for (const inv of [live, liveInventory()]) {
        const environment = inv === live ? 'prod' : 'uat';
        const out = validateInventory(overlayPlanned(inv, [flows(environment)]), 'x');
        const unknown = out.aws.accounts.find((a) => a.known === false)!;
        expect(unknown.connectInstances.map((i) => [i.id, i.known, i.region])).toEqual([[`flow-export-${environment}`, false, null]]);
        expect(unknown.connectInstances[0]!.arn).toBe(`arn:aws:connect:::instance/flow-export-${environment}`);
      }
    });
  });
});
