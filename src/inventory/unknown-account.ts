/**
 * Resources whose AWS account is not known: those in an account marked `known: false` (what
 * pre-deploy files declare when neither an ARN, `--environment` nor the config says where they
 * deploy). Rules that compare accounts stay silent for them; the scan summary counts them.
 */
import type { AwsAccount, Inventory } from './types.js';

export function isAccountKnown(account: AwsAccount): boolean {
  return account.known !== false;
}

/** Instances, their flows, roles, buckets and streams held by accounts that are not known. */
export function countResourcesWithoutKnownAccount(inventory: Inventory): number {
  let n = 0;
  for (const account of inventory.aws.accounts) {
    if (isAccountKnown(account)) continue;
    n += account.connectInstances.length + account.iamRoles.length + account.s3Buckets.length + account.kinesisStreams.length;
    for (const instance of account.connectInstances) n += instance.flows.length;
  }
  return n;
}
