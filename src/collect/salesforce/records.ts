/** Typed reads of fields from the loosely typed records SOQL returns. */
export type SObjectRecord = Record<string, unknown>;

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
 * (offset without a colon), which is not RFC 3339 as it stands.
 */
export function dateTimeField(record: SObjectRecord, name: string): string | null {
  const value = stringField(record, name);
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
