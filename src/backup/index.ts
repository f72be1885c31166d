/**
 * `scv-guard backup --config FILE --org ALIAS --out DIR`: what a sandbox refresh would lose for
 * the org's Service Cloud Voice contact centers, read-only, into a new folder:
 *
 *   salesforce/package.xml, salesforce/callCenters/<name>.callCenter   (Metadata API source)
 *   connect/<instance>/instance.json, storage-configs.json, attributes.json, approved-origins.json,
 *     integration-associations.json, flows/<TYPE>/<name>.json           (the export's flow writer)
 *   lambda/<account>/<region>/<function>.json                          (configuration, no credential)
 *   iam/<account>/<role>.json                                          (trust policy)
 *   manifest.json                                                      (what, from where, when, counts, what is missing)
 *
 * Every file but the manifest (its `createdAt`) is canonical: a backup of an unchanged estate
 * gives the same bytes. Everything is written to a temporary folder beside DIR and renamed to DIR
 * at the end, so DIR is either the whole backup or absent. What could not be read is listed in the
 * manifest's `missing`; the command then exits 1.
 */
import { checkKeyFiles } from '../config/key-files.js';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { AwsClientOverrides } from '../collect/aws/clients.js';
import { credentialKind } from '../collect/aws/withheld.js';
import type { ContactCenterRoles, CollectionError, ContactCenter } from '../inventory/types.js';
import { readOrgCallCenters, resolveApiVersion } from '../collect/salesforce/index.js';
import type { ReadCallCenter } from '../collect/salesforce/contact-centers.js';
import type { ScannerConfig } from '../config/types.js';
import { ScvGuardError } from '../errors.js';
import { canonicalJson, fileNameOf, flowDocuments } from '../export/flow-files.js';
import { REDACTED } from '../redaction/shapes.js';
import { toolVersion } from '../scan/version.js';
import { backupAws, type AliasRequest, type InstanceRequest, type MissingPart, type NotFoundPart } from './aws.js';
import { callCenterFileName, writeCallCenterFile, writePackageXml, type CallCenterMetadata } from './call-center-xml.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_KIND = 'scv-guard-backup';

export interface BackupOptions {
  config: ScannerConfig;
  org: string;
  out: string;
  now?: () => Date;
  progress?: (line: string) => void;
  onError?: (error: CollectionError) => void;
  clientOverrides?: AwsClientOverrides;
}

export interface BackupManifest {
  kind: typeof MANIFEST_KIND;
  scvGuardVersion: string;
  createdAt: string;
  config: string;
  org: { alias: string; id: string | null; name: string | null; kind: string | null; instanceUrl: string | null; environment: string | null };
  complete: boolean;
  counts: Record<string, number>;
  contactCenters: { id: string; internalName: string; displayName: string; createdAt: string | null; file: string; instanceArn: string | null }[];
  instances: { arn: string; alias: string | null; accountId: string; region: string; folder: string; flows: number; modules: number }[];
  lambdaFunctions: { arn: string; file: string; withheldVariables: string[] }[];
  roles: { arn: string; file: string }[];
  /** Values replaced by [REDACTED] because they look like credentials. */
  redacted: { file: string; what: string }[];
  notFound: NotFoundPart[];
  missing: MissingPart[];
}

export interface BackupResult {
  manifest: BackupManifest;
  out: string;
}

/** DIR must be new or empty: a backup never mixes with other files, and never half-replaces them. */
function checkOut(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory() || readdirSync(out).length > 0) {
    throw new ScvGuardError('usage', `--out ${out} exists and is not an empty folder: give a new folder (a backup never writes over files)`);
  }
}

/** An ARN names a resource (reqUpdateCredentialRole holds a role's): it is never a credential. */
const ARN = /^arn:aws[a-z-]*:/;

/** Items whose value looks like a credential are written as REDACTED (and listed). */
function withholdDefinition(def: CallCenterMetadata, file: string, redacted: BackupManifest['redacted']): CallCenterMetadata {
  const sections = (def.sections ?? []).map((s) => ({
    ...s,
    items: (s.items ?? []).map((i) => {
      if (typeof i.value !== 'string' || ARN.test(i.value.trim()) || credentialKind(i.name, i.value) === null) return i;
      redacted.push({ file, what: `${s.name}.${i.name}` });
      return { ...i, value: REDACTED };
    }),
  }));
  let customSettings = def.customSettings;
  if (typeof customSettings === 'string' && credentialKind('customSettings', customSettings) !== null) {
    redacted.push({ file, what: 'customSettings' });
    customSettings = REDACTED;
  }
  return { ...def, sections, ...(customSettings !== undefined ? { customSettings } : {}) };
}

const ROLE_KEYS: (keyof ContactCenterRoles)[] = ['provisioning', 'connectManagement', 'updateCredential', 'instanceRecording', 's3'];

/** Where a contact center's instance is to be read: by id, or by alias (see AliasRequest); else why not. */
function instanceRequest(center: ContactCenter, environmentAccounts: EnvironmentAccounts): InstanceRequest | AliasRequest | { reason: string } {
  const { instanceId, region, awsAccountId, instanceAlias } = center.connect;
  const referencedBy = `contact center ${center.internalName}`;
  if (instanceId !== null && region !== null && awsAccountId !== null) return { accountId: awsAccountId, region, instanceId, referencedBy };
  if (instanceId === null && instanceAlias !== undefined) {
    if (awsAccountId !== null) return { alias: instanceAlias, accountIds: [awsAccountId], region, scope: `account ${awsAccountId}`, referencedBy };
    if (environmentAccounts.accountIds.length > 0) {
      return { alias: instanceAlias, accountIds: environmentAccounts.accountIds, region, scope: `the accounts of environment ${environmentAccounts.environment} (${environmentAccounts.accountIds.join(', ')})`, referencedBy };
    }
    return {
      reason: `its definition names the instance only by alias ${instanceAlias}, and no AWS account is known for it (its role ARNs name none, and the config maps no account under aws.accounts to ${environmentAccounts.environment === null ? "the org's environment, which is not set" : `environment ${environmentAccounts.environment}`})`,
    };
  }
  return { reason: 'its definition does not name the instance id, region and account (reqInstanceId, reqRegion, role ARNs)' };
}

/** The org's environment (config) and the accounts the config maps to it. */
interface EnvironmentAccounts {
  environment: string | null;
  accountIds: string[];
}

export async function runBackup(opts: BackupOptions): Promise<BackupResult> {
  const out = resolve(opts.out);
  checkOut(out);
  const salesforce = opts.config.salesforce;
  if (salesforce === undefined || !salesforce.orgs.some((o) => o.alias === opts.org)) {
    throw new ScvGuardError('usage', `--org ${opts.org} is not an org alias under salesforce.orgs`, { file: opts.config.file });
  }
  checkKeyFiles(opts.config, [opts.org]);
  const apiVersion = resolveApiVersion(salesforce);
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? (() => undefined);
  const files = new Map<string, string>();
  const redacted: BackupManifest['redacted'] = [];
  const missing: MissingPart[] = [];
  const fromError = (e: CollectionError, what: string): MissingPart => ({
    what,
    reason: e.message,
    operation: `${e.operation} (${e.target})`,
    code: e.code,
    ...(e.remediation ? { remediation: e.remediation } : {}),
  });

  const sf = await readOrgCallCenters(salesforce, opts.org, { progress, ...(opts.onError ? { onError: opts.onError } : {}) });
  missing.push(...sf.errors.map((e) => fromError(e, e.operation === 'authenticate' || e.operation === 'query Organization' ? `Salesforce org ${opts.org}` : 'Salesforce call centers')));
  const scv = sf.callCenters.filter((c): c is ReadCallCenter & { contactCenter: ContactCenter } => c.contactCenter !== null).sort((a, b) => a.row.internalName.localeCompare(b.row.internalName));

  const requests: InstanceRequest[] = [];
  const aliasRequests: AliasRequest[] = [];
  const orgEnvironment = salesforce.orgs.find((o) => o.alias === opts.org)!.environment ?? null;
  const environmentAccounts: EnvironmentAccounts = {
    environment: orgEnvironment,
    accountIds: orgEnvironment === null ? [] : (opts.config.aws?.accounts ?? []).filter((a) => a.environment === orgEnvironment).map((a) => a.id),
  };
  const roleRefs = new Map<string, string[]>();
  const contactCenters: BackupManifest['contactCenters'] = [];
  for (const { row, definition, contactCenter } of scv) {
    const file = `salesforce/${callCenterFileName(definition.fullName)}`;
    files.set(file, writeCallCenterFile(withholdDefinition(definition as CallCenterMetadata, file, redacted)));
    contactCenters.push({ id: row.id, internalName: row.internalName, displayName: contactCenter.displayName, createdAt: row.createdAt, file, instanceArn: contactCenter.connect.instanceArn });
    const request = instanceRequest(contactCenter, environmentAccounts);
    if ('reason' in request) missing.push({ what: `Amazon Connect instance of contact center ${row.internalName}`, reason: request.reason });
    else if ('alias' in request) aliasRequests.push(request);
    else requests.push(request);
    for (const key of ROLE_KEYS) {
      const arn = contactCenter.roles[key];
      if (arn !== null) roleRefs.set(arn, [...(roleRefs.get(arn) ?? []), `contact center ${row.internalName} ${key} role`]);
    }
  }
  if (sf.org !== null) files.set('salesforce/package.xml', writePackageXml(scv.map((c) => c.definition.fullName), apiVersion));

  const aws = await backupAws(opts.config.aws, requests, roleRefs, { progress, ...(opts.onError ? { onError: opts.onError } : {}), ...(opts.clientOverrides ? { clientOverrides: opts.clientOverrides } : {}) }, aliasRequests);
  missing.push(...aws.missing, ...aws.errors.map((e) => fromError(e, `AWS ${e.sections !== undefined && e.sections.length > 0 ? e.sections.join(', ') : e.operation}`)));

  const instances: BackupManifest['instances'] = [];
  const folders = new Set<string>();
  for (const { arn, accountId, region, instance, described } of aws.instances) {
    let folder = `connect/${fileNameOf(instance.alias ?? instance.id)}`;
    if (folders.has(folder)) folder = `${folder}-${fileNameOf(instance.id)}`;
    folders.add(folder);
    const { flows: _flows, storage, attributes, approvedOrigins, integrations, ...description } = instance;
    files.set(`${folder}/instance.json`, canonicalJson({ ...description, lambdaFunctions: [...instance.lambdaFunctions].sort(), phoneNumbers: [...instance.phoneNumbers].sort((a, b) => a.number.localeCompare(b.number)) }));
    files.set(`${folder}/storage-configs.json`, canonicalJson([...storage].sort((a, b) => a.resourceType.localeCompare(b.resourceType) || canonicalJson(a).localeCompare(canonicalJson(b)))));
    files.set(`${folder}/attributes.json`, canonicalJson(attributes));
    files.set(`${folder}/approved-origins.json`, canonicalJson([...(approvedOrigins ?? [])].sort()));
    files.set(`${folder}/integration-associations.json`, canonicalJson([...integrations].sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)))));
    let flows = 0;
    let modules = 0;
    for (const doc of flowDocuments(described, true)) {
      const file = `${folder}/flows/${doc.file!}`;
      files.set(file, canonicalJson(doc.doc));
      if (doc.redacted) redacted.push({ file, what: doc.flow.secrets.map((s) => `${s.action}.${s.parameter}`).join(', ') });
      if (doc.flow.type === 'MODULE') modules++;
      else flows++;
    }
    instances.push({ arn, alias: instance.alias, accountId, region, folder, flows, modules });
  }
  const lambdaFunctions: BackupManifest['lambdaFunctions'] = [];
  for (const fn of aws.functions) {
    const file = `lambda/${fn.accountId}/${fn.region}/${fileNameOf(String(fn.configuration.FunctionName))}.json`;
    files.set(file, canonicalJson(fn.configuration));
    lambdaFunctions.push({ arn: fn.arn, file, withheldVariables: fn.withheldVariables });
  }
  const roles: BackupManifest['roles'] = [];
  for (const { arn, accountId, role } of aws.roles) {
    const file = `iam/${accountId}/${fileNameOf(role.name)}.json`;
    files.set(file, canonicalJson(role));
    roles.push({ arn, file });
  }

  const manifest: BackupManifest = {
    kind: MANIFEST_KIND,
    scvGuardVersion: toolVersion(),
    createdAt: now().toISOString(),
    config: opts.config.file,
    org: {
      alias: opts.org,
      id: sf.org?.id ?? null,
      name: sf.org?.name ?? null,
      kind: sf.org?.kind ?? null,
      instanceUrl: sf.org?.instanceUrl ?? null,
      environment: sf.org?.environment ?? null,
    },
    complete: missing.length === 0,
    counts: {
      contactCenters: contactCenters.length,
      instances: instances.length,
      flows: instances.reduce((n, i) => n + i.flows, 0),
      modules: instances.reduce((n, i) => n + i.modules, 0),
      storageConfigs: aws.instances.reduce((n, i) => n + i.instance.storage.length, 0),
      approvedOrigins: aws.instances.reduce((n, i) => n + (i.instance.approvedOrigins ?? []).length, 0),
      integrationAssociations: aws.instances.reduce((n, i) => n + i.instance.integrations.length, 0),
      lambdaFunctions: lambdaFunctions.length,
      roles: roles.length,
      notFound: aws.notFound.length,
      missing: missing.length,
    },
    contactCenters,
    instances,
    lambdaFunctions,
    roles,
    redacted,
    notFound: aws.notFound,
    missing,
  };
  files.set(MANIFEST_FILE, canonicalJson(manifest));
  writeTree(out, files);
  return { manifest, out };
}

/** Writes every file into a temporary folder beside `out`, then renames it to `out`. */
function writeTree(out: string, files: ReadonlyMap<string, string>): void {
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [rel, text] of files) {
      const file = join(tmp, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    checkOut(out);
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (err instanceof ScvGuardError) throw err;
    throw new ScvGuardError('output', `cannot write the backup: ${err instanceof Error ? err.message : String(err)}`, { file: out });
  }
}
