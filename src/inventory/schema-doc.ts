/**
 * The inventory reference page (docs/inventory.md), generated from the JSON Schema of
 * ./schema.ts: one table per object, in document order, each field with its type, whether it may
 * be missing or null, and the schema's description. Regenerate with `npm run docs`.
 */
import { inventorySchema } from './schema.js';

type Schema = Record<string, unknown>;

interface ObjectSection {
  /** JSON path from the document root, array levels as `[]`, e.g. `aws.accounts[].s3Buckets[]`. */
  path: string;
  schema: Schema;
}

function isObjectSchema(s: Schema): boolean {
  return s['type'] === 'object' && typeof s['properties'] === 'object';
}

function typeList(s: Schema): string[] {
  const t = s['type'];
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

/** The element schema of an array, or undefined when `s` is not an array schema. */
function arrayItems(s: Schema): Schema | undefined {
  return typeList(s).length === 1 && typeList(s)[0] === 'array' ? (s['items'] as Schema) : undefined;
}

function isNullable(s: Schema): boolean {
  return s['nullable'] === true || typeList(s).includes('null');
}

/** A short type: `string`, `"a" \| "b"`, `list of string`, `object`, `map of string`, `any JSON`. */
function describeType(s: Schema): string {
  if ('const' in s) return `\`${JSON.stringify(s['const'])}\``;
  if (Array.isArray(s['enum'])) {
    return (s['enum'] as unknown[]).filter((v) => v !== null).map((v) => `\`${JSON.stringify(v)}\``).join(' | ');
  }
  const items = arrayItems(s);
  if (items) return `list of ${isObjectSchema(items) ? 'objects' : describeType(items)}`;
  const types = typeList(s).filter((t) => t !== 'null');
  if (types.length === 0) return 'any JSON value';
  if (types.length === 1 && types[0] === 'object') {
    if (isObjectSchema(s)) return 'object';
    const extra = s['additionalProperties'];
    if (extra && typeof extra === 'object') return `map of ${describeType(extra as Schema)}`;
    return 'object';
  }
  if (types.includes('array') && s['items']) {
    return types.map((t) => (t === 'array' ? `list of ${describeType(s['items'] as Schema)}` : t)).join(' or ');
  }
  return types.join(' or ');
}

function constraints(s: Schema): string[] {
  const out: string[] = [];
  if (typeof s['pattern'] === 'string') out.push(`pattern \`${s['pattern'] as string}\``);
  if (typeof s['format'] === 'string') out.push(`format ${s['format'] as string}`);
  if (typeof s['minLength'] === 'number' && (s['minLength'] as number) > 0) out.push('non-empty');
  if (typeof s['minimum'] === 'number') out.push(`≥ ${s['minimum'] as number}`);
  return out;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Rule input section of a collection path (see CONVENTIONS: array levels left out, below an org or account). */
function ruleInputSection(path: string): string | undefined {
  const m = /^(salesforce\.orgs|aws\.accounts)\[\](.*)$/.exec(path);
  if (!m) return undefined;
  const root = m[1] === 'salesforce.orgs' ? 'salesforce' : 'aws';
  if (m[2] === '') return m[1];
  const rest = m[2]!.slice(1).replace(/\[\]/g, '');
  return `${root}.${rest}`;
}

function collectSections(): ObjectSection[] {
  const sections: ObjectSection[] = [];
  const walk = (path: string, s: Schema): void => {
    const items = arrayItems(s);
    if (items) {
      walk(`${path}[]`, items);
      return;
    }
    if (!isObjectSchema(s)) return;
    sections.push({ path, schema: s });
    for (const [name, child] of Object.entries(s['properties'] as Record<string, Schema>)) {
      walk(path === '' ? name : `${path}.${name}`, child);
    }
  };
  walk('', inventorySchema);
  return sections;
}

function anchor(path: string): string {
  return (path === '' ? 'document-root' : path).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function renderInventoryMarkdown(): string {
  const sections = collectSections();
  const lines: string[] = [
    '# Inventory reference (schema v1)',
    '',
    '<!-- Generated from the inventory JSON Schema (src/inventory/schema.ts) by `npm run docs`; do not edit. -->',
    '',
    'The inventory is the one document rules see as `input`: every Salesforce org and AWS account',
    'scv-guard read, normalized. The machine-readable schema is',
    '[inventory-v1.schema.json](inventory-v1.schema.json) (`scv-guard inventory schema`);',
    '`scv-guard inventory validate FILE` checks a file against it.',
    '',
    '- **Type** `… or null`: `null` means *not known* (a read failed or the source does not say);',
    '  rules stay silent on it rather than guess. *optional*: the field may be missing.',
    '- Objects reject unknown fields unless their type is a *map*.',
    '- **Rule input section**: the name a rule lists under `custom.inputs` in its METADATA when it',
    '  reads that collection (the path below an org or account, array levels left out).',
    '',
    '## Contents',
    '',
  ];
  for (const s of sections) lines.push(`- [\`${s.path === '' ? '(document root)' : s.path}\`](#${anchor(s.path)})`);
  for (const s of sections) {
    lines.push('', `## ${s.path === '' ? 'Document root' : `\`${s.path}\``}`, '');
    lines.push(`<a id="${anchor(s.path)}"></a>`, '');
    const section = ruleInputSection(s.path);
    if (section) lines.push(`Rule input section: \`${section}\``, '');
    if (typeof s.schema['description'] === 'string') lines.push(cell(s.schema['description'] as string), '');
    const required = new Set((s.schema['required'] as string[] | undefined) ?? []);
    lines.push('| field | type | description |', '| --- | --- | --- |');
    for (const [name, child] of Object.entries(s.schema['properties'] as Record<string, Schema>)) {
      const childPath = s.path === '' ? name : `${s.path}.${name}`;
      let type = describeType(child);
      const items = arrayItems(child);
      const target = isObjectSchema(child) ? childPath : items && isObjectSchema(items) ? `${childPath}[]` : undefined;
      if (target) type = `[${type}](#${anchor(target)})`;
      if (isNullable(child)) type += ' or null';
      if (!required.has(name)) type += ', optional';
      const notes = [typeof child['description'] === 'string' ? (child['description'] as string) : '', ...constraints(child)].filter(Boolean);
      lines.push(`| \`${name}\` | ${cell(type)} | ${cell(notes.join('; '))} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Standard JSON Schema (draft-07) for other tools: ajv's `nullable: true` keyword becomes a
 * `null` member of `type`.
 */
function standard(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(standard);
  if (!s || typeof s !== 'object') return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s as Schema)) {
    if (k === 'nullable') continue;
    out[k] = k === 'const' || k === 'enum' ? v : standard(v);
  }
  if ((s as Schema)['nullable'] === true && out['type'] !== undefined && !Array.isArray(out['enum'])) {
    const types = typeList(out);
    out['type'] = types.includes('null') ? types : [...types, 'null'];
  }
  return out;
}

/** The schema as the file docs/inventory-v1.schema.json holds it (`scv-guard inventory schema`). */
export function renderInventorySchemaJson(): string {
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...(standard(inventorySchema) as Schema) }, null, 2) + '\n';
}
