/** AWS::Kinesis::Stream. */
import type { ResourceMapper } from './types.js';
import { obj, str } from './values.js';

export const kinesisStream: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  const enc = str(obj(p.StreamEncryption).EncryptionType);
  estate.streams.push({ key, origin, name: str(p.Name), arn: null, encryption: enc ?? 'NONE' });
};
