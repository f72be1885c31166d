/**
 * CloudFormation stacks of one account and region (DescribeStacks, every live stack): status,
 * parameters, tags and outputs. SCV's stacks are recognised later, by the policies, from their
 * parameters. NoEcho and credential-looking values are withheld (null).
 */
import { paginateDescribeStacks } from '@aws-sdk/client-cloudformation';
import type { CloudFormationStack } from '../../inventory/types.js';
import { targetOf, tagsToRecord, type AccountContext } from './context.js';
import { collectPages } from './errors.js';
import { withholdCredentials } from './withheld.js';

export async function collectStacks(ctx: AccountContext, region: string): Promise<CloudFormationStack[]> {
  const client = ctx.clients.get('cloudformation', region);
  const { items } = await collectPages(
    ctx.errors,
    targetOf(ctx, region, 'cloudformation:stacks'),
    'DescribeStacks',
    () => paginateDescribeStacks({ client }, {}),
    (p) => p.Stacks,
  );
  return items
    .filter((s) => s.StackName && s.StackId)
    .map((s) => ({
      id: s.StackId!,
      name: s.StackName!,
      region,
      status: s.StackStatus ?? null,
      parameters: withholdCredentials((s.Parameters ?? []).map((p) => ({ key: p.ParameterKey, value: p.ResolvedValue ?? p.ParameterValue }))),
      tags: tagsToRecord(s.Tags),
      outputs: withholdCredentials((s.Outputs ?? []).map((o) => ({ key: o.OutputKey, value: o.OutputValue }))),
    }));
}
