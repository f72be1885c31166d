/**
 * Lambda functions of one account and region (ListFunctions) with their tags (ListTags): role,
 * runtime, and for each environment variable its name and the kind of credential its value looks
 * like — never the value. `SALESFORCE_ORG_ID` (set by SCV's stacks) is kept as the org id.
 */
import { ListTagsCommand, paginateListFunctions, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import { resolveEnvironment } from '../../inventory/environment.js';
import type { LambdaFunction } from '../../inventory/types.js';
import { isOrgId, toId18 } from '../salesforce/ids.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt, collectPages } from './errors.js';
import { credentialKind } from './withheld.js';

const TAG_CONCURRENCY = 4;
export const ORG_ID_VARIABLE = 'SALESFORCE_ORG_ID';

/** Every function configuration of the region as ListFunctions returns it (`scv-guard backup` keeps what is no credential). */
export async function listFunctionConfigurations(ctx: AccountContext, region: string): Promise<FunctionConfiguration[]> {
  const client = ctx.clients.get('lambda', region);
  const { items } = await collectPages(
    ctx.errors,
    targetOf(ctx, region, 'lambda:functions'),
    'ListFunctions',
    () => paginateListFunctions({ client }, {}),
    (p) => p.Functions,
  );
  return items;
}

export async function collectLambdaFunctions(ctx: AccountContext, region: string): Promise<LambdaFunction[]> {
  const client = ctx.clients.get('lambda', region);
  const items = await listFunctionConfigurations(ctx, region);
  const limit = pLimit(TAG_CONCURRENCY);
  return limit.map(
    items.filter((f) => f.FunctionArn && f.FunctionName),
    async (f): Promise<LambdaFunction> => {
      const target = targetOf(ctx, region, f.FunctionArn!);
      const tagged = await attempt(ctx.errors, target, 'ListTags', () => client.send(new ListTagsCommand({ Resource: f.FunctionArn! })));
      const tags = tagged.ok ? { ...(tagged.value.Tags ?? {}) } : {};
      return {
        arn: f.FunctionArn!,
        name: f.FunctionName!,
        region,
        environment: resolveEnvironment({ tags, tagKey: ctx.environmentTagKey, inherited: ctx.accountEnvironment }),
        role: f.Role ?? null,
        runtime: f.Runtime ?? null,
        tags,
        ...variablesOf(ctx, target, f),
      };
    },
  );
}

/** Names and credential kinds of a function's variables; null (with the error) when Lambda could not decrypt them. */
export function variablesOf(
  ctx: Pick<AccountContext, 'errors'>,
  target: string,
  f: Pick<FunctionConfiguration, 'Environment'>,
): Pick<LambdaFunction, 'variables' | 'salesforceOrgId'> {
  const env = f.Environment;
  if (env?.Error) {
    ctx.errors.note(target, 'ListFunctions', env.Error.ErrorCode ?? 'EnvironmentError', env.Error.Message ?? 'environment variables could not be read');
    return { variables: null, salesforceOrgId: null };
  }
  const values = env?.Variables ?? {};
  const orgId = values[ORG_ID_VARIABLE]?.trim();
  return {
    variables: Object.entries(values).map(([name, value]) => ({ name, credential: credentialKind(name, value) })),
    salesforceOrgId: orgId && isOrgId(orgId) ? toId18(orgId) : null,
  };
}
