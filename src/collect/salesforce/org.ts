/**
 * The Organization record: identity and kind of the org a session is connected to.
 * kind: production when IsSandbox is false; sandbox when IsSandbox and no TrialExpirationDate;
 * scratch when IsSandbox with a TrialExpirationDate (scratch orgs expire, sandboxes do not).
 */
import type { OrgKind } from '../../inventory/types.js';
import { SalesforceResponseError } from './errors.js';
import { toId18 } from './ids.js';
import { booleanField, stringField, type RecordQuery, type SObjectRecord } from './records.js';
import type { OrgSession } from './session.js';

export const ORGANIZATION_QUERY: RecordQuery = {
  object: 'Organization',
  fields: { Id: 'string', Name: 'string?', InstanceName: 'string?', IsSandbox: 'boolean', TrialExpirationDate: 'date-text?', OrganizationType: 'string?' },
};

export interface OrganizationInfo {
  id: string;
  name: string;
  kind: OrgKind;
  instanceName: string | null;
  organizationType: string | null;
}

export function orgKind(isSandbox: boolean, trialExpirationDate: string | null): OrgKind {
  if (!isSandbox) return 'production';
  return trialExpirationDate === null ? 'sandbox' : 'scratch';
}

export function toOrganizationInfo(record: SObjectRecord): OrganizationInfo {
  const id = stringField(record, 'Id');
  const isSandbox = booleanField(record, 'IsSandbox');
  if (id === null || isSandbox === null) {
    throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', 'Organization record without Id or IsSandbox');
  }
  return {
    id: toId18(id),
    name: stringField(record, 'Name') ?? '',
    kind: orgKind(isSandbox, stringField(record, 'TrialExpirationDate')),
    instanceName: stringField(record, 'InstanceName'),
    organizationType: stringField(record, 'OrganizationType'),
  };
}

export async function readOrganization(session: OrgSession): Promise<OrganizationInfo> {
  const records = await session.queryAll('rest', ORGANIZATION_QUERY, 'query Organization');
  const [first] = records;
  if (records.length !== 1 || first === undefined) {
    throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', `Organization query returned ${records.length} records, expected 1`);
  }
  return toOrganizationInfo(first);
}
