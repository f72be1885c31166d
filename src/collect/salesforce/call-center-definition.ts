/**
 * From a CallCenter definition (Metadata API `CallCenter`: `sections[].items[]` name/value pairs
 * plus a JSON `customSettings`) to an inventory contact center. Only definitions with a `reqHvcc`
 * (Service Cloud Voice settings) section are SCV contact centers; Open CTI call centers are not.
 *
 * Decisions (README "Salesforce collection" documents them for users):
 * - telephonyModel is `partner-telephony` when the definition names a ConversationVendorInfo
 *   (`reqGeneralInfo.reqVendorInfoApiName`, e.g. `c__AMAZON_CONNECT` for Partner Telephony from
 *   Amazon Connect) or customSettings `reqCallCenterType` is `SCVBYOT`; otherwise it is
 *   `amazon-connect` (a contact center Salesforce created on Amazon Connect).
 * - provisioning is `xml-import` when an update-credential role is set (only contact centers
 *   integrated by XML import carry UpdateCredentialRole); `new-instance` / `existing-instance`
 *   when customSettings `reqCallCenterType` says so (CALL_CENTER_TYPE_PROVISIONING); otherwise
 *   `unknown`. A provisioning role alone does not tell new from existing: both use it.
 * - The provisioning role is read from `reqProvisioningRole` (or `reqSCVProvisioningRole`).
 * - The Connect account is taken from the role ARNs, in the order management, instance
 *   recording, S3, update credential, provisioning (the management role manages the instance in
 *   its own account); ARNs whose account is not 12 digits (template placeholders) give none.
 * - The instance is `reqInstanceId`, else the instance id of the relay state
 *   (`reqRelayState` / `reqSettingsRelayState`:
 *   `https://<region>.console.aws.amazon.com/connect/federate/<instance id>`), which also gives
 *   the region when `reqRegion` does not. `reqInstanceName` (or, with global resiliency,
 *   `reqPrimaryInstanceName`) is the instance's alias, `reqSecondaryInstanceName` the replica's.
 * - Values the import files carry as placeholders to fill in (`AmazonConnectInstanceId`,
 *   `arn:aws:iam::XXXXXXXXXXXX:role/...`, `{replace this URL ...}`) are not known: null, never ids.
 */
import { parseEmbeddedJson } from '../../input/json.js';
import type { ContactCenter, ContactCenterRoles, Provisioning, TelephonyModel } from '../../inventory/types.js';
import { entryBreach, isObject, type FieldSpecs } from '../shape.js';
import { SalesforceResponseError } from './errors.js';

export const SCV_SECTION = 'reqHvcc';
export const GENERAL_SECTION = 'reqGeneralInfo';

export const ROLE_ITEMS: Record<keyof ContactCenterRoles, readonly string[]> = {
  provisioning: ['reqProvisioningRole', 'reqSCVProvisioningRole'],
  connectManagement: ['reqAmazonConnectManagementRole'],
  updateCredential: ['reqUpdateCredentialRole'],
  instanceRecording: ['reqInstanceRecordingRole'],
  s3: ['reqSCVS3Role'],
};

/** customSettings `reqCallCenterType` values that say how the Connect instance was provisioned. */
export const CALL_CENTER_TYPE_PROVISIONING: Readonly<Record<string, Provisioning>> = {
  SCVAmazonNewInstance: 'new-instance',
  SCVAmazonExistingInstance: 'existing-instance',
};
/** customSettings `reqCallCenterType` values of partner telephony contact centers. */
export const PARTNER_CALL_CENTER_TYPES: ReadonlySet<string> = new Set([
  'SCVBYOT',
  ...Object.keys(CALL_CENTER_TYPE_PROVISIONING),
]);

export interface CallCenterItemDef {
  name: string;
  value?: string | null;
}
export interface CallCenterSectionDef {
  name: string;
  items?: CallCenterItemDef[] | null;
}
export interface CallCenterDefinition {
  fullName: string;
  displayName?: string | null;
  customSettings?: string | null;
  sections?: CallCenterSectionDef[] | null;
}

/** What a definition must hold for the fields read from it: a section or item of another shape would read as "not SCV". */
const DEFINITION_SHAPE: FieldSpecs = { fullName: 'name', displayName: 'string?', customSettings: 'string?', sections: 'object[]?' };
const SECTION_SHAPE: FieldSpecs = { name: 'name', items: 'object[]?' };
const ITEM_SHAPE: FieldSpecs = { name: 'name', value: 'string?' };

/**
 * Where a Metadata API CallCenter definition breaks the shape read from it (`whose sections is
 * a string, not a list of objects`, `with section 2 without name`), or null when it holds.
 */
export function definitionProblem(def: unknown): string | null {
  const own = entryBreach(def, DEFINITION_SHAPE);
  if (own !== null || !isObject(def)) return own;
  const sections = (def.sections ?? []) as unknown[];
  for (const [i, section] of sections.entries()) {
    const problem = entryBreach(section, SECTION_SHAPE);
    if (problem !== null) return `with section ${i + 1} ${problem}`;
    const items = ((section as Record<string, unknown>).items ?? []) as unknown[];
    for (const [j, item] of items.entries()) {
      const itemProblem = entryBreach(item, ITEM_SHAPE);
      if (itemProblem !== null) return `with item ${j + 1} of section ${i + 1} ${itemProblem}`;
    }
  }
  return null;
}

/** The CallCenter sObject row the definition belongs to. */
export interface CallCenterRow {
  id: string;
  name: string;
  internalName: string;
  createdAt: string | null;
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/.+$/;
/** `https://<region>.console.aws.amazon.com/connect/federate/<instance id>` (GovCloud: amazonaws-us-gov.com). */
const RELAY_STATE = /^https:\/\/(?:([a-z]{2}(?:-gov)?-[a-z]+-\d+)\.)?console\.(?:aws\.amazon\.com|amazonaws-us-gov\.com)\/connect\/federate\/([^/?#\s]+)/;

/**
 * A value as the import file templates leave it for the admin to fill in: `XXXX` runs,
 * `{describe what goes here}`, or the field's own name (`AmazonConnectInstanceId`).
 */
export function isPlaceholder(value: string): boolean {
  return /XXX/.test(value) || /^\{[^}]*\}$/s.test(value.trim()) || /^AmazonConnect(Instance(Id|Name|Arn|Alias)|QuickConnectARN)$/i.test(value);
}

/** The items of the SCV section that name instances, regions and roles: placeholders are not known. */
function identifyingItems(def: CallCenterDefinition): Map<string, string> {
  return new Map([...sectionItems(def, SCV_SECTION)].filter(([, value]) => !isPlaceholder(value)));
}

/** Region and instance id of a relay state URL; null when it is not one (or a placeholder). */
export function relayStateInstance(url: string | null): { region: string | null; instanceId: string } | null {
  const m = url === null ? null : RELAY_STATE.exec(url);
  if (!m || isPlaceholder(m[2]!)) return null;
  return { region: m[1] ?? null, instanceId: decodeURIComponent(m[2]!) };
}
const INSTANCE_ARN = /^arn:(aws[a-z-]*):connect:([a-z0-9-]+):(\d{12}):instance\/([A-Za-z0-9-]+)$/;

function sectionItems(def: CallCenterDefinition, section: string): Map<string, string> {
  const items = new Map<string, string>();
  for (const s of def.sections ?? []) {
    if (s.name !== section) continue;
    for (const item of s.items ?? []) {
      const value = typeof item.value === 'string' ? item.value.trim() : '';
      if (value !== '') items.set(item.name, value);
    }
  }
  return items;
}

export function isScvDefinition(def: CallCenterDefinition): boolean {
  return (def.sections ?? []).some((s) => s.name === SCV_SECTION);
}

/** Code of a definition whose customSettings cannot be read (cause `invalid-response`). */
export const INVALID_CUSTOM_SETTINGS = 'INVALID_CUSTOM_SETTINGS_RESPONSE';

/**
 * customSettings is a JSON object for SCV call centers, read like every JSON input (duplicate
 * keys, depth and string limits). Absent or empty: no call center type. Anything else cannot say
 * the type, and guessing it would change the telephony model and provisioning: an error naming
 * the definition and the place inside customSettings (its text is never quoted).
 */
export function callCenterType(def: CallCenterDefinition): string | null {
  if (!def.customSettings) return null;
  let parsed: unknown;
  try {
    parsed = parseEmbeddedJson(def.customSettings, 'customSettings');
  } catch (err) {
    throw new SalesforceResponseError(INVALID_CUSTOM_SETTINGS, `CallCenter ${def.fullName}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SalesforceResponseError(INVALID_CUSTOM_SETTINGS, `CallCenter ${def.fullName}: customSettings: expected a JSON object, found ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`}`);
  }
  const type = Object.hasOwn(parsed, 'reqCallCenterType') ? (parsed as Record<string, unknown>).reqCallCenterType : undefined;
  return typeof type === 'string' && type !== '' ? type : null;
}

function firstItem(items: Map<string, string>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = items.get(name);
    if (value !== undefined) return value;
  }
  return null;
}

export function telephonyModelOf(def: CallCenterDefinition): TelephonyModel {
  const vendor = sectionItems(def, GENERAL_SECTION).get('reqVendorInfoApiName');
  const type = callCenterType(def);
  return vendor !== undefined || (type !== null && PARTNER_CALL_CENTER_TYPES.has(type))
    ? 'partner-telephony'
    : 'amazon-connect';
}

export function provisioningOf(roles: ContactCenterRoles, type: string | null): Provisioning {
  if (roles.updateCredential !== null) return 'xml-import';
  return (type !== null && CALL_CENTER_TYPE_PROVISIONING[type]) || 'unknown';
}

function accountOfRoles(roles: ContactCenterRoles): { partition: string; account: string } | null {
  const order: (keyof ContactCenterRoles)[] = ['connectManagement', 'instanceRecording', 's3', 'updateCredential', 'provisioning'];
  for (const key of order) {
    const match = roles[key] !== null ? ROLE_ARN.exec(roles[key] as string) : null;
    if (match) return { partition: match[1] as string, account: match[2] as string };
  }
  return null;
}

export function toContactCenter(row: CallCenterRow, def: CallCenterDefinition): ContactCenter | null {
  if (!isScvDefinition(def)) return null;
  const scv = identifyingItems(def);
  const roles: ContactCenterRoles = {
    provisioning: firstItem(scv, ROLE_ITEMS.provisioning),
    connectManagement: firstItem(scv, ROLE_ITEMS.connectManagement),
    updateCredential: firstItem(scv, ROLE_ITEMS.updateCredential),
    instanceRecording: firstItem(scv, ROLE_ITEMS.instanceRecording),
    s3: firstItem(scv, ROLE_ITEMS.s3),
  };
  const relay = relayStateInstance(scv.get('reqRelayState') ?? null) ?? relayStateInstance(scv.get('reqSettingsRelayState') ?? null);
  let instanceId = scv.get('reqInstanceId') ?? relay?.instanceId ?? null;
  let region = scv.get('reqRegion') ?? relay?.region ?? null;
  let owner = accountOfRoles(roles);
  let instanceArn: string | null = null;
  const arnMatch = instanceId !== null ? INSTANCE_ARN.exec(instanceId) : null;
  if (arnMatch) {
    // Some definitions hold the full instance ARN instead of the bare id.
    instanceArn = instanceId;
    region = arnMatch[2] as string;
    owner = { partition: arnMatch[1] as string, account: arnMatch[3] as string };
    instanceId = arnMatch[4] as string;
  } else if (instanceId !== null && region !== null && owner !== null) {
    instanceArn = `arn:${owner.partition}:connect:${region}:${owner.account}:instance/${instanceId}`;
  }
  // Global resiliency names the source (primary) and replica (secondary) instances.
  const alias = scv.get('reqInstanceName') ?? scv.get('reqPrimaryInstanceName') ?? null;
  const replica = scv.get('reqSecondaryInstanceName') ?? null;
  const aliases = { ...(alias !== null ? { instanceAlias: alias } : {}), ...(replica !== null ? { replicaInstanceAlias: replica } : {}) };
  return {
    id: row.id,
    internalName: row.internalName,
    displayName: def.displayName || row.name,
    createdAt: row.createdAt,
    telephonyModel: telephonyModelOf(def),
    provisioning: provisioningOf(roles, callCenterType(def)),
    connect: { instanceId, instanceArn, region, awsAccountId: owner?.account ?? null, ...aliases },
    roles,
  };
}
