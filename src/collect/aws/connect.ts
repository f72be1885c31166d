/**
 * Amazon Connect instances of one account and region: description and tags, storage configs for
 * every resource type, instance attributes, flows and modules, Lambda associations, claimed phone
 * numbers, integration associations and approved origins.
 */
import {
  DescribeInstanceCommand,
  InstanceStorageResourceType,
  type InstanceSummary,
  paginateListInstanceAttributes,
  paginateListInstanceStorageConfigs,
  paginateListApprovedOrigins,
  paginateListInstances,
  paginateListIntegrationAssociations,
  paginateListLambdaFunctions,
  paginateListPhoneNumbersV2,
  type ConnectClient,
  type InstanceStorageConfig,
} from '@aws-sdk/client-connect';
import pLimit from 'p-limit';
import type { ConnectInstance, StorageConfig } from '../../inventory/types.js';
import { resolveEnvironment } from '../../inventory/environment.js';
import { describeFlowModules, describeFlows, type DescribedFlow } from './connect-flows.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt, collectPages } from './errors.js';

/** Every storage resource type the SDK knows: each can hold contact data. */
export const STORAGE_RESOURCE_TYPES: readonly string[] = Object.values(InstanceStorageResourceType);

/** Calls in flight per instance; the Connect pacer (2/s by default) sets the real rate. */
const INSTANCE_CONCURRENCY = 4;

export function toStorageConfig(resourceType: string, c: InstanceStorageConfig): StorageConfig {
  const storageType = c.StorageType ?? 'UNKNOWN';
  const s3 = c.S3Config
    ? { bucket: c.S3Config.BucketName ?? '', prefix: c.S3Config.BucketPrefix ?? null, kmsKeyId: c.S3Config.EncryptionConfig?.KeyId ?? null }
    : null;
  const streamArn = c.KinesisStreamConfig?.StreamArn ?? c.KinesisFirehoseConfig?.FirehoseArn ?? null;
  const video = c.KinesisVideoStreamConfig;
  const kinesisVideo = video
    ? { prefix: video.Prefix ?? '', retentionHours: video.RetentionPeriodHours ?? null, kmsKeyId: video.EncryptionConfig?.KeyId ?? null }
    : null;
  return { resourceType, storageType, s3, streamArn, kinesisVideo };
}

function attributeValue(value: string | undefined): boolean | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value ?? '';
}

/** The instances of an account in a region (ListInstances); `complete` false when the listing failed (recorded). */
export async function listInstanceSummaries(ctx: AccountContext, region: string): Promise<{ items: InstanceSummary[]; complete: boolean }> {
  const client = ctx.clients.get('connect', region);
  return collectPages(ctx.errors, targetOf(ctx, region, 'connect:instances'), 'ListInstances', () => paginateListInstances({ client }, {}), (p) => p.InstanceSummaryList);
}

export async function collectConnectRegion(ctx: AccountContext, region: string): Promise<ConnectInstance[]> {
  const client = ctx.clients.get('connect', region);
  const { items: summaries } = await listInstanceSummaries(ctx, region);
  const instances: ConnectInstance[] = [];
  // The answer's shape was checked: a summary without Id or Arn was recorded as an error and left out.
  for (const summary of summaries) {
    instances.push(await collectInstance(ctx, client, region, summary.Id!, summary.Arn!));
    ctx.progress(`aws ${ctx.accountId}/${region}: connect instance ${summary.InstanceAlias ?? summary.Id} collected`);
  }
  return instances;
}

async function collectInstance(ctx: AccountContext, client: ConnectClient, region: string, id: string, arn: string): Promise<ConnectInstance> {
  return (await collectInstanceWithFlows(ctx, client, region, id, arn)).instance;
}

/** One instance, with the content of its flows and modules as described (`scv-guard backup` writes it). */
export async function collectInstanceWithFlows(
  ctx: AccountContext,
  client: ConnectClient,
  region: string,
  id: string,
  arn: string,
): Promise<{ instance: ConnectInstance; described: DescribedFlow[] }> {
  const target = targetOf(ctx, region, arn);
  const limit = pLimit(INSTANCE_CONCURRENCY);
  const run = <T>(fn: () => Promise<T>) => limit(fn);

  const described = run(() => attempt(ctx.errors, target, 'DescribeInstance', () => client.send(new DescribeInstanceCommand({ InstanceId: id }))));
  const storage = Promise.all(
    STORAGE_RESOURCE_TYPES.map((resourceType) =>
      run(async () => {
        const { items } = await collectPages(
          ctx.errors,
          `${target}/storage/${resourceType}`,
          'ListInstanceStorageConfigs',
          () => paginateListInstanceStorageConfigs({ client }, { InstanceId: id, ResourceType: resourceType as InstanceStorageResourceType }),
          (p) => p.StorageConfigs,
        );
        return items.map((c) => toStorageConfig(resourceType, c));
      }),
    ),
  );
  const attributes = run(() =>
    collectPages(ctx.errors, `${target}/attributes`, 'ListInstanceAttributes', () => paginateListInstanceAttributes({ client }, { InstanceId: id }), (p) => p.Attributes),
  );
  const lambdas = run(() =>
    collectPages(ctx.errors, `${target}/lambda-functions`, 'ListLambdaFunctions', () => paginateListLambdaFunctions({ client }, { InstanceId: id }), (p) => p.LambdaFunctions),
  );
  const phones = run(() =>
    collectPages(
      ctx.errors,
      `${target}/phone-numbers`,
      'ListPhoneNumbersV2',
      () => paginateListPhoneNumbersV2({ client }, { TargetArn: arn }),
      (p) => p.ListPhoneNumbersSummaryList,
    ),
  );
  const integrations = run(() =>
    collectPages(
      ctx.errors,
      `${target}/integration-associations`,
      'ListIntegrationAssociations',
      () => paginateListIntegrationAssociations({ client }, { InstanceId: id }),
      (p) => p.IntegrationAssociationSummaryList,
    ),
  );
  const origins = run(() =>
    collectPages(ctx.errors, `${target}/approved-origins`, 'ListApprovedOrigins', () => paginateListApprovedOrigins({ client }, { InstanceId: id }), (p) => p.Origins),
  );
  // Flows and modules pace themselves through the same client limiter.
  const flows = describeFlows(ctx, client, region, id, arn);
  const modules = describeFlowModules(ctx, client, region, id, arn);

  const d = await described;
  const description = d.ok ? d.value.Instance : undefined;
  const tags = description?.Tags ?? {};
  const attributeEntries = (await attributes).items;
  const flowsDescribed = [...(await flows), ...(await modules)];
  const instance: ConnectInstance = {
    id,
    arn,
    alias: description?.InstanceAlias ?? null,
    region,
    status: description?.InstanceStatus ?? null,
    createdAt: description?.CreatedTime ? description.CreatedTime.toISOString() : null,
    environment: resolveEnvironment({ tags, tagKey: ctx.environmentTagKey, inherited: ctx.accountEnvironment }),
    tags: { ...tags },
    storage: (await storage).flat(),
    attributes: Object.fromEntries(attributeEntries.filter((a) => a.AttributeType).map((a) => [a.AttributeType!, attributeValue(a.Value)])),
    flows: flowsDescribed.map((f) => f.flow),
    lambdaFunctions: (await lambdas).items,
    phoneNumbers: (await phones).items
      .filter((n) => n.PhoneNumber)
      .map((n) => ({ number: n.PhoneNumber!, type: n.PhoneNumberType ?? null, arn: n.PhoneNumberArn ?? null })),
    integrations: (await integrations).items.map((i) => ({
      type: i.IntegrationType ?? 'UNKNOWN',
      sourceType: i.SourceType ?? null,
      arn: i.IntegrationArn ?? null,
      sourceApplicationUrl: i.SourceApplicationUrl ?? null,
    })),
    approvedOrigins: (await origins).items,
    serviceRole: description?.ServiceRole ?? null,
  };
  return { instance, described: flowsDescribed };
}
