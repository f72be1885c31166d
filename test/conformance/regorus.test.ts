import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { indentFlowContinuations, runAll } from './regorus-runner.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const casesDir = resolve(repoRoot, '..', 'shared', 'conformance', 'regorus', 'cases');
const knownFile = join(here, 'known-failures.txt');

describe('regorus conformance corpus', () => {
  if (!existsSync(casesDir)) {
    it.skip(`skipped: conformance cases not found at ${casesDir}`, () => undefined);
    return;
  }
  it('passes every case not listed in known-failures.txt, and at least 90% of the in-scope cases', () => {
    const outcomes = runAll(casesDir);
    const passed = outcomes.filter((o) => o.status === 'passed');
    const failed = outcomes.filter((o) => o.status === 'failed');
    const skipped = outcomes.filter((o) => o.status === 'skipped');
    const inScope = passed.length + failed.length;
    console.log(
      `regorus conformance: ${passed.length} passed, ${failed.length} failed, ${skipped.length} skipped ` +
        `(${((100 * passed.length) / Math.max(inScope, 1)).toFixed(1)}% of ${inScope} in scope)`,
    );
    if (process.env['CONFORMANCE_VERBOSE']) for (const f of failed) console.log(`FAIL ${f.id}\n     ${f.detail}`);
    const known = new Set(
      readFileSync(knownFile, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
    const unexpected = failed.filter((f) => !known.has(f.id)).map((f) => `${f.id} — ${f.detail}`);
    const failedIds = new Set(failed.map((f) => f.id));
    const nowPassing = [...known].filter((id) => !failedIds.has(id));
    expect(unexpected, 'cases failing that are not in known-failures.txt').toEqual([]);
    expect(nowPassing, 'cases in known-failures.txt that pass now (remove them from the list)').toEqual([]);
    expect(passed.length / inScope).toBeGreaterThanOrEqual(0.9);
  });
});

describe('regorus case reader', () => {
  it('indents flow-sequence items that sit at their key\'s indentation, keeping their meaning', () => {
    const text = 'want:\n  x:\n    set!: [\n    "a",\n    "b",\n    ]\n  y: true\n';
    expect(parse(indentFlowContinuations(text))).toEqual({ want: { x: { 'set!': ['a', 'b'] }, y: true } });
  });
});
