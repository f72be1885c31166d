/**
 * IAM roles with their tags and trust policies (URL-decoded, parsed, Statement always an array),
 * and the account's SAML identity providers.
 */
import { ListSAMLProvidersCommand, paginateListRoleTags, paginateListRoles } from '@aws-sdk/client-iam';
import pLimit from 'p-limit';
import type { IamRole, SamlProvider } from '../../inventory/types.js';
import { targetOf, tagsToRecord, type AccountContext } from './context.js';
import { attempt, collectPages } from './errors.js';
import { parsePolicyDocument } from './policy.js';

const TAG_CONCURRENCY = 4;

/** Every role of the account with its trust policy, without tags (`scv-guard backup` keeps the trust policies). */
export async function listRolesWithTrust(ctx: AccountContext): Promise<Omit<IamRole, 'tags'>[]> {
  const client = ctx.clients.get('iam', 'global');
  const { items: roles } = await collectPages(
    ctx.errors,
    targetOf(ctx, 'global', 'iam:roles'),
    'ListRoles',
    () => paginateListRoles({ client }, {}),
    (p) => p.Roles,
  );
  return roles.map((role) => {
    const arn = role.Arn ?? '';
    let trustPolicy: IamRole['trustPolicy'] = null;
    if (role.AssumeRolePolicyDocument) {
      try {
        trustPolicy = parsePolicyDocument(role.AssumeRolePolicyDocument, { urlEncoded: true });
      } catch (err) {
        ctx.errors.note(targetOf(ctx, 'global', arn), 'ListRoles', 'InvalidPolicyDocument', `trust policy: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { arn, name: role.RoleName ?? '', path: role.Path ?? '/', trustPolicy };
  });
}

export async function collectIamRoles(ctx: AccountContext): Promise<IamRole[]> {
  const client = ctx.clients.get('iam', 'global');
  const roles = await listRolesWithTrust(ctx);
  const limit = pLimit(TAG_CONCURRENCY);
  return limit.map(roles, async (role): Promise<IamRole> => {
    const target = targetOf(ctx, 'global', role.arn);
    const { items: tags } = await collectPages(ctx.errors, target, 'ListRoleTags', () => paginateListRoleTags({ client }, { RoleName: role.name }), (p) => p.Tags);
    return { arn: role.arn, name: role.name, path: role.path, tags: tagsToRecord(tags), trustPolicy: role.trustPolicy };
  });
}

/** SAML providers (ListSAMLProviders is not paged); null when the list could not be read. */
export async function collectSamlProviders(ctx: AccountContext): Promise<SamlProvider[] | null> {
  const client = ctx.clients.get('iam', 'global');
  const out = await attempt(ctx.errors, targetOf(ctx, 'global', 'iam:saml-providers'), 'ListSAMLProviders', () => client.send(new ListSAMLProvidersCommand({})));
  if (!out.ok) return null;
  return (out.value.SAMLProviderList ?? [])
    .filter((p) => p.Arn)
    .map((p) => ({ arn: p.Arn!, name: p.Arn!.slice(p.Arn!.indexOf(':saml-provider/') + ':saml-provider/'.length) }));
}
