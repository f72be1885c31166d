/**
 * Sandbox lineage from a production org's Tooling API records.
 *
 * - SandboxInfo (one per existing sandbox): Id, SandboxName, SourceId (the SandboxInfo a clone
 *   was copied from; empty when copied from production), LicenseType.
 * - SandboxProcess (one per create/refresh/clone run, history kept): SandboxInfoId,
 *   SandboxOrganization (15-character org id of the copy), SourceId, Status, EndDate,
 *   ActivatedDate.
 *
 * The latest Completed process of a SandboxInfo names the sandbox's current org and when it was
 * last copied (EndDate, else ActivatedDate). A SandboxInfo id in SourceId resolves to the org id
 * of that source sandbox; an org id there is taken as is. Process history whose SandboxInfo no
 * longer exists is a deleted sandbox. Org ids a refresh replaced are not reported.
 */
import type { SalesforceOrg, SandboxLineage } from '../../inventory/types.js';
import { SalesforceResponseError } from './errors.js';
import { isOrgId, toId18 } from './ids.js';
import { dateTimeField, stringField, type RecordQuery, type SObjectRecord } from './records.js';
import type { OrgSession } from './session.js';

export const SANDBOX_INFO_QUERY: RecordQuery = { object: 'SandboxInfo', fields: { Id: 'string', SandboxName: 'string?', SourceId: 'string?', LicenseType: 'string?' } };
export const SANDBOX_PROCESS_QUERY: RecordQuery = {
  object: 'SandboxProcess',
  fields: {
    Id: 'string',
    SandboxName: 'string?',
    SandboxInfoId: 'string',
    SandboxOrganization: 'string?',
    SourceId: 'string?',
    Status: 'string?',
    EndDate: 'date-text?',
    ActivatedDate: 'date-text?',
    CreatedDate: 'date-text?',
  },
};

export interface SandboxRecord {
  orgId: string;
  status: 'active' | 'deleted';
  lineage: SandboxLineage;
  licenseType: string | null;
}

export interface LineageResult {
  sandboxes: SandboxRecord[];
  /** SourceIds that named no known sandbox or org (lineage left at sourceOrgId null). */
  unresolvedSources: { sandboxName: string; sourceId: string }[];
}

interface ProcessRow {
  infoId: string;
  sandboxName: string | null;
  orgId: string | null;
  sourceId: string | null;
  status: string | null;
  endDate: string | null;
  activatedDate: string | null;
  createdDate: string | null;
}

function id18OrNull(value: string | null): string | null {
  return value === null ? null : toId18(value);
}

function toProcessRow(record: SObjectRecord): ProcessRow | null {
  const infoId = stringField(record, 'SandboxInfoId');
  if (infoId === null) return null;
  return {
    infoId: toId18(infoId),
    sandboxName: stringField(record, 'SandboxName'),
    orgId: id18OrNull(stringField(record, 'SandboxOrganization')),
    sourceId: id18OrNull(stringField(record, 'SourceId')),
    status: stringField(record, 'Status'),
    endDate: dateTimeField(record, 'EndDate'),
    activatedDate: dateTimeField(record, 'ActivatedDate'),
    createdDate: dateTimeField(record, 'CreatedDate'),
  };
}

function copiedAt(row: ProcessRow): string | null {
  return row.endDate ?? row.activatedDate;
}

/** Latest Completed copy of each SandboxInfo that produced an org. */
function currentCopies(rows: ProcessRow[]): Map<string, ProcessRow> {
  const current = new Map<string, ProcessRow>();
  for (const row of rows) {
    if (row.status !== 'Completed' || row.orgId === null) continue;
    const seen = current.get(row.infoId);
    const key = (r: ProcessRow) => copiedAt(r) ?? r.createdDate ?? '';
    if (!seen || key(row) > key(seen)) current.set(row.infoId, row);
  }
  return current;
}

export function buildLineage(
  productionOrgId: string,
  infoRecords: SObjectRecord[],
  processRecords: SObjectRecord[],
): LineageResult {
  const infos = new Map<string, SObjectRecord>();
  for (const record of infoRecords) {
    const id = stringField(record, 'Id');
    if (id === null) throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', 'SandboxInfo record without Id');
    infos.set(toId18(id), record);
  }
  const rows = processRecords.map(toProcessRow).filter((r): r is ProcessRow => r !== null);
  const current = currentCopies(rows);

  const sandboxes: SandboxRecord[] = [];
  const unresolvedSources: LineageResult['unresolvedSources'] = [];
  for (const [infoId, copy] of current) {
    const info = infos.get(infoId);
    const name = (info && stringField(info, 'SandboxName')) ?? copy.sandboxName ?? infoId;
    const sourceId = copy.sourceId ?? (info ? id18OrNull(stringField(info, 'SourceId')) : null);
    let sourceOrgId: string | null = null;
    if (sourceId !== null) {
      sourceOrgId = isOrgId(sourceId) ? sourceId : (current.get(sourceId)?.orgId ?? null);
      if (sourceOrgId === null) unresolvedSources.push({ sandboxName: name, sourceId });
    }
    sandboxes.push({
      orgId: copy.orgId as string,
      status: info ? 'active' : 'deleted',
      licenseType: info ? stringField(info, 'LicenseType') : null,
      lineage: { name, sourceOrgId, productionOrgId, lastCopiedAt: copiedAt(copy) },
    });
  }
  sandboxes.sort((a, b) => a.lineage.name.localeCompare(b.lineage.name) || a.orgId.localeCompare(b.orgId));
  return { sandboxes, unresolvedSources };
}

/** Reads the production org's sandbox records; failures are recorded and yield no lineage. */
export async function readSandboxLineage(session: OrgSession, productionOrgId: string): Promise<LineageResult> {
  const infos = await session.attempt('tooling query SandboxInfo', () =>
    session.queryAll('tooling', SANDBOX_INFO_QUERY, 'tooling query SandboxInfo'),
  );
  if (infos === undefined) return { sandboxes: [], unresolvedSources: [] };
  const processes = await session.attempt('tooling query SandboxProcess', () =>
    session.queryAll('tooling', SANDBOX_PROCESS_QUERY, 'tooling query SandboxProcess'),
  );
  if (processes === undefined) return { sandboxes: [], unresolvedSources: [] };
  const result = buildLineage(productionOrgId, infos, processes);
  for (const { sandboxName, sourceId } of result.unresolvedSources) {
    session.recordError(
      'resolve sandbox source',
      new SalesforceResponseError(
        'SOURCE_NOT_FOUND',
        `sandbox ${sandboxName} was copied from ${sourceId}, which names no sandbox in the SandboxProcess history`,
      ),
    );
  }
  return result;
}

/** A sandbox that no longer exists, kept so the AWS resources it leaves behind can be flagged. */
export function deletedSandboxOrg(record: SandboxRecord): SalesforceOrg {
  return {
    id: record.orgId,
    name: record.lineage.name,
    kind: 'sandbox',
    environment: null,
    status: 'deleted',
    instanceUrl: null,
    sandbox: record.lineage,
    awsAccountKey: null,
    contactCenters: [],
  };
}
