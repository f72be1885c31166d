/** AWS::KinesisFirehose::DeliveryStream: source stream, customer-managed key, destinations. */
import { endpointOf } from '../../../aws/firehose.js';
import type { Ref } from '../../arn.js';
import type { ResourceMapper } from './types.js';
import { obj, str, toRef, type Obj } from './values.js';

const url = (v: Obj[string] | undefined): Ref => {
  const s = str(v);
  const e = s === null ? null : endpointOf(s);
  return e === null ? null : { known: e };
};

/** Destination configuration properties → the type names DescribeDeliveryStream uses, and where each delivers. */
const DESTINATIONS: readonly [property: string, type: string, target: (d: Obj) => Ref][] = [
  ['ExtendedS3DestinationConfiguration', 'ExtendedS3', (d) => toRef(d.BucketARN)],
  ['S3DestinationConfiguration', 'S3', (d) => toRef(d.BucketARN)],
  ['IcebergDestinationConfiguration', 'Iceberg', (d) => toRef(obj(d.S3Configuration).BucketARN)],
  ['RedshiftDestinationConfiguration', 'Redshift', (d) => url(d.ClusterJDBCURL)],
  ['AmazonopensearchserviceDestinationConfiguration', 'AmazonOpenSearchService', (d) => toRef(d.DomainARN) ?? url(d.ClusterEndpoint)],
  ['ElasticsearchDestinationConfiguration', 'Elasticsearch', (d) => toRef(d.DomainARN) ?? url(d.ClusterEndpoint)],
  ['AmazonOpenSearchServerlessDestinationConfiguration', 'AmazonOpenSearchServerless', (d) => url(d.CollectionEndpoint)],
  ['SplunkDestinationConfiguration', 'Splunk', (d) => url(d.HECEndpoint)],
  ['HttpEndpointDestinationConfiguration', 'HttpEndpoint', (d) => url(obj(d.EndpointConfiguration).Url)],
  ['SnowflakeDestinationConfiguration', 'Snowflake', (d) => url(d.AccountUrl)],
];

export const firehoseStream: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  const encryption = obj(p.DeliveryStreamEncryptionConfigurationInput);
  estate.firehoses.push({
    key,
    origin,
    name: str(p.DeliveryStreamName),
    arn: null,
    sourceStream: toRef(obj(p.KinesisStreamSourceConfiguration).KinesisStreamARN),
    kmsKey: str(encryption.KeyType) === 'CUSTOMER_MANAGED_CMK' ? toRef(encryption.KeyARN) : null,
    destinations: DESTINATIONS.filter(([property]) => p[property] !== undefined).map(([property, type, target]) => ({ type, target: target(obj(p[property])) })),
  });
};
