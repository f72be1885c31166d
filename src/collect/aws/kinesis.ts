/** Kinesis Data Streams that Connect storage configs write to: encryption from DescribeStreamSummary. */
import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import type { KinesisStream } from '../../inventory/types.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt } from './errors.js';

export function parseStreamArn(arn: string): { region: string; account: string; name: string } | null {
  const m = /^arn:[^:]+:kinesis:([^:]+):(\d{12}):stream\/(.+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : null;
}

export async function collectStream(ctx: AccountContext, arn: string, fallbackRegion: string): Promise<KinesisStream> {
  const parsed = parseStreamArn(arn);
  const region = parsed?.region ?? fallbackRegion;
  const name = parsed?.name ?? arn;
  const client = ctx.clients.get('kinesis', region);
  const result = await attempt(ctx.errors, targetOf(ctx, region, arn), 'DescribeStreamSummary', () =>
    client.send(new DescribeStreamSummaryCommand({ StreamARN: arn })),
  );
  const summary = result.ok ? result.value.StreamDescriptionSummary : undefined;
  return { arn, name: summary?.StreamName ?? name, encryption: summary?.EncryptionType ?? null };
}
