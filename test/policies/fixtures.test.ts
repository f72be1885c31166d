/** End-to-end over the estate fixtures: (rule id, resource id) pairs equal the committed expectations. */
import { describe, expect, it } from 'vitest';
import { BuiltinRegoEngine } from '../../src/engine/builtin.js';
import { loadInventoryFile } from '../../src/inventory/load.js';
import { estates, pairKey } from './helpers.js';
import { join } from 'node:path';

const engine = await BuiltinRegoEngine.load({ engine: 'builtin', policyPaths: [] });
const all = estates();

describe.each(all.map((e) => [e.name, e] as const))('estate %s', (_name, estate) => {
  it('is a valid inventory v1 file', async () => {
    await expect(loadInventoryFile(join(estate.dir, 'inventory.json'))).resolves.toBeDefined();
  });

  it('yields exactly the committed (rule id, resource id) pairs, every rule evaluated', async () => {
    const result = await engine.evaluate(estate.inventory, estate.data);
    expect(result.results.filter((r) => r.outcome === 'could-not-evaluate')).toEqual([]);
    const actual = result.findings.map((f) => pairKey([f.ruleId, f.resource.id])).sort();
    expect(actual).toEqual(estate.expected.map(pairKey).sort());
    // One finding per (rule, resource): fingerprints depend on it.
    expect(new Set(actual).size).toBe(actual.length);
  });
});

describe('estate fixtures', () => {
  it('include a compliant estate that produces no finding at all', async () => {
    const compliant = all.find((e) => e.name === 'compliant')!;
    const result = await engine.evaluate(compliant.inventory, compliant.data);
    expect(result.findings).toEqual([]);
    expect(result.results.every((r) => r.outcome === 'pass')).toBe(true);
  });

  it('make every rule fire at least once', () => {
    const fired = new Set(all.flatMap((e) => e.expected.map(([rule]) => rule)));
    const missing = engine.catalog().map((r) => r.id).filter((id) => !fired.has(id));
    expect(missing).toEqual([]);
  });

  it('have a violating estate for every rule family', () => {
    const families = new Set(engine.catalog().map((r) => r.package.split('.')[2]!));
    for (const family of families) {
      const name = `${family.replace(/_/g, '-')}-violating`;
      const estate = all.find((e) => e.name === name);
      expect(estate, name).toBeDefined();
      const rules = new Set(estate!.expected.map(([rule]) => rule));
      const ofFamily = engine.catalog().filter((r) => r.package.split('.')[2] === family);
      expect(ofFamily.some((r) => rules.has(r.id)), name).toBe(true);
    }
  });

  it('show a realistic mix in the demo: most families fire', () => {
    const demo = all.find((e) => e.name === 'demo')!;
    const byId = new Map(engine.catalog().map((r) => [r.id, r.package.split('.')[2]!]));
    const families = new Set(demo.expected.map(([rule]) => byId.get(rule)));
    expect(families.size).toBeGreaterThanOrEqual(8);
  });

  it('attach the origin of file resources to their findings', async () => {
    const flows = all.find((e) => e.name === 'flows-violating')!;
    const result = await engine.evaluate(flows.inventory, flows.data);
    const secret = result.findings.find((f) => f.ruleId === 'SCV-FLOW-002');
    expect(secret?.origin).toEqual({ file: 'flows/uat/payments.json', line: 42 });
  });
});
