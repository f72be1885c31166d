/**
 * Contact centers of an org: CallCenter sObject rows (Id, Name, InternalName, CreatedDate) joined
 * with their Metadata API definitions. Names come from listMetadata(CallCenter) and from the
 * rows' InternalName (so a failed list still reads what the rows name); definitions are read
 * with readMetadata in batches of 10, the most one call accepts. A failed batch is a collection
 * error and its call centers are left out; the rest are still read.
 */
import type { ContactCenter } from '../../inventory/types.js';
import { SalesforceResponseError } from './errors.js';
import { sameId, toId18 } from './ids.js';
import { dateTimeField, stringField, type RecordQuery } from './records.js';
import type { OrgSession } from './session.js';
import { definitionProblem, toContactCenter, type CallCenterDefinition, type CallCenterRow } from './call-center-definition.js';
import { entryBreach, isObject, kindOf, type FieldSpecs } from '../shape.js';

export const CALL_CENTER_QUERY: RecordQuery = { object: 'CallCenter', fields: { Id: 'string', Name: 'string?', InternalName: 'string', CreatedDate: 'date-text?' } };
export const READ_METADATA_BATCH = 10;
const LISTED_SHAPE: FieldSpecs = { fullName: 'name', id: 'string?' };

interface ListedCallCenter {
  fullName: string;
  id: string | null;
}

function toRow(record: Record<string, unknown>): CallCenterRow {
  const id = stringField(record, 'Id');
  const internalName = stringField(record, 'InternalName');
  if (id === null || internalName === null) {
    throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', 'CallCenter record without Id or InternalName');
  }
  return { id: toId18(id), name: stringField(record, 'Name') ?? internalName, internalName, createdAt: dateTimeField(record, 'CreatedDate') };
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A call center as read: its sObject row, its Metadata API definition, and the contact center it is (null: not SCV). */
export interface ReadCallCenter {
  row: CallCenterRow;
  definition: CallCenterDefinition;
  contactCenter: ContactCenter | null;
}

/** The org's SCV contact centers, sorted by internal name. */
export async function readContactCenters(session: OrgSession): Promise<ContactCenter[]> {
  return (await readCallCenters(session))
    .flatMap((c) => (c.contactCenter !== null ? [c.contactCenter] : []))
    .sort((a, b) => a.internalName.localeCompare(b.internalName));
}

/** Every call center of the org with its definition (`scv-guard backup` writes the definitions). */
export async function readCallCenters(session: OrgSession): Promise<ReadCallCenter[]> {
  const records = await session.attempt('query CallCenter', () => session.queryAll('rest', CALL_CENTER_QUERY, 'query CallCenter'));
  if (records === undefined) return [];
  let rows: CallCenterRow[];
  try {
    rows = records.map(toRow);
  } catch (err) {
    session.recordError('query CallCenter', err);
    return [];
  }
  if (rows.length === 0) return [];

  const listed =
    (await session.attempt('metadata listMetadata CallCenter', async (conn) => {
      const props: unknown = await conn.metadata.list([{ type: 'CallCenter' }]);
      if (!Array.isArray(props)) throw new SalesforceResponseError('INVALID_METADATA_RESPONSE', `listMetadata answered with ${kindOf(props)}, not a list`);
      return props.map((p, i): ListedCallCenter => {
        const problem = entryBreach(p, LISTED_SHAPE);
        if (problem !== null) throw new SalesforceResponseError('INVALID_METADATA_RESPONSE', `listMetadata answered with entry ${i + 1} ${problem}`);
        const { fullName, id } = p as { fullName: string; id?: string | null };
        return { fullName, id: id ? id : null };
      });
    })) ?? [];

  // The metadata fullName of a call center is its InternalName; listMetadata also gives its id.
  const fullNameOf = new Map<string, string>();
  for (const row of rows) {
    const byId = listed.find((l) => l.id !== null && sameId(l.id, row.id));
    fullNameOf.set(row.id, byId?.fullName ?? row.internalName);
  }
  const fullNames = [...new Set(fullNameOf.values())].sort();

  const definitions = new Map<string, CallCenterDefinition>();
  const unread = new Set<string>();
  for (const batch of batches(fullNames, READ_METADATA_BATCH)) {
    const operation = `metadata readMetadata CallCenter (${batch.join(', ')})`;
    const read = await session.attempt(operation, async (conn): Promise<unknown> => await conn.metadata.read('CallCenter', batch));
    if (read === undefined || !Array.isArray(read)) {
      if (read !== undefined) session.recordError(operation, new SalesforceResponseError('INVALID_METADATA_RESPONSE', `readMetadata answered with ${kindOf(read)}, not a list`));
      batch.forEach((name) => unread.add(name));
      continue;
    }
    for (const def of read as unknown[]) {
      // A record without a fullName is Salesforce's answer for a name it does not know (recorded below as not found).
      if (!isObject(def) || def.fullName === undefined || def.fullName === null || def.fullName === '') continue;
      const problem = definitionProblem(def);
      if (problem === null) {
        definitions.set(def.fullName as string, def as unknown as CallCenterDefinition);
        continue;
      }
      const name = String(def.fullName);
      unread.add(name);
      session.recordError(operation, new SalesforceResponseError('INVALID_METADATA_RESPONSE', `readMetadata answered with the CallCenter definition ${name} ${problem}`));
    }
  }

  const centers: ReadCallCenter[] = [];
  for (const row of rows) {
    const fullName = fullNameOf.get(row.id) as string;
    const def = definitions.get(fullName);
    if (def === undefined) {
      if (!unread.has(fullName)) {
        session.recordError(
          'metadata readMetadata CallCenter',
          new SalesforceResponseError('DEFINITION_NOT_FOUND', `no CallCenter definition returned for ${fullName} (${row.id})`),
        );
      }
      continue;
    }
    let contactCenter: ContactCenter | null;
    try {
      contactCenter = toContactCenter(row, def);
    } catch (err) {
      // A definition whose customSettings cannot be read: left out like an unread one, with its error.
      session.recordError('metadata readMetadata CallCenter', err);
      continue;
    }
    centers.push({ row, definition: def, contactCenter });
  }
  return centers;
}
