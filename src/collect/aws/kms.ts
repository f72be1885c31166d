/**
 * KMS keys that storage configs and Firehoses name (DescribeKey resolves an alias or id to the
 * key; GetKeyPolicy reads its policy). A key of another account is recorded from its ARN and not
 * read: its owner's collection reads it.
 */
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import type { KmsKey } from '../../inventory/types.js';
import { targetOf, type AccountContext } from './context.js';
import { attempt } from './errors.js';
import { parsePolicyDocument } from './policy.js';

export interface KeyReference {
  /** Key ARN, alias ARN, `alias/name` or key id, as the referencing resource gives it. */
  id: string;
  /** Region of the referencing resource, for ids that carry none. */
  region: string;
}

const KMS_ARN = /^arn:[^:]+:kms:([^:]+):(\d{12}):(key|alias)\/(.+)$/;

export async function collectKmsKeys(ctx: AccountContext, references: readonly KeyReference[]): Promise<KmsKey[]> {
  const keys = new Map<string, KmsKey>();
  const seen = new Set<string>();
  for (const ref of references) {
    const id = ref.id.trim();
    if (!id || seen.has(`${ref.region}|${id}`)) continue;
    seen.add(`${ref.region}|${id}`);
    const key = await readKey(ctx, id, ref.region);
    if (!key) continue;
    const known = keys.get(key.arn);
    if (known) {
      if (!known.referencedAs.includes(id)) known.referencedAs.push(id);
    } else keys.set(key.arn, key);
  }
  return [...keys.values()];
}

async function readKey(ctx: AccountContext, id: string, fallbackRegion: string): Promise<KmsKey | null> {
  const arn = KMS_ARN.exec(id);
  const region = arn?.[1] ?? fallbackRegion;
  if (arn && arn[2] !== ctx.accountId) {
    // Another account's key: its ARN says whose it is; an alias ARN names no key to key the record by.
    return arn[3] === 'key' ? { arn: id, accountId: arn[2]!, region, referencedAs: [id], policy: null } : null;
  }
  const client = ctx.clients.get('kms', region);
  const target = targetOf(ctx, region, id);
  const described = await attempt(ctx.errors, target, 'DescribeKey', () => client.send(new DescribeKeyCommand({ KeyId: id })));
  const meta = described.ok ? described.value.KeyMetadata : undefined;
  if (!meta?.Arn || !meta.KeyId) {
    // Not readable (error recorded): a key ARN still says which key and whose it is.
    return arn?.[3] === 'key' ? { arn: id, accountId: arn[2]!, region, referencedAs: [id], policy: null } : null;
  }
  const policyOut = await attempt(ctx.errors, targetOf(ctx, region, meta.Arn), 'GetKeyPolicy', () =>
    client.send(new GetKeyPolicyCommand({ KeyId: meta.KeyId!, PolicyName: 'default' })),
  );
  let policy: KmsKey['policy'] = null;
  if (policyOut.ok) {
    try {
      policy = parsePolicyDocument(policyOut.value.Policy ?? '');
    } catch (err) {
      ctx.errors.note(targetOf(ctx, region, meta.Arn), 'GetKeyPolicy', 'InvalidPolicyDocument', err instanceof Error ? err.message : String(err));
    }
  }
  return { arn: meta.Arn, accountId: meta.AWSAccountId ?? ctx.accountId, region, referencedAs: [id], policy };
}
