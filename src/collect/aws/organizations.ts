/**
 * AWS Organizations: ListAccounts (run from the management or a delegated-administrator account)
 * and each account's own organization (DescribeOrganization, which any member account may call).
 */
import { DescribeOrganizationCommand, paginateListAccounts, paginateListTagsForResource } from '@aws-sdk/client-organizations';
import pLimit from 'p-limit';
import type { AccountOrganization } from '../../inventory/types.js';
import { targetOf, tagsToRecord, type AccountContext } from './context.js';
import { attempt, collectPages } from './errors.js';

/** Organizations' answer for an account that belongs to no organization. */
export const NOT_IN_ORGANIZATION = 'AWSOrganizationsNotInUseException';

/**
 * The organization an account belongs to: `{id: null}` when it belongs to none, null when it
 * could not be read (the error is recorded). `memberAccountIds` stays null: only a listing from
 * the management account (discovery) fills it.
 */
export async function describeOrganization(ctx: AccountContext): Promise<AccountOrganization | null> {
  const client = ctx.clients.get('organizations', 'global');
  const out = await attempt(
    ctx.errors,
    targetOf(ctx, 'global', 'organizations:organization'),
    'DescribeOrganization',
    () => client.send(new DescribeOrganizationCommand({})),
    [NOT_IN_ORGANIZATION],
  );
  if (!out.ok) return out.absent ? { id: null, managementAccountId: null, memberAccountIds: null } : null;
  const org = out.value.Organization;
  if (!org?.Id) return null;
  return { id: org.Id, managementAccountId: org.MasterAccountId ?? null, memberAccountIds: null };
}

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
