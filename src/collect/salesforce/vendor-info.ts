/**
 * ConversationVendorInfo.AwsAccountKey (API 55.0+): the AWS account Salesforce provisioned for
 * Service Cloud Voice with Amazon Connect. An org without that licence does not know the object
 * (INVALID_TYPE) or the field (INVALID_FIELD): the key is then absent (null), which is not a
 * collection failure. Any other failure is.
 */
import type { ApiFailure } from './errors.js';
import { SalesforceResponseError, describeFailure } from './errors.js';
import { stringField, type RecordQuery } from './records.js';
import type { OrgSession } from './session.js';

export const VENDOR_INFO_QUERY: RecordQuery = { object: 'ConversationVendorInfo', fields: { Id: 'string', DeveloperName: 'string?', AwsAccountKey: 'string?' } };
const OPERATION = 'query ConversationVendorInfo';

export function isMissingVendorInfoLicence(failure: ApiFailure): boolean {
  if (failure.code === 'INVALID_TYPE') return /ConversationVendorInfo/.test(failure.message);
  if (failure.code === 'INVALID_FIELD') return /AwsAccountKey/.test(failure.message);
  return false;
}

export async function readAwsAccountKey(session: OrgSession): Promise<string | null> {
  let records;
  try {
    records = await session.queryAll('rest', VENDOR_INFO_QUERY, OPERATION);
  } catch (err) {
    if (!isMissingVendorInfoLicence(describeFailure(err))) session.recordError(OPERATION, err);
    return null;
  }
  const keys = [...new Set(records.map((r) => stringField(r, 'AwsAccountKey')).filter((k): k is string => k !== null))];
  if (keys.length <= 1) return keys[0] ?? null;
  // One org, one Salesforce-provisioned account: several keys cannot be represented faithfully.
  session.recordError(
    OPERATION,
    new SalesforceResponseError(
      'AMBIGUOUS_AWS_ACCOUNT_KEY',
      `ConversationVendorInfo records name ${keys.length} different AwsAccountKey values: ${keys.sort().join(', ')}`,
    ),
  );
  return null;
}
