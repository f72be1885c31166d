/** AWS::KMS::Key: the key and its policy (its ARN is known only after deploy). */
import type { ResourceMapper } from './types.js';
import { plain } from './values.js';

export const kmsKey: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  estate.kmsKeys.push({ key, origin, arn: null, policy: typeof p.KeyPolicy === 'string' ? p.KeyPolicy : plain(p.KeyPolicy) });
};
