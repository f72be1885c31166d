/**
 * Plan-vs-live: lays what plans, templates and flow exports declare over the live inventory.
 *
 * - A declared resource replaces the live one with the same ARN (instances also match by id):
 *   every field the file knows wins, fields unknown at plan time (null) keep the live value, and
 *   the resource keeps the file's `origin`. It stays in the live resource's account.
 * - Storage configs and flows are laid over their instance one by one: a planned storage config
 *   replaces the live ones of the same resource type, a planned flow the live flow with the same
 *   id or name. A resource a file only attaches to (see Attachments) keeps its live fields and origin.
 * - Anything not live is added, in its own account (created when missing); a resource without an
 *   environment inherits its account's.
 * - A placeholder instance (flows whose instance no file names) hands its flows to the one live
 *   instance of its environment (the instance's environment, else its account's) when the live
 *   inventory has exactly one; else it is added as it is (in its account, known or not).
 */
import { emptyInventory, type AwsAccount, type ConnectInstance, type Inventory } from '../../inventory/types.js';
import type { ParsedInput } from './types.js';

type Resource = { arn?: string; origin?: unknown };

/** Account sections of the AWS-side evidence, each a list of resources with an ARN (stacks: an id). */
const EVIDENCE_SECTIONS = ['cloudFormationStacks', 'lambdaFunctions', 'samlProviders', 'kmsKeys', 'firehoseStreams'] as const;
type Evidence = NonNullable<AwsAccount[(typeof EVIDENCE_SECTIONS)[number]]>[number];
const evidenceId = (r: Evidence): string => ('arn' in r ? r.arn : r.id);

/** Planned non-null fields win over live ones; `keepLive` lists fields that always stay live. */
function overlayFields<T extends object>(live: T, planned: T, keepLive: readonly string[] = []): T {
  const out = { ...live } as Record<string, unknown>;
  for (const [k, v] of Object.entries(planned)) {
    if (keepLive.includes(k)) continue;
    if (v === null || v === undefined) continue;
    if (k === 'tags' && typeof v === 'object' && Object.keys(v as object).length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

/**
 * `attachedOnly`: the file only attaches storage or flows to the live instance. `rehomed`: the
 * planned instance is a placeholder, so ARNs built under it do not name the live instance.
 */
function overlayInstance(live: ConnectInstance, planned: ConnectInstance, attachedOnly: boolean, rehomed = false): ConnectInstance {
  const scalarsKept = attachedOnly
    ? ['id', 'arn', 'known', 'alias', 'region', 'status', 'createdAt', 'environment', 'tags', 'attributes', 'origin']
    : ['id', 'arn'];
  const merged = overlayFields(live, planned, [...scalarsKept, 'storage', 'flows', 'lambdaFunctions', 'phoneNumbers', 'integrations', 'approvedOrigins']);
  if (!attachedOnly) merged.attributes = { ...live.attributes, ...planned.attributes };
  // Associations a file adds (approved origins, integrations, Lambda functions) join the live ones.
  merged.lambdaFunctions = [...new Set([...live.lambdaFunctions, ...planned.lambdaFunctions])];
  merged.integrations = [...live.integrations, ...planned.integrations.filter((p) => !live.integrations.some((l) => l.arn !== null && l.arn === p.arn))];
  if (planned.approvedOrigins !== undefined) merged.approvedOrigins = [...new Set([...(live.approvedOrigins ?? []), ...planned.approvedOrigins])];
  const replacedTypes = new Set(planned.storage.map((s) => s.resourceType));
  merged.storage = [...live.storage.filter((s) => !replacedTypes.has(s.resourceType)), ...planned.storage];
  const flows = [...live.flows];
  for (const f of planned.flows) {
    const i = flows.findIndex((l) => l.id === f.id || l.name === f.name);
    if (i === -1) flows.push(rehomed ? { ...f, arn: null } : f);
    else flows[i] = { ...f, id: flows[i]!.id, arn: flows[i]!.arn ?? f.arn };
  }
  merged.flows = flows;
  return merged;
}

export function overlayPlanned(live: Inventory, planned: readonly ParsedInput[]): Inventory {
  const out: Inventory = structuredClone(live);
  const accountById = new Map(out.aws.accounts.map((a) => [a.id, a]));
  const accountFor = (template: AwsAccount): AwsAccount => {
    let a = accountById.get(template.id);
    if (!a) {
      a = { ...structuredClone(template), connectInstances: [], iamRoles: [], s3Buckets: [], kinesisStreams: [] };
      // Evidence sections are laid over one by one below; a section the file does not declare stays absent (not collected).
      for (const section of EVIDENCE_SECTIONS) delete a[section];
      delete a.s3PublicAccessBlock;
      out.aws.accounts.push(a);
      accountById.set(a.id, a);
    }
    return a;
  };
  /** Finds a live resource in any account; returns its account and index. */
  const find = <R extends Resource>(list: (a: AwsAccount) => R[], match: (r: R) => boolean): { account: AwsAccount; index: number } | null => {
    for (const account of out.aws.accounts) {
      const index = list(account).findIndex(match);
      if (index !== -1) return { account, index };
    }
    return null;
  };
  const inherit = <R extends { environment: string | null }>(r: R, account: AwsAccount): R =>
    r.environment === null && account.environment !== null ? { ...r, environment: account.environment } : r;

  /** The one live instance of `environment` (in the live inventory, not only in files), or null. */
  const liveArns = live.aws.accounts.flatMap((a) => a.connectInstances.map((i) => i.arn));
  const onlyInstanceOf = (environment: string | null): { account: AwsAccount; index: number } | null => {
    if (environment === null) return null;
    const hits = out.aws.accounts.flatMap((account) =>
      account.connectInstances.flatMap((i, index) =>
        liveArns.includes(i.arn) && (i.environment ?? account.environment) === environment ? [{ account, index }] : [],
      ),
    );
    return hits.length === 1 ? hits[0]! : null;
  };

  // Placeholders are placed once every other instance is in: "the one instance of the environment"
  // must not depend on the order of the inputs.
  const deferred: { account: AwsAccount; instance: ConnectInstance }[] = [];
  for (const input of planned) {
    const attachedInstances = new Set(input.attachments.instances);
    const placeholders = new Set(input.attachments.placeholderInstances);
    const attachedBuckets = new Set(input.attachments.buckets);
    out.collection.sources.push(...input.inventory.collection.sources);
    out.collection.errors.push(...input.inventory.collection.errors);
    for (const env of input.inventory.environments) {
      if (!out.environments.some((e) => e.name === env.name)) out.environments.push(env);
    }
    for (const pAccount of input.inventory.aws.accounts) {
      for (const inst of pAccount.connectInstances) {
        if (placeholders.has(inst.arn)) {
          deferred.push({ account: pAccount, instance: inst });
          continue;
        }
        const hit = find((a) => a.connectInstances, (l) => l.arn === inst.arn || l.id === inst.id);
        if (hit) {
          const merged = overlayInstance(hit.account.connectInstances[hit.index]!, inst, attachedInstances.has(inst.arn));
          hit.account.connectInstances[hit.index] = inherit(merged, hit.account);
        } else {
          const account = accountFor(pAccount);
          account.connectInstances.push(inherit(inst, account));
        }
      }
      for (const bucket of pAccount.s3Buckets) {
        const hit = find((a) => a.s3Buckets, (l) => l.arn === bucket.arn);
        if (hit) {
          const keep = attachedBuckets.has(bucket.arn) ? ['name', 'arn', 'region', 'environment', 'tags', 'origin'] : ['name', 'arn'];
          hit.account.s3Buckets[hit.index] = inherit(overlayFields(hit.account.s3Buckets[hit.index]!, bucket, keep), hit.account);
        } else {
          const account = accountFor(pAccount);
          account.s3Buckets.push(inherit(bucket, account));
        }
      }
      for (const role of pAccount.iamRoles) {
        const hit = find((a) => a.iamRoles, (l) => l.arn === role.arn);
        if (hit) hit.account.iamRoles[hit.index] = overlayFields(hit.account.iamRoles[hit.index]!, role, ['arn']);
        else accountFor(pAccount).iamRoles.push(role);
      }
      for (const stream of pAccount.kinesisStreams) {
        const hit = find((a) => a.kinesisStreams, (l) => l.arn === stream.arn);
        if (hit) hit.account.kinesisStreams[hit.index] = overlayFields(hit.account.kinesisStreams[hit.index]!, stream, ['arn']);
        else accountFor(pAccount).kinesisStreams.push(stream);
      }
      for (const section of EVIDENCE_SECTIONS) {
        for (const item of (pAccount[section] ?? []) as Evidence[]) {
          const id = evidenceId(item);
          const hit = find((a) => (a[section] ?? []) as Evidence[], (l) => evidenceId(l) === id);
          if (hit) {
            const list = hit.account[section] as Evidence[];
            list[hit.index] = overlayFields(list[hit.index]!, item, ['arn', 'id']);
          } else {
            const account = accountFor(pAccount);
            ((account[section] ??= []) as Evidence[]).push(item);
          }
        }
      }
      // The account-level public access block the file sets is the one after deploy.
      if (pAccount.s3PublicAccessBlock) accountFor(pAccount).s3PublicAccessBlock = pAccount.s3PublicAccessBlock;
    }
    for (const org of input.inventory.salesforce.orgs) {
      const i = out.salesforce.orgs.findIndex((o) => o.id === org.id);
      if (i === -1) out.salesforce.orgs.push(org);
      else out.salesforce.orgs[i] = overlayFields(out.salesforce.orgs[i]!, org, ['id']);
    }
    if (input.inventory.generatedAt > out.generatedAt) out.generatedAt = input.inventory.generatedAt;
  }
  for (const { account: pAccount, instance } of deferred) {
    const hit = onlyInstanceOf(instance.environment);
    if (hit) {
      hit.account.connectInstances[hit.index] = overlayInstance(hit.account.connectInstances[hit.index]!, instance, true, true);
    } else {
      const account = accountFor(pAccount);
      const same = account.connectInstances.findIndex((i) => i.arn === instance.arn);
      if (same === -1) account.connectInstances.push(inherit(instance, account));
      else account.connectInstances[same] = overlayInstance(account.connectInstances[same]!, instance, true);
    }
  }
  return out;
}

/** The planned inputs on their own, when no live inventory is given. */
export function plannedOnly(planned: readonly ParsedInput[], generatedAt: string): Inventory {
  return overlayPlanned(emptyInventory(generatedAt), planned);
}
