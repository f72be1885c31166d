/** The SOQL queries the collector sends, the shape of the records they return, and typed reads of their fields. */
import { breach, isObject, kindOf, parseDateText, type FieldSpecs } from '../shape.js';
import { SalesforceResponseError } from './errors.js';

export type SObjectRecord = Record<string, unknown>;

/** One object's query: the fields it selects are the fields each record must hold (`?`: may be null). */
export interface RecordQuery {
  object: string;
  fields: FieldSpecs;
}

export function soqlOf(query: RecordQuery): string {
  return `SELECT ${Object.keys(query.fields).join(', ')} FROM ${query.object}`;
}

/**
 * The records of a query answer, each checked against the query's fields: a record that is not
 * an object, lacks a required field or holds a field of another type makes the answer invalid
 * (INVALID_QUERY_RESPONSE, cause invalid-response) — never a record read as if the field were empty.
 */
export function checkedRecords(operation: string, query: RecordQuery, records: readonly unknown[]): SObjectRecord[] {
  records.forEach((record, i) => {
    const where = `${operation} answered with ${query.object} record ${i + 1}`;
    if (!isObject(record)) throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', `${where} that is ${kindOf(record)}, not an object`);
    const b = breach(record, query.fields);
    if (b) throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', b.missing ? `${where} without ${b.path}` : `${where} whose ${b.path} is ${b.found}, not ${b.expected}`);
  });
  return records as SObjectRecord[];
}

export function stringField(record: SObjectRecord, name: string): string | null {
  const value = record[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function booleanField(record: SObjectRecord, name: string): boolean | null {
  const value = record[name];
  return typeof value === 'boolean' ? value : null;
}

/**
 * A date/dateTime field as RFC 3339 UTC. Salesforce writes `2024-03-01T10:00:00.000+0000`
 * (offset without a colon), which is not RFC 3339 as it stands. Null only when the field is null
 * (not known): the query declares the field `date-text?`, so `checkedRecords` has already refused
 * a record whose value is present but no date — this throws if a caller skipped that check.
 */
export function dateTimeField(record: SObjectRecord, name: string): string | null {
  const value = stringField(record, name);
  if (value === null) return null;
  const ms = parseDateText(value);
  if (ms === null) throw new SalesforceResponseError('INVALID_QUERY_RESPONSE', `a record's ${name} is not a date or date-time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}
