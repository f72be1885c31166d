/** Shared by the policy meta-tests: the repo's fixtures, expectations and built-in catalog. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyData } from '../../src/engine/types.js';
import type { Inventory } from '../../src/inventory/types.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const POLICIES = join(ROOT, 'policies');
export const FIXTURES = join(ROOT, 'fixtures');
/** The rule catalog the policies implement (kept beside the repository). */
export const RULES_MD = join(ROOT, '..', 'shared', 'RULES.md');

export interface Estate {
  name: string;
  dir: string;
  inventory: Inventory;
  data: PolicyData;
  expected: [string, string][];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Every estate fixture (fixtures/estates/* and the demo) with its data and expectation. */
export function estates(): Estate[] {
  const dirs: [string, string][] = readdirSync(join(FIXTURES, 'estates'))
    .sort()
    .map((n) => [n, join(FIXTURES, 'estates', n)]);
  dirs.push(['demo', join(FIXTURES, 'demo')]);
  return dirs.map(([name, dir]) => {
    const inventory = readJson<Inventory>(join(dir, 'inventory.json'));
    const dataFile = join(dir, 'data.json');
    const data: PolicyData = existsSync(dataFile)
      ? readJson<PolicyData>(dataFile)
      : { config: {}, scanner: { now: inventory.generatedAt, waivers: [] } };
    return { name, dir, inventory, data, expected: readJson<[string, string][]>(join(FIXTURES, 'expectations', `${name}.json`)) };
  });
}

/** Rule files (not tests, not helpers): policies/<family>/<name>.rego. */
export function ruleFiles(): string[] {
  const out: string[] = [];
  for (const family of readdirSync(POLICIES, { withFileTypes: true })) {
    if (!family.isDirectory() || family.name === 'lib') continue;
    for (const f of readdirSync(join(POLICIES, family.name))) {
      if (f.endsWith('.rego') && !f.endsWith('_test.rego')) out.push(join(POLICIES, family.name, f));
    }
  }
  return out.sort();
}

export function pairKey([rule, resource]: [string, string]): string {
  return `${rule} ${resource}`;
}
