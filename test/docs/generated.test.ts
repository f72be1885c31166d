/**
 * The generated pages are current: docs/inventory.md and docs/inventory-v1.schema.json from the
 * inventory JSON Schema, docs/policy-library.md from the comments of policies/lib/. After changing
 * the schema or the library, run `npm run docs` and commit the result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderLibraryMarkdown } from '../../src/engine/library-doc.js';
import { renderInventoryMarkdown, renderInventorySchemaJson } from '../../src/inventory/schema-doc.js';

const ROOT = join(import.meta.dirname, '..', '..');
const committed = (file: string): string => readFileSync(join(ROOT, 'docs', file), 'utf8');

describe('generated docs (regenerate with `npm run docs`)', () => {
  it('docs/inventory.md is current', () => {
    expect(committed('inventory.md')).toBe(renderInventoryMarkdown());
  });

  it('docs/inventory-v1.schema.json is current', () => {
    expect(committed('inventory-v1.schema.json')).toBe(renderInventorySchemaJson());
  });

  it('docs/policy-library.md is current', () => {
    expect(committed('policy-library.md')).toBe(renderLibraryMarkdown());
  });
});

describe('docs/inventory-v1.schema.json', () => {
  const schema = JSON.parse(committed('inventory-v1.schema.json'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(schema);

  it('is standard draft-07 JSON Schema that accepts the demo inventory, nulls included', () => {
    const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), 'utf8'));
    expect(validate(demo), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the inventory schema rejects', () => {
    const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), 'utf8'));
    demo.aws.accounts[0].id = '12';
    expect(validate(demo)).toBe(false);
    delete demo.aws.accounts[0].id;
    demo.aws.accounts[0].unknownField = 1;
    expect(validate(demo)).toBe(false);
  });
});

describe('docs/policy-library.md', () => {
  it('lists the helpers the walkthrough uses, with their comments', () => {
    const page = committed('policy-library.md');
    expect(page).toContain('## `data.scv.lib.estate`');
    expect(page).toMatch(/\| `instance_ref\(instance_arn\)` \|/);
    expect(page).toMatch(/\| `contact_centers` \| Contact centers of active orgs, with their org\. \|/);
  });
});
