/** A name that holds a credential is masked in the finding that quotes it, and in every report and the summary. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatScanSummary } from '../../src/cli/output.js';
import type { Inventory } from '../../src/inventory/types.js';
import { scanInMemory } from '../support/scan-in-memory.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
let out: string | undefined;
afterEach(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('credential-shaped names in findings', () => {
  it('SCV-FLOW-002 on a flow named after an access key does not print the key', async () => {
    const inventory = JSON.parse(readFileSync('fixtures/demo/inventory.json', 'utf8')) as Inventory;
    const flow = inventory.aws.accounts[0]!.connectInstances[0]!.flows[0]!;
    flow.name = `Inbound ${KEY}`;
    flow.secrets = [{ action: 'set-attributes', parameter: 'Attributes.key', kind: 'aws-access-key' }];
    out = mkdtempSync(join(tmpdir(), 'scv-mask-'));
    const result = await scanInMemory(inventory, out);
    const finding = result.findings.find((f) => f.ruleId === 'SCV-FLOW-002');
    expect(finding?.message).toContain('Contact flow Inbound [redacted-access-key]');
    const outputs = [formatScanSummary(result, 'none'), ...readdirSync(out).map((f) => readFileSync(join(out!, f), 'utf8'))];
    for (const text of outputs) expect(text).not.toContain(KEY);
  });
});
