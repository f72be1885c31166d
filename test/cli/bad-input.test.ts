/** Bad input through the real CLI: exit 2, one line naming the file and path or line, nothing written. */
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/report/types.js';
import { runCli, runCliAsync, STACK_LINE } from './run-cli.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'inventory', name);
const demo = join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'inventory.json');

function scanInto(inputs: string[]) {
  const outputDir = join(mkdtempSync(join(tmpdir(), 'scv-guard-cli-')), 'reports');
  const run = runCli(['scan', '--inventory', ...inputs, '--output-dir', outputDir, '--format', 'sarif,json,markdown,junit']);
  return { ...run, outputDir };
}

function expectCleanFailure(run: ReturnType<typeof scanInto>, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^scv-guard: error: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(existsSync(run.outputDir) ? readdirSync(run.outputDir) : []).toEqual([]);
}

describe('scan with bad input', () => {
  it('invalid JSON: file, line and column', () => {
    expectCleanFailure(scanInto([fixture('invalid.json')]), /invalid\.json:6:3: invalid JSON: expected a value at "\]"$/);
  });

  it('invalid YAML: file, line and column', () => {
    expectCleanFailure(scanInto([fixture('invalid.yaml')]), /invalid\.yaml:6:\d+: invalid YAML: /);
  });

  it('a YAML alias bomb', () => {
    expectCleanFailure(scanInto([fixture('alias-bomb.yaml')]), /alias-bomb\.yaml: invalid YAML: too many alias expansions/);
  });

  it('wrong types: JSON path, line and what was expected', () => {
    // The YAML variant (line of the offending node) is covered by test/inventory/load.test.ts.
    expectCleanFailure(
      scanInto([fixture('wrong-types.json')]),
      /wrong-types\.json:146: \$\.aws\.accounts\[0\]\.connectInstances\[0\]\.region: expected a string or null, got number 42$/,
    );
  });

  it('an unknown schemaVersion', () => {
    expectCleanFailure(
      scanInto([fixture('unknown-schema-version.json')]),
      /unknown-schema-version\.json:2: \$\.schemaVersion: unsupported inventory schemaVersion "2": this scv-guard reads schemaVersion "1"$/,
    );
  });

  it('missing required fields', () => {
    expectCleanFailure(
      scanInto([fixture('missing-fields.json')]),
      /missing-fields\.json:\d+: \$\.salesforce\.orgs\[1\]\.contactCenters\[0\]\.connect\.awsAccountId: missing required field$/,
    );
  });

  it('an unreadable path: missing file, no permission', () => {
    // A directory given as the file is covered by test/inventory/load.test.ts.
    const missing = join(tmpdir(), 'scv-guard-does-not-exist.json');
    expectCleanFailure(scanInto([missing]), /scv-guard-does-not-exist\.json: cannot read inventory file: no such file$/);
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-dir-'));
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.json');
      writeFileSync(locked, '{}');
      chmodSync(locked, 0o000);
      expectCleanFailure(scanInto([locked]), /locked\.json: cannot read inventory file: permission denied$/);
    }
  });

  it('a bad file after a good one still writes nothing', () => {
    expectCleanFailure(scanInto([demo, fixture('wrong-types.json')]), /wrong-types\.json:146: /);
  });
});

describe('scan usage errors exit 2', () => {
  it('names the allowed formats for an unknown one', () => {
    const run = runCli(['scan', '--inventory', demo, '--format', 'sarif,pdf']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`scv-guard: error: --format: unknown report format "pdf" (allowed: ${FORMATS.join(', ')})`);
  });

  it('rejects an unknown --fail-on value, an unknown option and a missing argument', async () => {
    const cases = [
      ['scan', '--inventory', demo, '--fail-on', 'severe'],
      ['scan', '--inventory', demo, '--no-such-flag'],
      ['scan', '--inventory'],
      ['no-such-command'],
    ];
    const runs = await Promise.all(cases.map((args) => runCliAsync(args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]!.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/error: /);
      expect(run.stderr).not.toMatch(STACK_LINE);
    });
  });

  it('asks for an input when none is given', () => {
    const run = runCli(['scan']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^scv-guard: error: nothing to scan: give --inventory FILE/);
  });

  it('rejects --bundle without --engine wasm', () => {
    const run = runCli(['scan', '--inventory', demo, '--bundle', 'b.tar.gz']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('scv-guard: error: --bundle is only used with --engine wasm');
  });
});
