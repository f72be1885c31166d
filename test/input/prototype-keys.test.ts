/** `__proto__`, `constructor` and `prototype` in inputs stay ordinary keys through reading and merging. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load.js';
import { mergeInventories } from '../../src/inventory/merge.js';

const demo = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'inventory.json'), 'utf8');

/** The demo inventory with raw JSON tags spliced into its first role. */
function withRoleTags(tagsJson: string): string {
  const inv = JSON.parse(demo);
  inv.aws.accounts[0].iamRoles[0].tags = { PLACEHOLDER: 'x' };
  return JSON.stringify(inv, null, 1).replace('{\n       "PLACEHOLDER": "x"\n      }', tagsJson);
}

describe('prototype keys in inventories', () => {
  it('are read as ordinary tag keys from JSON and YAML', () => {
    const inv = parseInventory(withRoleTags('{"__proto__": "a", "constructor": "b", "prototype": "c"}'), 'a.json');
    const tags = inv.aws.accounts[0]!.iamRoles[0]!.tags;
    expect(Object.entries(tags)).toEqual([['__proto__', 'a'], ['constructor', 'b'], ['prototype', 'c']]);
    // JSON is YAML: the same text through the YAML reader.
    const yaml = parseInventory(withRoleTags('{"__proto__": "a", "constructor": "b"}'), 'a.yaml', 'yaml');
    expect(Object.entries(yaml.aws.accounts[0]!.iamRoles[0]!.tags)).toEqual([['__proto__', 'a'], ['constructor', 'b']]);
  });

  it('survive inventory merge in either order, without touching Object.prototype', () => {
    const withProto = { file: 'a.json', inventory: parseInventory(withRoleTags('{"__proto__": "a", "constructor": "b"}'), 'a.json') };
    const plain = { file: 'b.json', inventory: parseInventory(withRoleTags('{"Environment": "prod"}'), 'b.json') };
    for (const parts of [[withProto, plain], [plain, withProto]]) {
      const tags = mergeInventories(parts).aws.accounts[0]!.iamRoles[0]!.tags;
      expect(Object.getOwnPropertyNames(tags).sort()).toEqual(['Environment', '__proto__', 'constructor']);
      expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
      expect(tags.constructor).toBe('b');
    }
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'a')).toBe(false);
  });
});
