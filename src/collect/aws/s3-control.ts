/**
 * S3 Control: the account-level S3 Block Public Access, which protects every bucket of the account
 * whatever the bucket's own settings.
 */
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { PublicAccessBlock } from '../../inventory/types.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt } from './errors.js';
import { NO_PUBLIC_ACCESS_BLOCK, S3_ABSENT_CODES, absentIsKnown, publicAccessBlockOf } from './s3.js';

/**
 * The account-level S3 Block Public Access (s3control GetPublicAccessBlock): all four settings
 * off when the account has none configured, null (error recorded) when it could not be read.
 */
export async function collectAccountPublicAccessBlock(ctx: AccountContext, region: string): Promise<PublicAccessBlock | null> {
  const client = ctx.clients.get('s3control', region);
  const outcome = await attempt(
    ctx.errors,
    targetOf(ctx, 'global', 's3:account-public-access-block'),
    'GetPublicAccessBlock',
    () => client.send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId })),
    S3_ABSENT_CODES.GetPublicAccessBlock,
  );
  return outcome.ok ? publicAccessBlockOf(outcome.value.PublicAccessBlockConfiguration) : absentIsKnown(outcome, NO_PUBLIC_ACCESS_BLOCK);
}
