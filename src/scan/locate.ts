/**
 * Where each finding is shown. Finalizing gives the declarations (plan, template and flow entries
 * the finding is about) and the rule; this adds, in order of preference, the config entry of the
 * AWS account or Salesforce org the resource (then its related resources) belongs to, the
 * resource's entry in an inventory file, and the start of the scan's input files. Every path
 * becomes absolute (resolved against the working directory), so reports can make it relative to
 * the scan's root, and SARIF can pick the first place under it.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Finding, FindingLocation, ResourceRef } from '../findings/model.js';
import { inventoryEntryPositions, type TextPosition } from '../inventory/positions.js';
import type { Inventory } from '../inventory/types.js';
import { getOwn } from '../own-properties.js';

/** Config entries by what they configure: `aws.accounts[]` by account id, `salesforce.orgs[]` by alias. */
export interface ConfigEntries {
  file: string;
  awsAccounts: Record<string, TextPosition>;
  salesforceOrgs: Record<string, TextPosition>;
}

export interface LocatingInputs {
  /** Directory relative paths are resolved against (the working directory). */
  cwd: string;
  config?: ConfigEntries;
  /** Inventory files read by the scan. */
  inventoryFiles: readonly string[];
  /** Other input files (plans, templates), each a last resort as a whole. */
  inputFiles: readonly string[];
}

interface Owner {
  account?: string;
  org?: string;
}

/** Resource key (ARN, id, name, org and contact center id) → the account or org it belongs to. */
function ownerIndex(inventory: Inventory): Map<string, Owner> {
  const out = new Map<string, Owner>();
  const add = (owner: Owner, ...keys: unknown[]): void => {
    for (const k of keys) if (typeof k === 'string' && k !== '' && !out.has(k)) out.set(k, owner);
  };
  for (const org of inventory.salesforce.orgs) {
    add({ org: org.id }, org.id);
    for (const cc of org.contactCenters) add({ org: org.id }, cc.id);
  }
  for (const account of inventory.aws.accounts) {
    const owner = { account: account.id };
    add(owner, account.id);
    for (const list of Object.values(account)) {
      if (!Array.isArray(list)) continue;
      for (const entry of list as unknown[]) {
        if (entry === null || typeof entry !== 'object') continue;
        const r = entry as Record<string, unknown>;
        add(owner, r.arn, r.id, r.name);
        if (Array.isArray(r.flows)) for (const f of r.flows as Record<string, unknown>[]) add(owner, f.arn, f.id);
      }
    }
  }
  return out;
}

/** Org id → config alias, from the collection sources (`alias/orgId`) the Salesforce collector writes. */
function orgAliases(inventory: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of inventory.collection.sources) {
    if (source.kind !== 'salesforce') continue;
    const m = /^(.+)\/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)$/.exec(source.target);
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

const keyOf = (l: FindingLocation): string => `${l.file}\u0000${l.line}\u0000${l.column ?? ''}`;

export async function locateFindings(findings: Finding[], inventory: Inventory, inputs: LocatingInputs): Promise<Finding[]> {
  const abs = (file: string): string => resolve(inputs.cwd, file);
  const owners = ownerIndex(inventory);
  const aliases = orgAliases(inventory);
  const entries: { file: string; positions: Map<string, TextPosition> }[] = [];
  for (const file of inputs.inventoryFiles) {
    // The loader has read and validated it already; a file gone since has nothing to point at.
    const text = await readFile(abs(file), 'utf8').catch(() => null);
    if (text !== null) entries.push({ file: abs(file), positions: inventoryEntryPositions(text) });
  }
  const inputStarts: FindingLocation[] = [
    ...(inputs.config ? [inputs.config.file] : []),
    ...inputs.inventoryFiles,
    ...inputs.inputFiles,
  ].map((file) => ({ file: abs(file), line: 1, kind: 'input' }));

  const configEntry = (ref: ResourceRef): FindingLocation | null => {
    const config = inputs.config;
    if (!config) return null;
    const owner = owners.get(ref.arn ?? ref.id) ?? owners.get(ref.id);
    const pos = owner?.account !== undefined ? config.awsAccounts[owner.account] : owner?.org !== undefined ? (getOwn(config.salesforceOrgs, aliases.get(owner.org) ?? '') as TextPosition | undefined) : undefined;
    return pos ? { file: abs(config.file), line: pos.line, column: pos.column, kind: 'config' } : null;
  };
  const inventoryEntry = (ref: ResourceRef): FindingLocation | null => {
    for (const e of entries) {
      const pos = e.positions.get(ref.arn ?? ref.id) ?? e.positions.get(ref.id);
      if (pos) return { file: e.file, line: pos.line, column: pos.column, kind: 'inventory' };
    }
    return null;
  };

  return findings.map((finding) => {
    const given = finding.locations ?? [{ ...finding.location, kind: finding.locationIsResource ? 'declaration' : 'rule' }];
    const declarations = given.filter((l) => l.kind === 'declaration');
    const rest = given.filter((l) => l.kind !== 'declaration');
    const refs = [finding.resource, ...finding.related];
    const candidates: (FindingLocation | null)[] = [
      ...declarations,
      ...refs.map(configEntry),
      ...refs.map(inventoryEntry),
      ...inputStarts,
      ...rest,
    ];
    const seen = new Set<string>();
    const locations: FindingLocation[] = [];
    for (const c of candidates) {
      if (c === null) continue;
      const loc: FindingLocation = { ...c, file: abs(c.file) };
      if (loc.column === undefined) delete loc.column;
      if (seen.has(keyOf(loc))) continue;
      seen.add(keyOf(loc));
      locations.push(loc);
    }
    const [first] = locations;
    const location = first ? { file: first.file, line: first.line, ...(first.column !== undefined ? { column: first.column } : {}) } : finding.location;
    return { ...finding, location, locations };
  });
}
