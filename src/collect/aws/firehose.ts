/**
 * Kinesis Data Firehose streams that Connect storage configs name (DescribeDeliveryStream): source
 * stream, server-side encryption key and where each destination delivers.
 */
import { DescribeDeliveryStreamCommand, type DestinationDescription } from '@aws-sdk/client-firehose';
import { resolveEnvironment } from '../../inventory/environment.js';
import type { FirehoseDestination, FirehoseStream } from '../../inventory/types.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt } from './errors.js';

export function parseFirehoseArn(arn: string): { region: string; account: string; name: string } | null {
  const m = /^arn:[^:]+:firehose:([^:]+):(\d{12}):deliverystream\/(.+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : null;
}

/** A URL without its query string or user info: where it points, not what it carries. */
export function endpointOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.split('?')[0]!;
  }
}

/** The one destination a DestinationDescription describes (ExtendedS3 also repeats itself as S3). */
export function toDestination(d: DestinationDescription): FirehoseDestination {
  if (d.ExtendedS3DestinationDescription) return { type: 'ExtendedS3', target: d.ExtendedS3DestinationDescription.BucketARN ?? null };
  if (d.IcebergDestinationDescription) return { type: 'Iceberg', target: d.IcebergDestinationDescription.S3DestinationDescription?.BucketARN ?? null };
  if (d.RedshiftDestinationDescription) return { type: 'Redshift', target: endpointOf(d.RedshiftDestinationDescription.ClusterJDBCURL) };
  if (d.AmazonopensearchserviceDestinationDescription) {
    const o = d.AmazonopensearchserviceDestinationDescription;
    return { type: 'AmazonOpenSearchService', target: o.DomainARN ?? endpointOf(o.ClusterEndpoint) };
  }
  if (d.ElasticsearchDestinationDescription) {
    const e = d.ElasticsearchDestinationDescription;
    return { type: 'Elasticsearch', target: e.DomainARN ?? endpointOf(e.ClusterEndpoint) };
  }
  if (d.AmazonOpenSearchServerlessDestinationDescription) {
    return { type: 'AmazonOpenSearchServerless', target: endpointOf(d.AmazonOpenSearchServerlessDestinationDescription.CollectionEndpoint) };
  }
  if (d.SplunkDestinationDescription) return { type: 'Splunk', target: endpointOf(d.SplunkDestinationDescription.HECEndpoint) };
  if (d.HttpEndpointDestinationDescription) return { type: 'HttpEndpoint', target: endpointOf(d.HttpEndpointDestinationDescription.EndpointConfiguration?.Url) };
  if (d.SnowflakeDestinationDescription) return { type: 'Snowflake', target: endpointOf(d.SnowflakeDestinationDescription.AccountUrl) };
  if (d.S3DestinationDescription) return { type: 'S3', target: d.S3DestinationDescription.BucketARN ?? null };
  return { type: 'Unknown', target: null };
}

/** One Firehose named by ARN; a failed read keeps what the ARN says and records the error. */
export async function collectFirehose(ctx: AccountContext, arn: string, fallbackRegion: string): Promise<FirehoseStream> {
  const parsed = parseFirehoseArn(arn);
  const region = parsed?.region ?? fallbackRegion;
  const name = parsed?.name ?? arn;
  const client = ctx.clients.get('firehose', region);
  const out = await attempt(ctx.errors, targetOf(ctx, region, arn), 'DescribeDeliveryStream', () =>
    client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name })),
  );
  const d = out.ok ? out.value.DeliveryStreamDescription : undefined;
  const encryption = d?.DeliveryStreamEncryptionConfiguration;
  return {
    arn,
    name,
    region,
    environment: resolveEnvironment({ tags: {}, tagKey: ctx.environmentTagKey, inherited: ctx.accountEnvironment }),
    sourceStreamArn: d?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN ?? null,
    kmsKeyArn: encryption?.KeyType === 'CUSTOMER_MANAGED_CMK' ? (encryption.KeyARN ?? null) : null,
    destinations: (d?.Destinations ?? []).map(toDestination),
  };
}
