/**
 * Metadata API SOAP envelopes as Salesforce writes them (readMetadata, listMetadata, faults),
 * and parsing of the requests jsforce sends.
 */
import { XMLParser } from 'fast-xml-parser';
import type { CallCenterDefinitionFixture } from './fixture.js';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

export interface MetadataRequest {
  sessionId: string | null;
  operation: string;
  /** readMetadata: type + fullNames; listMetadata: queries[].type. */
  type: string | null;
  fullNames: string[];
  listTypes: string[];
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'fullNames' || name === 'queries',
});

export function parseMetadataRequest(xml: string): MetadataRequest {
  const doc = parser.parse(xml) as Record<string, any>;
  const envelope = doc.Envelope ?? {};
  const sessionId = envelope.Header?.SessionHeader?.sessionId ?? null;
  const body = envelope.Body ?? {};
  const operation = Object.keys(body)[0] ?? '';
  const call = body[operation] ?? {};
  return {
    sessionId: typeof sessionId === 'string' ? sessionId : null,
    operation,
    type: typeof call.type === 'string' ? call.type : null,
    fullNames: (call.fullNames ?? []).map(String),
    listTypes: (call.queries ?? []).map((q: Record<string, unknown>) => String(q.type)),
  };
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="${METADATA_NS}"` +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

export function faultEnvelope(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="${METADATA_NS}">` +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}

export function listMetadataEnvelope(defs: CallCenterDefinitionFixture[]): string {
  const results = defs
    .map((d) => {
      const created = new Date(Date.parse(d.createdDate)).toISOString();
      return (
        '<result>' +
        '<createdById>0055g00000AdminAAA</createdById><createdByName>Admin User</createdByName>' +
        `<createdDate>${created}</createdDate>` +
        `<fileName>callCenters/${escapeXml(d.fullName)}.callCenter</fileName>` +
        `<fullName>${escapeXml(d.fullName)}</fullName><id>${d.id}</id>` +
        '<lastModifiedById>0055g00000AdminAAA</lastModifiedById><lastModifiedByName>Admin User</lastModifiedByName>' +
        `<lastModifiedDate>${created}</lastModifiedDate>` +
        '<manageableState>unmanaged</manageableState><type>CallCenter</type>' +
        '</result>'
      );
    })
    .join('');
  return envelope(`<listMetadataResponse>${results}</listMetadataResponse>`);
}

function callCenterRecord(d: CallCenterDefinitionFixture): string {
  const optional = (tag: string, value: string | undefined) =>
    value === undefined ? '' : `<${tag}>${escapeXml(value)}</${tag}>`;
  const sections = d.sections
    .map(
      (s) =>
        '<sections>' +
        s.items
          .map(
            (i) =>
              `<items><label>${escapeXml(i.label)}</label><name>${escapeXml(i.name)}</name><value>${escapeXml(i.value)}</value></items>`,
          )
          .join('') +
        `<label>${escapeXml(s.label)}</label><name>${escapeXml(s.name)}</name></sections>`,
    )
    .join('');
  return (
    '<records xsi:type="CallCenter">' +
    `<fullName>${escapeXml(d.fullName)}</fullName>` +
    optional('adapterUrl', d.adapterUrl) +
    optional('customSettings', d.customSettings) +
    `<displayName>${escapeXml(d.displayName)}</displayName>` +
    '<displayNameLabel>Display Name</displayNameLabel><internalNameLabel>Internal Name</internalNameLabel>' +
    sections +
    optional('version', d.version) +
    '</records>'
  );
}

export function readMetadataEnvelope(defs: CallCenterDefinitionFixture[]): string {
  return envelope(`<readMetadataResponse><result>${defs.map(callCenterRecord).join('')}</result></readMetadataResponse>`);
}
