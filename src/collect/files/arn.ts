/** References between planned resources, and the parts of an ARN. */

/** A reference to another resource: a planned one by address/logical id, or a known id/name/ARN. */
export type Ref = { planned: string } | { known: string } | null;

/** `arn:partition:service:region:account:resource` parts, or null. */
export function parseArn(arn: string): { service: string; region: string; account: string; resource: string } | null {
  const m = /^arn:[^:]+:([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  return m ? { service: m[1]!, region: m[2]!, account: m[3]!, resource: m[4]! } : null;
}
