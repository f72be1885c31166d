/**
 * Amazon Connect flows and flow modules: listed, described, and their flow-language content
 * analyzed for references and credential-looking literals (values never kept).
 */
import {
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  paginateListContactFlowModules,
  paginateListContactFlows,
  type ConnectClient,
} from '@aws-sdk/client-connect';
import pLimit from 'p-limit';
import type { ContactFlow } from '../../inventory/types.js';
import { analyzeFlowContent } from '../flow-language/analyze.js';
import type { AccountContext } from './context.js';
import { targetOf } from './context.js';
import { attempt, collectPages } from './errors.js';

/** DescribeContactFlow alias for a flow's saved (unpublished) content. */
const SAVED_SUFFIX = ':$SAVED';
const NOT_PUBLISHED = 'ContactFlowNotPublishedException';

/** Describe calls in flight per instance; the Connect pacer decides the actual rate. */
const DESCRIBE_CONCURRENCY = 4;

function analyzed(ctx: AccountContext, region: string, resource: string, operation: string, content: string | undefined) {
  if (content === undefined) {
    ctx.errors.note(targetOf(ctx, region, resource), operation, 'MissingFlowContent', 'the response held no flow content');
    return { references: [], secrets: [] };
  }
  try {
    return analyzeFlowContent(content);
  } catch (err) {
    ctx.errors.note(targetOf(ctx, region, resource), operation, 'InvalidFlowContent', err instanceof Error ? err.message : String(err));
    return { references: [], secrets: [] };
  }
}

/** A flow as collected, with the flow-language content it was analyzed from (null when not read). */
export interface DescribedFlow {
  flow: ContactFlow;
  content: string | null;
}

/** Every contact flow of an instance with its content (`scv-guard export flows` writes the content). */
export async function describeFlows(ctx: AccountContext, client: ConnectClient, region: string, instanceId: string, instanceArn: string): Promise<DescribedFlow[]> {
  const listTarget = targetOf(ctx, region, `${instanceArn}/contact-flow`);
  const { items: summaries } = await collectPages(
    ctx.errors,
    listTarget,
    'ListContactFlows',
    () => paginateListContactFlows({ client }, { InstanceId: instanceId }),
    (p) => p.ContactFlowSummaryList,
  );
  const limit = pLimit(DESCRIBE_CONCURRENCY);
  return limit.map(summaries, async (summary): Promise<DescribedFlow> => {
    const id = summary.Id ?? '';
    const arn = summary.Arn ?? null;
    const resource = arn ?? `${instanceArn}/contact-flow/${id}`;
    const describe = (contactFlowId: string, absent: readonly string[] = []) =>
      attempt(ctx.errors, targetOf(ctx, region, resource), 'DescribeContactFlow', () => client.send(new DescribeContactFlowCommand({ InstanceId: instanceId, ContactFlowId: contactFlowId })), absent);
    // A flow that was only ever saved has no published content: read its saved content instead.
    let described = summary.ContactFlowStatus === 'SAVED' ? await describe(`${id}${SAVED_SUFFIX}`) : await describe(id, [NOT_PUBLISHED]);
    if (!described.ok && described.absent) described = await describe(`${id}${SAVED_SUFFIX}`);
    const flow = described.ok ? described.value.ContactFlow : undefined;
    const { references, secrets } = described.ok
      ? analyzed(ctx, region, resource, 'DescribeContactFlow', flow?.Content)
      : { references: [], secrets: [] };
    const collected: ContactFlow = {
      id,
      arn,
      name: summary.Name ?? flow?.Name ?? id,
      type: summary.ContactFlowType ?? flow?.Type ?? 'UNKNOWN',
      state: summary.ContactFlowState ?? flow?.State ?? null,
      references,
      secrets,
    };
    return { flow: collected, content: flow?.Content ?? null };
  });
}

/** Every flow module of an instance with its content. */
export async function describeFlowModules(
  ctx: AccountContext,
  client: ConnectClient,
  region: string,
  instanceId: string,
  instanceArn: string,
): Promise<DescribedFlow[]> {
  const { items: summaries } = await collectPages(
    ctx.errors,
    targetOf(ctx, region, `${instanceArn}/flow-module`),
    'ListContactFlowModules',
    () => paginateListContactFlowModules({ client }, { InstanceId: instanceId }),
    (p) => p.ContactFlowModulesSummaryList,
  );
  const limit = pLimit(DESCRIBE_CONCURRENCY);
  return limit.map(summaries, async (summary): Promise<DescribedFlow> => {
    const id = summary.Id ?? '';
    const arn = summary.Arn ?? null;
    const resource = arn ?? `${instanceArn}/flow-module/${id}`;
    const described = await attempt(ctx.errors, targetOf(ctx, region, resource), 'DescribeContactFlowModule', () =>
      client.send(new DescribeContactFlowModuleCommand({ InstanceId: instanceId, ContactFlowModuleId: id })),
    );
    const mod = described.ok ? described.value.ContactFlowModule : undefined;
    const { references, secrets } = described.ok
      ? analyzed(ctx, region, resource, 'DescribeContactFlowModule', mod?.Content)
      : { references: [], secrets: [] };
    const collected: ContactFlow = {
      id,
      arn,
      name: summary.Name ?? mod?.Name ?? id,
      type: 'MODULE',
      state: summary.State ?? mod?.State ?? null,
      references,
      secrets,
    };
    return { flow: collected, content: mod?.Content ?? null };
  });
}
