/** The resource types read from templates, each by its mapper module. */
import { connectFlow, connectInstance, connectStorageConfig } from './connect.js';
import { iamRole } from './iam.js';
import { kinesisStream } from './kinesis.js';
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
};

export const CLOUDFORMATION_RESOURCE_TYPES: readonly string[] = Object.keys(RESOURCE_MAPPERS);
