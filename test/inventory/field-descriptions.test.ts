import { describe, expect, it } from 'vitest';
import { withFieldDescriptions } from '../../src/inventory/field-descriptions.js';
import { inventorySchemaShape } from '../../src/inventory/schema.js';
import { renderInventoryMarkdown } from '../../src/inventory/schema-doc.js';

describe('inventory field descriptions', () => {
  it('every field of the schema is described once, and every key names a field', () => {
    const result = withFieldDescriptions(inventorySchemaShape);
    expect(result.undescribed).toEqual([]);
    expect(result.describedTwice).toEqual([]);
    expect(result.unusedKeys).toEqual([]);
  });

  it('reports a field left undescribed, a key for no field and a field described twice', () => {
    const shape = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'string', description: 'inline' },
        list: { type: 'array', items: { type: 'object', properties: { origin: { type: 'object', properties: { file: { type: 'string' } } } } } },
      },
    };
    const result = withFieldDescriptions(shape, { b: 'again', 'list[].origin': 'where', '*.origin.file': 'the file', 'gone.field': 'x' });
    expect(result.undescribed).toEqual(['a', 'list']);
    expect(result.describedTwice).toEqual(['b']);
    expect(result.unusedKeys).toEqual(['gone.field']);
    const items = (result.schema['properties'] as Record<string, { items: { properties: { origin: { description: string; properties: { file: { description: string } } } } } }>)['list']!.items;
    expect(items.properties.origin.description).toBe('where');
    expect(items.properties.origin.properties.file.description).toBe('the file');
    // the shape itself is left as it was: sub-schemas are shared between paths
    expect((shape.properties.list.items.properties.origin as Record<string, unknown>)['description']).toBeUndefined();
  });

  it('the inventory reference page has a description in every field row', () => {
    const rows = renderInventoryMarkdown().split('\n').filter((l) => /^\| `[^`]+` \|/.test(l));
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.filter((r) => /\|\s*\|$/.test(r))).toEqual([]);
  });
});
