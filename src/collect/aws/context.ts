/** What every service collector gets: the account's clients, the error log, and naming helpers. */
import type { AccountClients } from './clients.js';
import type { ErrorLog } from './errors.js';
import { setOwn } from '../../own-properties.js';

export interface AccountContext {
  accountId: string;
  clients: AccountClients;
  errors: ErrorLog;
  /** Environment of the account (config, else inherited), for resources without their own. */
  accountEnvironment: string | null;
  environmentTagKey: string;
  progress: (line: string) => void;
}

/** `account/region/resource`, the target of a collection error. */
export function targetOf(ctx: AccountContext, region: string, resource: string): string {
  return `${ctx.accountId}/${region}/${resource}`;
}

/** AWS tag lists ([{Key, Value}]) as a plain object. */
export function tagsToRecord(tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) setOwn(out, t.Key, t.Value ?? '');
  return out;
}

