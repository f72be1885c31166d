/** A name that holds a credential is masked in the finding that quotes it, and in every report and the summary. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatScanSummary } from '../../src/cli/output.js';
import type { Inventory } from '../../src/inventory/types.js';
import { REPORT_FORMATS } from '../../src/report/types.js';
import { runScan } from '../../src/scan/run.js';

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
    const result = await runScan({
      inventoryFiles: [],
      extraInventories: [{ file: 'inventory.json', inventory }],
      formats: [...REPORT_FORMATS],
      outputDir: out,
      failOn: 'none',
      now: new Date('2026-01-15T12:00:00Z'),
    });
    const finding = result.findings.find((f) => f.ruleId === 'SCV-FLOW-002');
    expect(finding?.message).toContain('Contact flow Inbound [redacted-access-key]');
    const outputs = [formatScanSummary(result, 'none'), ...readdirSync(out).map((f) => readFileSync(join(out!, f), 'utf8'))];
    for (const text of outputs) expect(text).not.toContain(KEY);
  });

  it('control characters in names reach no human-facing output raw', async () => {
    const inventory = JSON.parse(readFileSync('fixtures/demo/inventory.json', 'utf8')) as Inventory;
    const flow = inventory.aws.accounts[0]!.connectInstances[0]!.flows[0]!;
    flow.name = 'Inbound \u001b]0;owned\u0007\u001b[2J\u0000\r\u202e';
    flow.secrets = [{ action: 'set-attributes', parameter: 'Attributes.key', kind: 'aws-access-key' }];
    out = mkdtempSync(join(tmpdir(), 'scv-ctl-'));
    const result = await runScan({
      inventoryFiles: [],
      extraInventories: [{ file: 'inventory.json', inventory }],
      formats: ['markdown', 'junit', 'html', 'json', 'sarif'],
      outputDir: out,
      failOn: 'none',
      now: new Date('2026-01-15T12:00:00Z'),
    });
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
    expect(formatScanSummary(result, 'none')).not.toMatch(raw);
    for (const file of ['scv-guard.md', 'scv-guard.junit.xml', 'scv-guard.html']) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text, file).not.toMatch(raw);
      // Shown as escapes (each format may escape its own markup characters around them).
      expect(text, file).toMatch(/Inbound \\x1b\\?\]0;owned\\x07/);
    }
  });
});
