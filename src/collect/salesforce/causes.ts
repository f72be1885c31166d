/**
 * Why a Salesforce call failed and what to do about it, and which inventory sections the failed
 * operation would have filled in (one table, operation → sections). Used for every
 * `collection.errors` entry the Salesforce collector records.
 */
import type { SalesforceOrgConfig } from '../../config/types.js';
import { RECORD_SECTIONS } from '../../inventory/sections.js';
import type { CollectionErrorCause } from '../../inventory/types.js';
import { loginUrlOf } from './auth.js';
import type { ApiFailure } from './errors.js';

/** Operations as the collector names them → the sections they fill in. */
export const SALESFORCE_OPERATION_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  authenticate: [RECORD_SECTIONS.salesforce],
  'query Organization': [RECORD_SECTIONS.salesforce],
  'read ConversationVendorInfo': ['salesforce.awsAccountKey'],
  'query ConversationVendorInfo': ['salesforce.awsAccountKey'],
  'read contact centers': ['salesforce.contactCenters'],
  'query CallCenter': ['salesforce.contactCenters'],
  'metadata listMetadata CallCenter': ['salesforce.contactCenters'],
  // Recorded with the batch of names it read: `metadata readMetadata CallCenter (A, B)`.
  'metadata readMetadata CallCenter': ['salesforce.contactCenters'],
  'read sandbox lineage': ['salesforce.sandbox'],
  'build sandbox lineage': ['salesforce.sandbox'],
  'tooling query SandboxInfo': ['salesforce.sandbox'],
  'tooling query SandboxProcess': ['salesforce.sandbox'],
  'resolve sandbox source': ['salesforce.sandbox'],
};

/** The sections a failed operation leaves unread; one the table does not know leaves the org unread. */
export function salesforceSections(operation: string): string[] {
  const key = operation.replace(/ \(.*\)$/s, '');
  return [...(Object.hasOwn(SALESFORCE_OPERATION_SECTIONS, key) ? SALESFORCE_OPERATION_SECTIONS[key]! : [RECORD_SECTIONS.salesforce])];
}

const NETWORK = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPROTO|CERT_|UNABLE_TO_VERIFY|SELF_SIGNED|DEPTH_ZERO|UND_ERR|ERR_SOCKET|FetchError)/;
const THROTTLED = new Set(['REQUEST_LIMIT_EXCEEDED', 'ERROR_HTTP_429', 'TOO_MANY_REQUESTS']);
const DENIED = new Set(['INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'API_DISABLED_FOR_ORG', 'API_CURRENTLY_DISABLED', 'INVALID_TYPE', 'ERROR_HTTP_403', 'FUNCTIONALITY_NOT_ENABLED', 'INSUFFICIENT_PRIVILEGES']);
const INVALID_RESPONSE = /^(INVALID_.*_RESPONSE|INVALID_TOKEN_RESPONSE|UNEXPECTED_RESPONSE)$/;

/** The object an operation reads, for "give the user read access to X". */
function objectOf(operation: string): string {
  if (operation.includes('ConversationVendorInfo')) return 'ConversationVendorInfo';
  if (operation.includes('Sandbox') || operation.includes('lineage')) return 'SandboxInfo and SandboxProcess (Tooling API)';
  if (operation.includes('Organization')) return 'Organization';
  return 'CallCenter (and the Metadata API)';
}

function hostOf(org: SalesforceOrgConfig, failure: ApiFailure): string {
  const fromMessage = /(?:getaddrinfo \w+|connect \w+) ([\w.-]+)/.exec(failure.message)?.[1];
  if (fromMessage) return fromMessage;
  const url = org.auth.method === 'access-token' ? org.auth.instanceUrl : loginUrlOf(org);
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function authRemediation(org: SalesforceOrgConfig, failure: ApiFailure): string {
  const { code, message } = failure;
  const auth = org.auth;
  const text = `${code} ${message}`.toLowerCase();
  if (auth.method === 'access-token') {
    return 'The access token (auth.accessToken) is expired or not valid for auth.instanceUrl: supply a fresh one — an access token cannot be renewed; use jwt auth for unattended scans.';
  }
  if (code === 'PRIVATE_KEY_UNREADABLE' || code === 'ERR_OSSL_UNSUPPORTED' || /private key|pem|asn1|decoder/.test(text)) {
    return auth.method === 'jwt'
      ? `The private key file ${auth.privateKeyFile} (auth.privateKeyFile) could not be read or used: check the path, its permissions and that it holds the PEM RSA private key of the certificate uploaded to the connected app.`
      : 'The private key could not be read.';
  }
  if (/invalid_client_id|invalid_client\b|client identifier invalid/.test(text)) {
    return `The connected app's consumer key (auth.clientId) is not known at ${loginUrlOf(org)}: copy the Consumer Key of the connected app${auth.method === 'refresh-token' ? ' (and its secret)' : ''} and check loginUrl points at the org's login server.`;
  }
  if (/approved|pre-?authori[sz]ed/.test(text)) {
    return `${auth.method === 'jwt' ? `User ${auth.username}` : 'The user'} is not pre-authorised for the connected app: set its Permitted Users to "Admin approved users are pre-authorized" and give the user's profile or a permission set access to the app.`;
  }
  if (auth.method === 'refresh-token') {
    return 'The refresh token (auth.refreshToken) was refused — expired, revoked, or issued to another connected app: authorise the connected app again and set the new token.';
  }
  return `The JWT bearer login was refused: check that the certificate uploaded to the connected app matches auth.privateKeyFile, that user ${auth.username} exists in this org and is pre-authorised for the app, and that loginUrl is login.salesforce.com, test.salesforce.com or the org's My Domain.`;
}

export interface SalesforceClassification {
  cause: CollectionErrorCause;
  remediation: string;
}

export function classifySalesforceError(operation: string, failure: ApiFailure, org: SalesforceOrgConfig): SalesforceClassification {
  const { code, message } = failure;
  if (code === 'RequestTimeout') {
    return { cause: 'network', remediation: `${hostOf(org, failure)} did not answer in time: check the network path, or raise salesforce.timeouts.requestMs if the org is slow, and scan again.` };
  }
  if (code === 'CollectionDeadlineExceeded') {
    return { cause: 'network', remediation: 'The collection ran past its time limit before this call: raise salesforce.timeouts.collectionMs, or scan fewer orgs at once, and scan again.' };
  }
  if (NETWORK.test(code) || /getaddrinfo|socket hang up|ECONNREFUSED|ETIMEDOUT|fetch failed/i.test(message)) {
    return { cause: 'network', remediation: `Could not reach ${hostOf(org, failure)}: check loginUrl/instanceUrl, DNS, the proxy and network access, and scan again.` };
  }
  if (operation === 'authenticate') return { cause: 'session', remediation: authRemediation(org, failure) };
  if (code === 'INVALID_SESSION_ID' || code === 'ERROR_HTTP_401') {
    return { cause: 'session', remediation: 'The session expired or was revoked and could not be renewed: check the connected app\'s session policies (timeout, IP restrictions) and scan again.' };
  }
  if (THROTTLED.has(code)) {
    return { cause: 'throttled', remediation: "The org's API request limit is used up: scan when the 24-hour limit has room again, or raise the org's API allocation." };
  }
  if (DENIED.has(code)) {
    const user = org.auth.method === 'jwt' ? `user ${org.auth.username}` : 'the scanner user';
    return { cause: 'access-denied', remediation: `Give ${user} the "API Enabled" and "View Setup and Configuration" permissions and read access to ${objectOf(operation)}.` };
  }
  if (code === 'NOT_A_PRODUCTION_ORG') {
    return { cause: 'other', remediation: 'The org is not a production org: remove `production: true` from its config entry (sandbox lineage is read from the production org).' };
  }
  if (code === 'DEFINITION_NOT_FOUND') {
    return {
      cause: 'not-found',
      remediation:
        "The org has this CallCenter record, but the Metadata API returned no CallCenter definition of that name, so its contact center is left out: if the call center was deleted or renamed while the scan ran, scan again; if 'metadata listMetadata CallCenter' failed too, the definition was looked up by InternalName, which is not its metadata name when a managed package's namespace prefixes it — mend that error first.",
    };
  }
  if (code === 'INVALID_FIELD') {
    const user = org.auth.method === 'jwt' ? `user ${org.auth.username}` : 'the scanner user';
    return {
      cause: 'access-denied',
      remediation: `A field the query selects is not visible: give ${user} read access (field-level security) to the fields of ${objectOf(operation)}, and check that salesforce.apiVersion is one where the field exists.`,
    };
  }
  if (code === 'SERVER_UNAVAILABLE' || code === 'ERROR_HTTP_503') {
    return { cause: 'other', remediation: `Salesforce answered that ${hostOf(org, failure)} is unavailable (maintenance or an incident): check status.salesforce.com for the org's instance and scan again.` };
  }
  if (code === 'INVALID_ID') {
    return { cause: 'invalid-response', remediation: 'Salesforce answered with a record id that is not a 15- or 18-character id; the record stays unknown. Report it with the API version in use.' };
  }
  if (INVALID_RESPONSE.test(code)) {
    return { cause: 'invalid-response', remediation: 'The response was not what Salesforce documents; the field stays unknown. Report it with the API version in use.' };
  }
  return { cause: 'other', remediation: 'An unexpected error; scan again, and report it with the code if it persists.' };
}
