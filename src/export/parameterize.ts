/**
 * `export flows --parameterize`: the exporting instance's own values in a flow document replaced by
 * placeholders, so one export deploys to every environment. Only what belongs to that instance is
 * replaced, and only inside ARNs, where a value's meaning is known:
 *
 * - in an ARN of the instance's own account: the account (`${AccountId}`), the region when it is
 *   the instance's region (`${Region}`; an ARN in another region keeps it), and a Lambda
 *   function's qualifier when it is the environment's name (`function:name:uat` →
 *   `function:name:${LambdaAlias}`);
 * - an ARN of another account — a shared-services Lambda, another environment's queue — keeps its
 *   account, region and qualifier: it points at the same resource whatever the environment;
 * - the instance id (`${InstanceId}`) wherever it stands (a UUID names that instance alone).
 *
 * ARNs without an account (`arn:aws:s3:::bucket`) are left as they are.
 */
import { placeholderText, type ExportPlaceholder } from '../collect/files/flows/placeholders.js';

export interface OwnValues {
  accountId: string;
  region: string;
  instanceId: string;
  /** The environment's name: a Lambda qualifier equal to it is the environment's alias. */
  environment: string;
}

/** An ARN inside a string: partition, service, region, account, then the resource up to a delimiter. */
const ARN = /\barn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):([^\s"',;]+)/g;

const token = (name: ExportPlaceholder): string => placeholderText(name);

function parameterizeArn(own: OwnValues, partition: string, service: string, region: string, account: string, resource: string): string {
  if (account !== own.accountId) return `arn:${partition}:${service}:${region}:${account}:${resource}`;
  const placedRegion = region === own.region ? token('Region') : region;
  let placedResource = resource;
  if (service === 'lambda') {
    // function:<name>:<qualifier> — the qualifier naming the environment is its alias.
    const m = /^function:([^:]+):(.+)$/.exec(resource);
    if (m && m[2] === own.environment) placedResource = `function:${m[1]}:${token('LambdaAlias')}`;
  }
  return `arn:${partition}:${service}:${placedRegion}:${token('AccountId')}:${placedResource}`;
}

/** One string with the instance's own values replaced (see the module comment). */
export function parameterizeString(text: string, own: OwnValues): string {
  const arns = text.replace(ARN, (_m, partition: string, service: string, region: string, account: string, resource: string) =>
    parameterizeArn(own, partition, service, region, account, resource),
  );
  return arns.split(own.instanceId).join(token('InstanceId'));
}

/** Every string of a flow document parameterized; keys are left as they are. */
export function parameterizeDocument(value: unknown, own: OwnValues): unknown {
  if (typeof value === 'string') return parameterizeString(value, own);
  if (Array.isArray(value)) return value.map((v) => parameterizeDocument(v, own));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, parameterizeDocument(v, own)]));
  }
  return value;
}
