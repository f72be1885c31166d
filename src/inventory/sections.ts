/**
 * Inventory sections: the names rules use in METADATA `custom.inputs` and collection errors use
 * in `sections` to say what a failed call would have filled in.
 *
 * A section is the path of a field below a Salesforce org (`salesforce.<field>`) or an AWS
 * account (`aws.<field>`, `aws.connectInstances.<field>`, ...), array levels left out, plus
 * `salesforce.orgs` and `aws.accounts` for the records themselves, `collection.errors` and
 * `collection.sources`, and `scanner.waivers` (the config's waivers, handed to the policies as
 * `data.scanner.waivers`). The valid names are derived from the inventory JSON Schema, so an
 * input can only name something the inventory can hold.
 */
import { inventorySchema } from './schema.js';
import type { CollectionError, Inventory } from './types.js';

/** The source a section belongs to: the first part of its name. */
export const SECTION_ROOTS = ['aws', 'salesforce', 'collection', 'scanner'] as const;
export type SectionRoot = (typeof SECTION_ROOTS)[number];

/** The section naming the records of a source: an error there leaves every section of that source unread. */
export const RECORD_SECTIONS: Readonly<Record<'aws' | 'salesforce', string>> = {
  aws: 'aws.accounts',
  salesforce: 'salesforce.orgs',
};

/** Sections that are not below an org or account. */
const TOP_LEVEL_SECTIONS = ['aws.accounts', 'salesforce.orgs', 'collection.errors', 'collection.sources', 'scanner.waivers'];

type Schema = Record<string, unknown>;

function properties(schema: Schema | undefined): Record<string, Schema> | undefined {
  if (!schema) return undefined;
  if (schema.type === 'array') return properties(schema.items as Schema | undefined);
  return schema.type === 'object' ? (schema.properties as Record<string, Schema> | undefined) : undefined;
}

/** Every field path below `schema`, array levels left out, prefixed with `prefix`. */
function fieldPaths(schema: Schema | undefined, prefix: string, out: Set<string>): void {
  for (const [key, child] of Object.entries(properties(schema) ?? {})) {
    const path = `${prefix}.${key}`;
    out.add(path);
    fieldPaths(child, path, out);
  }
}

let known: ReadonlySet<string> | undefined;

/** Every valid section name, from the inventory schema. */
export function knownSections(): ReadonlySet<string> {
  if (known) return known;
  const top = properties(inventorySchema)!;
  const out = new Set<string>(TOP_LEVEL_SECTIONS);
  fieldPaths(properties(top['salesforce'])!['orgs'], 'salesforce', out);
  fieldPaths(properties(top['aws'])!['accounts'], 'aws', out);
  known = out;
  return out;
}

export function isKnownSection(name: string): boolean {
  return knownSections().has(name);
}

export function sectionRoot(section: string): SectionRoot {
  const root = section.split('.')[0];
  if (!(SECTION_ROOTS as readonly string[]).includes(root ?? '')) throw new Error(`not a section name: ${section}`);
  return root as SectionRoot;
}

/**
 * Whether a failed read of `failed` leaves `input` incomplete: the same section, a section
 * below it (`aws.connectInstances` covers `aws.connectInstances.flows`), or the records of the
 * source (`aws.accounts` covers every `aws.` section).
 */
export function sectionCovers(failed: string, input: string): boolean {
  if (failed === input || input.startsWith(`${failed}.`)) return true;
  return Object.entries(RECORD_SECTIONS).some(([root, records]) => failed === records && input.startsWith(`${root}.`));
}

/**
 * The sections a collection error leaves unread. An error that names none (inventories written
 * before errors named their sections, or a source that cannot say) leaves its whole source unread.
 */
export function errorSections(error: CollectionError): readonly string[] {
  if (error.sections && error.sections.length > 0) return error.sections;
  return error.source === 'file' ? [RECORD_SECTIONS.aws, RECORD_SECTIONS.salesforce] : [RECORD_SECTIONS[error.source]];
}

/** Whether a collection error leaves any of `inputs` unread. */
export function errorAffects(error: CollectionError, inputs: readonly string[]): boolean {
  return errorSections(error).some((failed) => inputs.some((input) => sectionCovers(failed, input)));
}

/** What the inventory holds of each source: records of orgs, accounts, collection entries; waivers given. */
export interface SourceCounts {
  aws: number;
  salesforce: number;
  collection: number;
  scanner: number;
}

export function sourceCounts(inventory: Inventory, waiverCount: number): SourceCounts {
  return {
    aws: inventory.aws.accounts.length,
    salesforce: inventory.salesforce.orgs.length,
    collection: inventory.collection.sources.length + inventory.collection.errors.length,
    scanner: waiverCount,
  };
}

/** Human names of the sources, for "no AWS account in this scan". */
export const SOURCE_RECORD_NAMES: Readonly<Record<SectionRoot, string>> = {
  aws: 'AWS account',
  salesforce: 'Salesforce org',
  collection: 'collected source',
  scanner: 'waiver',
};
