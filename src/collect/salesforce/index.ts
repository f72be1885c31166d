/**
 * Salesforce collector: one partial inventory (salesforce.orgs[] and collection) from the orgs
 * named in the config. Read-only: SOQL (REST and Tooling) and Metadata API reads only.
 *
 * Per org: authenticate, read Organization, ConversationVendorInfo.AwsAccountKey and contact
 * centers; from production orgs also SandboxInfo/SandboxProcess. Afterwards the configured
 * sandbox orgs get their lineage (matched by org id) and sandboxes the history shows as deleted
 * are added with status `deleted`. Every failed call is a collection error; no token, key or
 * secret ever reaches the inventory or the progress output.
 */
import pLimit from 'p-limit';
import type { SalesforceConfig, SalesforceOrgConfig } from '../../config/types.js';
import { ScvGuardError } from '../../errors.js';
import { emptyInventory, type CollectionError, type Inventory, type SalesforceOrg } from '../../inventory/types.js';
import { readCallCenters, readContactCenters, type ReadCallCenter } from './contact-centers.js';
import { classifySalesforceError, salesforceSections } from './causes.js';
import { SalesforceResponseError, describeFailure } from './errors.js';
import { readOrganization, type OrganizationInfo } from './org.js';
import { Redactor } from './redact.js';
import { deletedSandboxOrg, readSandboxLineage, type SandboxRecord } from './sandboxes.js';
import { OrgSession } from './session.js';
import { TimedTransport } from './transport.js';
import { CollectionDeadline, resolveTimeouts } from '../network-limits.js';
import { readAwsAccountKey } from './vendor-info.js';

export const DEFAULT_API_VERSION = '62.0';
export const MIN_API_VERSION = 60;
/** Orgs collected at once. */
const ORG_CONCURRENCY = 4;

export interface SalesforceCollectOptions {
  /** One line per step, for stderr; never carries secrets. */
  progress?: (line: string) => void;
  /** Clock for generatedAt and collection timestamps. */
  now?: () => Date;
  /** Called with each collection error as it is recorded, for live reporting. */
  onError?: (error: CollectionError) => void;
}

/** The API version to use: the config's, checked to be `NN.N` and at least 60.0. */
export function resolveApiVersion(cfg: SalesforceConfig): string {
  const version = cfg.apiVersion ?? DEFAULT_API_VERSION;
  if (!/^\d{2,3}\.0$/.test(version) || Number(version) < MIN_API_VERSION) {
    throw new ScvGuardError('config', `salesforce.apiVersion must be "${MIN_API_VERSION}.0" or later (like "${DEFAULT_API_VERSION}"), got "${version}"`, {
      path: '$.salesforce.apiVersion',
    });
  }
  return version;
}

interface OrgResult {
  org: SalesforceOrg | null;
  lineage: SandboxRecord[];
  errors: CollectionError[];
  target: string;
  startedAt: string;
  finishedAt: string;
}

/** Records an org's errors classified (cause, remediation, sections) into `errors`, and reports each live. */
function errorRecorder(orgConfig: SalesforceOrgConfig, errors: CollectionError[], onError: ((error: CollectionError) => void) | undefined): Pick<CollectionError[], 'push'> {
  return {
    push: (...entries: CollectionError[]) => {
      for (const entry of entries) {
        const classified: CollectionError = {
          ...entry,
          sections: salesforceSections(entry.operation),
          ...classifySalesforceError(entry.operation, { code: entry.code, message: entry.message }, orgConfig),
        };
        errors.push(classified);
        onError?.(classified);
      }
      return errors.length;
    },
  };
}

interface OpenedOrg {
  session: OrgSession;
  info: OrganizationInfo;
}

/** Authenticates and reads the Organization record; null (the failure recorded) when either fails. */
async function openOrg(
  orgConfig: SalesforceOrgConfig,
  apiVersion: string,
  recorder: Pick<CollectionError[], 'push'>,
  redactor: Redactor,
  progress: (line: string) => void,
  transport: TimedTransport,
): Promise<OpenedOrg | { failedTarget: string }> {
  progress(`salesforce ${orgConfig.alias}: authenticating (${orgConfig.auth.method})`);
  let session: OrgSession;
  try {
    session = await OrgSession.open(orgConfig, apiVersion, redactor, recorder, progress, transport);
  } catch (err) {
    const failure = describeFailure(err);
    recorder.push({ source: 'salesforce', target: orgConfig.alias, operation: 'authenticate', code: failure.code, message: redactor.redact(failure.message) });
    progress(`salesforce ${orgConfig.alias}: authentication failed (${failure.code})`);
    return { failedTarget: orgConfig.alias };
  }
  let info: OrganizationInfo;
  try {
    info = await readOrganization(session);
  } catch (err) {
    session.recordError('query Organization', err);
    return { failedTarget: session.target };
  }
  session.orgId = info.id;
  progress(`salesforce ${session.target}: ${info.kind} org "${info.name}"`);
  return { session, info };
}

async function collectOrg(
  orgConfig: SalesforceOrgConfig,
  apiVersion: string,
  now: () => Date,
  report: (line: string) => void,
  onError: ((error: CollectionError) => void) | undefined,
  transport: TimedTransport,
): Promise<OrgResult> {
  const startedAt = now().toISOString();
  const errors: CollectionError[] = [];
  const recorder = errorRecorder(orgConfig, errors, onError);
  const redactor = new Redactor();
  const progress = (line: string) => report(redactor.redact(line));
  const done = (org: SalesforceOrg | null, lineage: SandboxRecord[], target: string): OrgResult => ({
    org,
    lineage,
    errors,
    target,
    startedAt,
    finishedAt: now().toISOString(),
  });

  const opened = await openOrg(orgConfig, apiVersion, recorder, redactor, progress, transport);
  if ('failedTarget' in opened) return done(null, [], opened.failedTarget);
  const { session, info } = opened;

  // Each reader records the failures it expects; anything else it throws (a response that is
  // not what Salesforce documents) is recorded here, so one org never stops the collection.
  const guarded = async <T>(operation: string, read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (err) {
      session.recordError(operation, err);
      return fallback;
    }
  };
  const awsAccountKey = await guarded('read ConversationVendorInfo', () => readAwsAccountKey(session), null);
  const contactCenters = await guarded('read contact centers', () => readContactCenters(session), []);
  progress(`salesforce ${session.target}: ${contactCenters.length} contact center(s)`);

  let lineage: SandboxRecord[] = [];
  if (orgConfig.production && info.kind !== 'production') {
    session.recordError(
      'read sandbox lineage',
      new SalesforceResponseError('NOT_A_PRODUCTION_ORG', `configured with production: true, but the org is a ${info.kind} org`),
    );
  } else if (orgConfig.production) {
    lineage = await guarded('build sandbox lineage', async () => (await readSandboxLineage(session, info.id)).sandboxes, []);
    progress(`salesforce ${session.target}: ${lineage.length} sandbox(es) in SandboxProcess history`);
  }

  const org: SalesforceOrg = {
    id: info.id,
    name: info.name,
    kind: info.kind,
    environment: orgConfig.environment ?? null,
    status: 'active',
    instanceUrl: session.conn.instanceUrl,
    sandbox: null,
    awsAccountKey,
    contactCenters,
  };
  return done(org, lineage, session.target);
}

export async function collectSalesforce(cfg: SalesforceConfig, opts: SalesforceCollectOptions = {}): Promise<Inventory> {
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? (() => {});
  const apiVersion = resolveApiVersion(cfg);
  const inventory = emptyInventory(now().toISOString());

  const timeouts = resolveTimeouts(cfg.timeouts);
  const transport = new TimedTransport(timeouts, new CollectionDeadline(timeouts.collectionMs));
  const limit = pLimit(ORG_CONCURRENCY);
  const results = await Promise.all(cfg.orgs.map((org) => limit(() => collectOrg(org, apiVersion, now, progress, opts.onError, transport))));

  const lineageByOrg = new Map<string, SandboxRecord>();
  for (const result of results) for (const record of result.lineage) lineageByOrg.set(record.orgId, record);

  const orgs: SalesforceOrg[] = [];
  for (const result of results) {
    inventory.collection.sources.push({ kind: 'salesforce', target: result.target, startedAt: result.startedAt, finishedAt: result.finishedAt });
    inventory.collection.errors.push(...result.errors);
    if (result.org === null) continue;
    const record = lineageByOrg.get(result.org.id);
    if (result.org.kind === 'sandbox' && record) result.org.sandbox = record.lineage;
    orgs.push(result.org);
  }
  const known = new Set(orgs.map((o) => o.id));
  for (const record of lineageByOrg.values()) {
    if (record.status === 'deleted' && !known.has(record.orgId)) {
      orgs.push(deletedSandboxOrg(record));
      known.add(record.orgId);
    }
  }
  inventory.salesforce.orgs = orgs;
  return inventory;
}

/** One org's call centers with their definitions, read as the collector reads them (`scv-guard backup`). */
export interface OrgCallCenters {
  /** `alias/orgId` once the org is known, else the alias. */
  target: string;
  org: Pick<SalesforceOrg, 'id' | 'name' | 'kind' | 'instanceUrl' | 'environment'> | null;
  callCenters: ReadCallCenter[];
  errors: CollectionError[];
}

/** Authenticates to the org `alias` of the config and reads its call centers and their definitions. */
export async function readOrgCallCenters(cfg: SalesforceConfig, alias: string, opts: SalesforceCollectOptions = {}): Promise<OrgCallCenters> {
  const orgConfig = cfg.orgs.find((o) => o.alias === alias);
  if (orgConfig === undefined) throw new ScvGuardError('usage', `no org ${alias} under salesforce.orgs`);
  const apiVersion = resolveApiVersion(cfg);
  const timeouts = resolveTimeouts(cfg.timeouts);
  const transport = new TimedTransport(timeouts, new CollectionDeadline(timeouts.collectionMs));
  const errors: CollectionError[] = [];
  const redactor = new Redactor();
  const progress = (line: string) => (opts.progress ?? (() => {}))(redactor.redact(line));
  const opened = await openOrg(orgConfig, apiVersion, errorRecorder(orgConfig, errors, opts.onError), redactor, progress, transport);
  if ('failedTarget' in opened) return { target: opened.failedTarget, org: null, callCenters: [], errors };
  const { session, info } = opened;
  let callCenters: ReadCallCenter[] = [];
  try {
    callCenters = await readCallCenters(session);
  } catch (err) {
    session.recordError('read contact centers', err);
  }
  progress(`salesforce ${session.target}: ${callCenters.length} call center(s)`);
  return {
    target: session.target,
    org: { id: info.id, name: info.name, kind: info.kind, instanceUrl: session.conn.instanceUrl, environment: orgConfig.environment ?? null },
    callCenters,
    errors,
  };
}
