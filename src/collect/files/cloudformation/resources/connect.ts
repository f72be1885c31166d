/** AWS::Connect::Instance, InstanceStorageConfig, ContactFlow, ContactFlowModule, ApprovedOrigin and IntegrationAssociation. */
import { placeholderInstanceRef } from '../../planned.js';
import type { ResourceMapper } from './types.js';
import { bool, isObj, obj, plain, str, tagsOf, toRef } from './values.js';

/** AWS::Connect::Instance Attributes → DescribeInstanceAttribute names. */
const INSTANCE_ATTRIBUTES: Record<string, string> = {
  ContactflowLogs: 'CONTACTFLOW_LOGS',
  ContactLens: 'CONTACT_LENS',
  InboundCalls: 'INBOUND_CALLS',
  OutboundCalls: 'OUTBOUND_CALLS',
  EarlyMedia: 'EARLY_MEDIA',
  AutoResolveBestVoices: 'AUTO_RESOLVE_BEST_VOICES',
  UseCustomTTSVoices: 'USE_CUSTOM_TTS_VOICES',
  MultiPartyConference: 'MULTI_PARTY_CONFERENCE',
  HighVolumeOutBound: 'HIGH_VOLUME_OUTBOUND',
  EnhancedContactMonitoring: 'ENHANCED_CONTACT_MONITORING',
  EnhancedChatMonitoring: 'ENHANCED_CHAT_MONITORING',
};

export const connectInstance: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  const attributes: Record<string, boolean> = {};
  for (const [prop, name] of Object.entries(INSTANCE_ATTRIBUTES)) {
    const b = bool(obj(p.Attributes)[prop]);
    if (b !== null) attributes[name] = b;
  }
  estate.instances.push({ key, origin, id: null, arn: null, alias: str(p.InstanceAlias), tags: tagsOf(p.Tags), attributes });
};

export const connectStorageConfig: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  const storageType = str(p.StorageType) ?? 'S3';
  const s3 = obj(p.S3Config);
  estate.storage.push({
    key,
    origin,
    instance: toRef(p.InstanceArn),
    resourceType: str(p.ResourceType) ?? 'UNKNOWN',
    storageType,
    bucket: storageType === 'S3' ? toRef(s3.BucketName) : null,
    prefix: str(s3.BucketPrefix),
    kmsKey: toRef(obj(s3.EncryptionConfig).KeyId),
    stream:
      storageType === 'KINESIS_STREAM'
        ? toRef(obj(p.KinesisStreamConfig).StreamArn)
        : storageType === 'KINESIS_FIREHOSE'
          ? toRef(obj(p.KinesisFirehoseConfig).FirehoseArn)
          : null,
  });
};

/**
 * A flow or module of the template. Its content is checked even when its instance is not known
 * before deploy (`InstanceArn: !Ref InstanceArnParameter`): it then lands in the placeholder
 * instance that stands in for flows no file places.
 */
export const connectFlow: ResourceMapper = ({ key, type, origin, properties: p }, { estate, opts }) => {
  const content = p.Content;
  const instance = toRef(p.InstanceArn) ?? placeholderInstanceRef(estate, opts.environment, origin);
  estate.flows.push({
    key,
    origin,
    instance,
    id: null,
    arn: null,
    name: str(p.Name),
    type: type === 'AWS::Connect::ContactFlowModule' ? 'MODULE' : (str(p.Type) ?? 'CONTACT_FLOW'),
    state: str(p.State),
    content: typeof content === 'string' ? content : isObj(content) ? JSON.stringify(plain(content)) : null,
  });
};

/** An approved origin or integration of an instance not known before deploy lands in the placeholder instance, as flows do. */
export const connectApprovedOrigin: ResourceMapper = ({ key, origin, properties: p }, { estate, opts }) => {
  estate.approvedOrigins.push({ key, origin, instance: toRef(p.InstanceId) ?? placeholderInstanceRef(estate, opts.environment, origin), url: str(p.Origin) });
};

export const connectIntegration: ResourceMapper = ({ key, origin, properties: p }, { estate, opts }) => {
  estate.integrations.push({
    key,
    origin,
    instance: toRef(p.InstanceId) ?? placeholderInstanceRef(estate, opts.environment, origin),
    type: str(p.IntegrationType) ?? 'UNKNOWN',
    arn: toRef(p.IntegrationArn),
    sourceApplicationUrl: null,
  });
};
