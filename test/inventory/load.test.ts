import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { lineColumnAt } from '../../src/input/json.js';
import { loadInventoryFile, parseInventory } from '../../src/inventory/load.js';
import { InventorySchemaError } from '../../src/inventory/validate.js';
import { stringify } from 'yaml';
import { fullInventory } from './sample.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'inventory', name);

async function loadError(file: string): Promise<ScvGuardError> {
  try {
    await loadInventoryFile(file);
  } catch (err) {
    if (err instanceof ScvGuardError) return err;
    throw err;
  }
  throw new Error(`${file} loaded without an error`);
}

describe('loadInventoryFile', () => {
  it('loads the demo estate', async () => {
    const { inventory } = await loadInventoryFile(join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'inventory.json'));
    expect(inventory.environments.map((e) => e.name)).toEqual(['prod', 'uat', 'dev']);
  });

  it('reads YAML and JSON of the same inventory to the same value', () => {
    const inv = fullInventory();
    expect(parseInventory(stringify(inv), 'inv.yaml')).toEqual(inv);
    expect(parseInventory(JSON.stringify(inv), 'inv.json')).toEqual(inv);
  });

  it('names the file, line and column of a JSON syntax error', async () => {
    const err = await loadError(fixture('invalid.json'));
    expect(err.code).toBe('input-parse');
    expect(err.location).toMatchObject({ file: fixture('invalid.json'), line: 6, column: 3 });
    expect(err.message).toBe(`${fixture('invalid.json')}:6:3: invalid JSON: expected a value at "]"`);
  });

  it('places a truncated JSON document at its end', () => {
    const text = '{\n  "schemaVersion": "1",\n  "environments": [';
    try {
      parseInventory(text, 'cut.json');
      expect.unreachable();
    } catch (err) {
      expect((err as ScvGuardError).location).toMatchObject({ file: 'cut.json', line: 3, column: 20 });
    }
  });

  it('names the file, line and column of a YAML syntax error', async () => {
    const err = await loadError(fixture('invalid.yaml'));
    expect(err.code).toBe('input-parse');
    expect(err.location.file).toBe(fixture('invalid.yaml'));
    expect(err.location.line).toBe(6);
    expect(err.message).toMatch(/invalid\.yaml:6:\d+: invalid YAML: /);
  });

  it('rejects a YAML alias bomb without expanding it', async () => {
    const err = await loadError(fixture('alias-bomb.yaml'));
    expect(err.code).toBe('input-parse');
    expect(err.message).toMatch(/alias-bomb\.yaml: invalid YAML: too many alias expansions/);
  });

  it('accepts a few YAML aliases', () => {
    const inv = fullInventory();
    const text = stringify(inv).replace('environments:\n', 'environments: &envs\n') + 'x-unused: *envs\n';
    // The alias resolves; the extra top-level key is then a schema error, not a parse error.
    expect(() => parseInventory(text, 'a.yaml')).toThrow(/a\.yaml:\d+: \$\["x-unused"\]: unknown field/);
  });

  it('gives the JSON path, the line and what was expected for a wrong type in JSON', async () => {
    const err = await loadError(fixture('wrong-types.json'));
    expect(err).toBeInstanceOf(InventorySchemaError);
    expect(err.code).toBe('input-schema');
    expect(err.message).toBe(
      `${fixture('wrong-types.json')}:146: $.aws.accounts[0].connectInstances[0].region: expected a string or null, got number 42`,
    );
  });

  it('gives the line of the offending YAML node', async () => {
    const err = await loadError(fixture('wrong-types.yaml'));
    expect(err.message).toBe(
      `${fixture('wrong-types.yaml')}:26: $.aws.accounts[0].s3Buckets[0].versioning: expected one of "Enabled", "Suspended" or null, got string "yes"`,
    );
  });

  it('names a missing required field and the object that lacks it', async () => {
    const err = await loadError(fixture('missing-fields.json'));
    expect(err.code).toBe('input-schema');
    expect(err.location.path).toBe('$.salesforce.orgs[1].contactCenters[0].connect.awsAccountId');
    expect(err.message).toMatch(/missing-fields\.json:\d+: \$\.salesforce\.orgs\[1\]\.contactCenters\[0\]\.connect\.awsAccountId: missing required field$/);
  });

  it('explains an unknown schemaVersion', async () => {
    const err = await loadError(fixture('unknown-schema-version.json'));
    expect(err.code).toBe('input-schema');
    expect(err.message).toBe(
      `${fixture('unknown-schema-version.json')}:2: $.schemaVersion: unsupported inventory schemaVersion "2": this scv-guard reads schemaVersion "1"`,
    );
  });

  it('lists every schema problem in the message, one a line', () => {
    const inv: any = fullInventory();
    inv.environments[0].tier = 'prod';
    inv.aws.accounts[0].id = 'x';
    try {
      parseInventory(JSON.stringify(inv, null, 2), 'two.json');
      expect.unreachable();
    } catch (err) {
      const e = err as InventorySchemaError;
      expect(e.problems.map((p) => p.location.path)).toEqual(['$.environments[0].tier', '$.aws.accounts[0].id']);
      // every problem, one a line
      expect(e.message.split('\n')).toHaveLength(2);
      expect(e.message).toContain('two.json:');
    }
  });

  it('rejects a document that is not an object', () => {
    expect(() => parseInventory('[]', 'list.json')).toThrow('list.json: $: expected an inventory object, got an array');
  });

  it('reports a missing file and a directory as input-read errors', async () => {
    const missing = await loadError(join(tmpdir(), 'scv-guard-no-such-file.json'));
    expect(missing.code).toBe('input-read');
    expect(missing.message).toMatch(/scv-guard-no-such-file\.json: cannot read inventory file: no such file$/);
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-load-'));
    const isDir = await loadError(dir);
    expect(isDir.code).toBe('input-read');
    expect(isDir.message).toMatch(/is a directory/);
  });

  it('sniffs the format of a file without a known extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-load-'));
    const file = join(dir, 'inventory.txt');
    writeFileSync(file, stringify(fullInventory()));
    expect((await loadInventoryFile(file)).inventory).toEqual(fullInventory());
  });
});

describe('lineColumnAt', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
