/** AWS Organizations ListAccounts, run from the management or a delegated-administrator account. */
import { paginateListAccounts, paginateListTagsForResource } from '@aws-sdk/client-organizations';
import pLimit from 'p-limit';
import { targetOf, tagsToRecord, type AccountContext } from './context.js';
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

const TAG_CONCURRENCY = 4;

/** Tags of each member account (set in Organizations); an account whose tags could not be read is left out. */
export async function organizationAccountTags(ctx: AccountContext, ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const client = ctx.clients.get('organizations', 'global');
  const tags = new Map<string, Record<string, string>>();
  await pLimit(TAG_CONCURRENCY).map(ids, async (id) => {
    const { items, complete } = await collectPages(
      ctx.errors,
      targetOf(ctx, 'global', `organizations:account/${id}`),
      'ListTagsForResource',
      () => paginateListTagsForResource({ client }, { ResourceId: id }),
      (p) => p.Tags,
    );
    if (complete) tags.set(id, tagsToRecord(items));
  });
  return tags;
}
