/** The resource types read from templates, each by its mapper module. */
import { connectApprovedOrigin, connectFlow, connectInstance, connectIntegration, connectStorageConfig } from './connect.js';
import { firehoseStream } from './firehose.js';
import { iamRole, samlProvider, SCV_IDP_RESOURCE_TYPE, scvIdentityProvider } from './iam.js';
import { kinesisStream } from './kinesis.js';
import { kmsKey } from './kms.js';
import { lambdaFunction } from './lambda.js';
import { s3Bucket, s3BucketPolicy } from './s3.js';
import { serverlessFunction } from './serverless.js';
import type { ResourceMapper } from './types.js';

export type { MapContext, ResourceMapper, TemplateResource } from './types.js';

export const RESOURCE_MAPPERS: Readonly<Record<string, ResourceMapper>> = {
  'AWS::Connect::Instance': connectInstance,
  'AWS::Connect::InstanceStorageConfig': connectStorageConfig,
  'AWS::Connect::ContactFlow': connectFlow,
  'AWS::Connect::ContactFlowModule': connectFlow,
  'AWS::IAM::Role': iamRole,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::S3::BucketPolicy': s3BucketPolicy,
  'AWS::Kinesis::Stream': kinesisStream,
  'AWS::Serverless::Function': serverlessFunction,
  'AWS::Connect::ApprovedOrigin': connectApprovedOrigin,
  'AWS::Connect::IntegrationAssociation': connectIntegration,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::IAM::SAMLProvider': samlProvider,
  [SCV_IDP_RESOURCE_TYPE]: scvIdentityProvider,
  'AWS::KMS::Key': kmsKey,
  'AWS::KinesisFirehose::DeliveryStream': firehoseStream,
};

export const CLOUDFORMATION_RESOURCE_TYPES: readonly string[] = Object.keys(RESOURCE_MAPPERS);
