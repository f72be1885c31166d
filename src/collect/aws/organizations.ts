/** AWS Organizations ListAccounts, run from the management or a delegated-administrator account. */
import { paginateListAccounts } from '@aws-sdk/client-organizations';
import { targetOf, type AccountContext } from './context.js';
import { collectPages } from './errors.js';

export interface OrganizationAccount {
  id: string;
  name: string | null;
  /** ACTIVE | SUSPENDED | PENDING_CLOSURE | CLOSED (the older Status field when State is missing). */
  state: string | null;
}

export async function listOrganizationAccounts(ctx: AccountContext): Promise<{ accounts: OrganizationAccount[]; complete: boolean }> {
  const client = ctx.clients.get('organizations', 'global');
  const { items, complete } = await collectPages(
    ctx.errors,
    targetOf(ctx, 'global', 'organizations:accounts'),
    'ListAccounts',
    () => paginateListAccounts({ client }, {}),
    (p) => p.Accounts,
  );
  return {
    complete,
    accounts: items
      .filter((a) => a.Id)
      .map((a) => ({ id: a.Id!, name: a.Name ?? null, state: (a.State as string | undefined) ?? (a.Status as string | undefined) ?? null })),
  };
}
