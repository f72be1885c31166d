/**
 * Credentials first (AssumeRole, when the account has a role, recorded as such when refused),
 * then STS GetCallerIdentity: proves the credentials reach the configured account before
 * anything is read.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { targetOf, type AccountContext } from './context.js';
import { CREDENTIAL_OPERATIONS } from './causes.js';
import { attempt } from './errors.js';

/** True when the credentials belong to the account; otherwise an error is recorded. */
export async function verifyCallerIdentity(ctx: AccountContext, region: string): Promise<boolean> {
  const client = ctx.clients.get('sts', region);
  const target = targetOf(ctx, region, 'sts:caller-identity');
  const assumeRole = ctx.clients.account.assumeRole;
  const credentials = await attempt(
    ctx.errors,
    assumeRole ? targetOf(ctx, region, assumeRole.roleArn) : targetOf(ctx, region, 'credentials'),
    assumeRole ? CREDENTIAL_OPERATIONS.assumeRole : CREDENTIAL_OPERATIONS.resolve,
    () => ctx.clients.resolveCredentials(),
  );
  if (!credentials.ok) return false;
  const result = await attempt(ctx.errors, target, 'GetCallerIdentity', () => client.send(new GetCallerIdentityCommand({})));
  if (!result.ok) return false;
  if (result.value.Account !== ctx.accountId) {
    ctx.errors.note(target, 'GetCallerIdentity', 'AccountMismatch', `credentials belong to account ${result.value.Account ?? 'unknown'}, not ${ctx.accountId}; the account was not collected`);
    return false;
  }
  return true;
}
