/**
 * Merging partial inventories (sharded collection, plan and flow files) into one.
 *
 * - Lists of resources are unioned by identity (org id, account id, ARN, name, ...), nested too:
 *   the same account from two partials becomes one account whose instances, roles and buckets are
 *   the union of both.
 * - The same field with two different values is a conflict: ScvGuardError
 *   `inventory-merge-conflict` naming both files and the path. `null` means "not known" (DESIGN.md),
 *   so a value and `null` merge to the value.
 * - Policy documents and origins are compared whole, never merged statement by statement.
 * - environments are unioned by name (a different tier is a conflict), collection sources and
 *   errors are concatenated, and generatedAt is the latest of the parts.
 */
import { isDeepStrictEqual } from 'node:util';
import { ScvGuardError } from '../errors.js';
import { getOwn, setOwn } from '../own-properties.js';
import { emptyInventory, INVENTORY_SCHEMA_VERSION, type Inventory } from './types.js';
import { jsonPath } from './validate.js';

export interface InventoryPart {
  file: string;
  inventory: Inventory;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

/** How the values at one place of the inventory merge. */
type MergeSpec =
  | { kind: 'atomic' }
  | { kind: 'object'; fields: Record<string, MergeSpec> }
  /** Items with the same key merge; the key field names the item in paths. */
  | { kind: 'keyed'; keyField: string; key: (item: JsonObject) => string; item: MergeSpec }
  /** Items are values: the union, without duplicates. */
  | { kind: 'set' }
  | { kind: 'concat' };

const atomic: MergeSpec = { kind: 'atomic' };
const set: MergeSpec = { kind: 'set' };
const obj = (fields: Record<string, MergeSpec> = {}): MergeSpec => ({ kind: 'object', fields });
const keyedBy = (keyField: string, item: MergeSpec = obj()): MergeSpec => ({
  kind: 'keyed',
  keyField,
  key: (i) => String(i[keyField]),
  item,
});

const withOrigin = (fields: Record<string, MergeSpec> = {}): MergeSpec => obj({ origin: atomic, ...fields });

const SPEC: MergeSpec = obj({
  environments: keyedBy('name'),
  salesforce: obj({
    orgs: keyedBy('id', withOrigin({ contactCenters: keyedBy('id', withOrigin()), sandbox: obj() })),
  }),
  aws: obj({
    accounts: keyedBy(
      'id',
      obj({
        connectInstances: keyedBy(
          'arn',
          withOrigin({
            storage: {
              kind: 'keyed',
              keyField: 'resourceType',
              key: (s) => JSON.stringify([s.resourceType, s.storageType, (s.s3 as JsonObject | null)?.bucket ?? null, s.streamArn]),
              item: withOrigin(),
            },
            flows: keyedBy('id', withOrigin({ references: set, secrets: set })),
            lambdaFunctions: set,
            phoneNumbers: keyedBy('number'),
            integrations: set,
            approvedOrigins: set,
          }),
        ),
        iamRoles: keyedBy('arn', withOrigin({ trustPolicy: atomic })),
        s3Buckets: keyedBy('arn', withOrigin({ policy: atomic, acl: atomic })),
        kinesisStreams: keyedBy('arn', withOrigin()),
        cloudTrail: obj({ trails: keyedBy('name') }),
        cloudFormationStacks: keyedBy('id', withOrigin({ parameters: atomic, outputs: atomic })),
        lambdaFunctions: keyedBy('arn', withOrigin({ variables: atomic })),
        samlProviders: keyedBy('arn', withOrigin()),
        kmsKeys: keyedBy('arn', withOrigin({ referencedAs: set, policy: atomic })),
        firehoseStreams: keyedBy('arn', withOrigin({ destinations: set })),
        s3PublicAccessBlock: atomic,
      }),
    ),
  }),
  collection: obj({ sources: { kind: 'concat' }, errors: { kind: 'concat' } }),
});

/** One step of a path: a field, or the item of a keyed list with the given key. */
type Step = { field: string } | { keyField: string; key: string; keyOf: (item: JsonObject) => string };

export function mergeInventories(parts: InventoryPart[]): Inventory {
  if (parts.length === 0) return emptyInventory();
  const merged = structuredClone(parts[0]!.inventory) as unknown as JsonObject;
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i]!.inventory as unknown as JsonObject;
    for (const [field, spec] of Object.entries((SPEC as { fields: Record<string, MergeSpec> }).fields)) {
      merged[field] = mergeValue(merged[field], next[field], spec, [{ field }], { parts, index: i });
    }
  }
  const result = merged as unknown as Inventory;
  result.schemaVersion = INVENTORY_SCHEMA_VERSION;
  result.generatedAt = latest(parts.map((p) => p.inventory.generatedAt));
  return result;
}

interface MergeContext {
  parts: InventoryPart[];
  /** Index of the part being merged into the result of the parts before it. */
  index: number;
}

function mergeValue(current: Json, incoming: Json, spec: MergeSpec, path: Step[], ctx: MergeContext): Json {
  if (incoming === undefined || incoming === null) return current;
  if (current === undefined || current === null) return structuredClone(incoming);
  switch (spec.kind) {
    case 'atomic':
      if (!isDeepStrictEqual(current, incoming)) throw conflict(current, incoming, path, ctx);
      return current;
    case 'object':
      if (!isPlainObject(current) || !isPlainObject(incoming)) return mergeValue(current, incoming, atomic, path, ctx);
      // Field names of open objects (tags, attributes) come from the input: only own properties
      // are read and written, so `__proto__` or `constructor` is a tag like any other.
      for (const [field, value] of Object.entries(incoming)) {
        const fieldSpec = (getOwn(spec.fields, field) as MergeSpec | undefined) ?? (isPlainObject(value) ? obj() : Array.isArray(value) ? set : atomic);
        setOwn(current, field, mergeValue(getOwn(current, field), value, fieldSpec, [...path, { field }], ctx));
      }
      return current;
    case 'keyed': {
      if (!Array.isArray(current) || !Array.isArray(incoming)) return mergeValue(current, incoming, atomic, path, ctx);
      const byKey = new Map<string, number>();
      current.forEach((item, i) => byKey.set(spec.key(item as JsonObject), i));
      for (const item of incoming as JsonObject[]) {
        const key = spec.key(item);
        const at = byKey.get(key);
        if (at === undefined) {
          byKey.set(key, current.length);
          current.push(structuredClone(item));
        } else {
          current[at] = mergeValue(current[at], item, spec.item, [...path, { keyField: spec.keyField, key, keyOf: spec.key }], ctx);
        }
      }
      return current;
    }
    case 'set': {
      if (!Array.isArray(current) || !Array.isArray(incoming)) return mergeValue(current, incoming, atomic, path, ctx);
      for (const item of incoming) {
        if (!current.some((c) => isDeepStrictEqual(c, item))) current.push(structuredClone(item));
      }
      return current;
    }
    case 'concat':
      if (!Array.isArray(current) || !Array.isArray(incoming)) return mergeValue(current, incoming, atomic, path, ctx);
      return [...current, ...structuredClone(incoming)];
  }
}

function conflict(current: Json, incoming: Json, path: Step[], ctx: MergeContext): ScvGuardError {
  const incomingFile = ctx.parts[ctx.index]!.file;
  // The earlier part that holds the value the merge result has at this path.
  const earlier = ctx.parts.slice(0, ctx.index).find((p) => isDeepStrictEqual(lookup(p.inventory, path), current));
  const currentFile = earlier?.file ?? ctx.parts[0]!.file;
  return new ScvGuardError(
    'inventory-merge-conflict',
    `conflicting values: ${show(current)} in ${currentFile} but ${show(incoming)} in ${incomingFile}`,
    { path: describePath(path) },
  );
}

function lookup(root: unknown, path: Step[]): Json {
  let node: Json = root;
  for (const step of path) {
    if ('field' in step) {
      node = isPlainObject(node) ? getOwn(node, step.field) : undefined;
    } else {
      node = Array.isArray(node) ? node.find((item) => isPlainObject(item) && step.keyOf(item) === step.key) : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** `$.aws.accounts[?(@.id=="111111111111")].s3Buckets[?(@.arn=="arn:aws:s3:::b")].versioning` */
function describePath(path: Step[]): string {
  let out = '';
  for (const step of path) {
    if ('field' in step) {
      out += jsonPath([step.field]).slice(1);
    } else {
      // Composite keys (storage configs) are shown by their first component.
      const shown = step.key.startsWith('[') ? String((JSON.parse(step.key) as unknown[])[0]) : step.key;
      out += `[?(@.${step.keyField}==${JSON.stringify(shown)})]`;
    }
  }
  return `$${out}`;
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function latest(times: string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
