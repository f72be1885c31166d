/** The account-level S3 Block Public Access (s3control GetPublicAccessBlock). */
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { PublicAccessBlock } from '../../inventory/types.js';
import { GLOBAL_REGION } from './clients.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt } from './errors.js';

/** S3 Control's answer for an account without the setting: none of the four is on. */
export const NO_ACCOUNT_PUBLIC_ACCESS_BLOCK = 'NoSuchPublicAccessBlockConfiguration';

export async function collectAccountPublicAccessBlock(ctx: AccountContext, region: string = GLOBAL_REGION): Promise<PublicAccessBlock | null> {
  const client = ctx.clients.get('s3control', region);
  const out = await attempt(
    ctx.errors,
    targetOf(ctx, 'global', 's3:account-public-access-block'),
    // S3 has an operation of the same name (the bucket's setting): this one is recorded with its service.
    's3control:GetPublicAccessBlock',
    () => client.send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId })),
    [NO_ACCOUNT_PUBLIC_ACCESS_BLOCK],
  );
  if (!out.ok) return out.absent ? { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } : null;
  const c = out.value.PublicAccessBlockConfiguration ?? {};
  return {
    BlockPublicAcls: c.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}
