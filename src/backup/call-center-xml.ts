/**
 * CallCenter definitions as Metadata API source files, the way `sf project retrieve` writes them
 * and `sf project deploy` / the Metadata API `deploy` call takes them back:
 * `callCenters/<fullName>.callCenter` (a `CallCenter` element in the metadata namespace, its
 * fields in the Metadata API's order: adapterUrl, customSettings, displayName, displayNameLabel,
 * internalNameLabel, sections[] with items[] {label, name, value}, version) plus a `package.xml`
 * naming them. `readCallCenterFile` reads such a file back into the definition the collector
 * reads from `readMetadata`, so `toContactCenter` gives the same contact center from either.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { ScvGuardError } from '../errors.js';
import type { CallCenterDefinition } from '../collect/salesforce/call-center-definition.js';
import { isRecord } from '../plain-objects.js';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
export const CALL_CENTER_FOLDER = 'callCenters';
export const CALL_CENTER_SUFFIX = '.callCenter';

/** The definition as the Metadata API returns it: labels beside names (the collector's type leaves them optional). */
export interface CallCenterMetadata extends CallCenterDefinition {
  adapterUrl?: string | null;
  displayNameLabel?: string | null;
  internalNameLabel?: string | null;
  version?: string | null;
  sections?: { name: string; label?: string | null; items?: { name: string; label?: string | null; value?: string | null }[] | null }[] | null;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const builder = new XMLBuilder({ format: true, indentBy: '    ', ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => name === 'sections' || name === 'items' });

/** Only the fields that are set, in the order given: the Metadata API omits absent optional fields. */
function present<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/** `callCenters/<fullName>.callCenter` of one definition. */
export function callCenterFileName(fullName: string): string {
  return `${CALL_CENTER_FOLDER}/${fullName}${CALL_CENTER_SUFFIX}`;
}

export function writeCallCenterFile(def: CallCenterMetadata): string {
  const sections = (def.sections ?? []).map((s) => ({
    items: (s.items ?? []).map((i) => present({ label: i.label, name: i.name, value: i.value ?? '' })),
    ...present({ label: s.label, name: s.name }),
  }));
  const body = present({
    '@_xmlns': METADATA_NAMESPACE,
    adapterUrl: def.adapterUrl,
    customSettings: def.customSettings,
    displayName: def.displayName,
    displayNameLabel: def.displayNameLabel,
    internalNameLabel: def.internalNameLabel,
    sections: sections.length > 0 ? sections : undefined,
    version: def.version,
  });
  return XML_DECLARATION + builder.build({ CallCenter: body });
}

/** A `package.xml` naming the call centers, for the Metadata API deploy. */
export function writePackageXml(fullNames: readonly string[], apiVersion: string): string {
  const types = fullNames.length > 0 ? { types: { members: [...fullNames].sort(), name: 'CallCenter' } } : {};
  return XML_DECLARATION + builder.build({ Package: { '@_xmlns': METADATA_NAMESPACE, ...types, version: apiVersion } });
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A `.callCenter` file back into its definition; `fullName` is the file's name. */
export function readCallCenterFile(xml: string, fullName: string, file: string): CallCenterMetadata {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new ScvGuardError('input-parse', `not XML: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  const root = isRecord(doc) ? doc.CallCenter : undefined;
  if (!isRecord(root)) throw new ScvGuardError('input-schema', 'expected a CallCenter element (Metadata API call center file)', { file });
  const sections = (Array.isArray(root.sections) ? root.sections : []).filter(isRecord).map((s) => {
    const name = text(s.name);
    if (name === undefined) throw new ScvGuardError('input-schema', 'a section without a name', { file });
    return {
      name,
      ...present({ label: text(s.label) }),
      items: (Array.isArray(s.items) ? s.items : []).filter(isRecord).map((i) => {
        const itemName = text(i.name);
        if (itemName === undefined) throw new ScvGuardError('input-schema', `an item without a name in section ${name}`, { file });
        return { name: itemName, value: text(i.value) ?? '', ...present({ label: text(i.label) }) };
      }),
    };
  });
  return {
    fullName,
    ...present({
      adapterUrl: text(root.adapterUrl),
      customSettings: text(root.customSettings),
      displayName: text(root.displayName),
      displayNameLabel: text(root.displayNameLabel),
      internalNameLabel: text(root.internalNameLabel),
      version: text(root.version),
    }),
    sections,
  };
}
