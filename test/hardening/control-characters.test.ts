/**
 * Control characters — ESC/CSI/OSC sequences, BEL, NUL, C1 controls, bidirectional overrides —
 * in names from input reach no human-facing output raw: the stderr summary and every report
 * format, the CLI's other lines (errors naming bundle entrypoints, collection errors, `rego eval`
 * print output), the `policy list/show/test/doc` output of custom rules, written inventories.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/inventory/types.js';
import { formatCollectionError, formatScanSummary } from '../../src/cli/output.js';
import { serializeInventory } from '../../src/inventory/write.js';
import { REPORT_FORMATS, REPORT_FILE_NAMES } from '../../src/report/types.js';
import { scanInMemory } from '../support/scan-in-memory.js';
import { ROOT, runCli } from '../cli/run-cli.js';
import { makeTarGz } from '../support/tar-bundle.js';
import { assembleTestModule } from '../support/wat.js';

/** An OSC title change, a CSI screen clear, BEL, NUL, a C1 CSI, a bidi override and isolate. */
const HOSTILE = '\u001b]0;owned\u0007\u001b[2J\u0000\u009b31m\u202egnp.exe\u2066';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ESCAPED = '\\x1b]0;owned\\x07\\x1b[2J\\x00\\x9b31m\\u{202e}gnp.exe\\u{2066}';

describe('control characters in CLI output', () => {
  it('a bundle entrypoint name is escaped in the error that lists it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-ctl-'));
    const bundle = join(dir, 'bundle.tar.gz');
    writeFileSync(bundle, await makeTarGz([{ name: '/policy.wasm', content: await assembleTestModule({ entrypoints: { [`acme/${HOSTILE}`]: 0 } }) }]));
    const run = runCli(['scan', '--inventory', join(ROOT, 'fixtures', 'demo', 'inventory.json'), '--engine', 'wasm', '--bundle', bundle, '--format', 'json', '--output-dir', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toMatch(/bundle has no entrypoint scv\/rules \(it has: acme\/\\x1b/);
  });

  it('a collection error line quotes the remote message and target escaped', () => {
    const line = formatCollectionError({ source: 'aws', target: `123456789012/${HOSTILE}`, operation: 'connect:ListInstances', code: `Bad${HOSTILE}`, message: `denied ${HOSTILE}` });
    expect(line).not.toMatch(RAW);
    expect(line).toBe(`scv-guard: could not read AWS 123456789012/${ESCAPED}: connect:ListInstances failed with Bad${ESCAPED} (denied ${ESCAPED}).`);
  });

  it('rego eval print() output is escaped on stderr', () => {
    const run = runCli(['rego', 'eval', '--no-builtin', `print(${JSON.stringify(HOSTILE)})`]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toContain(ESCAPED);
  });
});

/** HOSTILE as a YAML double-quoted scalar (METADATA is YAML). */
const HOSTILE_YAML = '"\\e]0;owned\\a\\e[2J\\0\\x9b31m\\u202egnp.exe\\u2066"';

/** A custom rule whose title, description and remediation hold HOSTILE, and a failing test of it, in a folder whose name holds it. */
function hostilePolicies(): string {
  // A path cannot hold NUL; the rest of HOSTILE can.
  const dir = join(mkdtempSync(join(tmpdir(), 'scv-ctl-policy-')), `rules-${HOSTILE.replace('\u0000', '')}`);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'hostile.rego'),
    [
      '# METADATA',
      `# title: ${HOSTILE_YAML}`,
      `# description: ${HOSTILE_YAML}`,
      '# custom:',
      '#   id: ACME-CTL-001',
      '#   severity: low',
      `#   remediation: ${HOSTILE_YAML}`,
      '#   inputs: [aws.accounts]',
      'package scv.rules.acme.ctl',
      '',
      'import rego.v1',
      '',
      'deny contains {"msg": "x", "resource": {"type": "aws-account", "id": "1"}} if false',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'hostile_test.rego'), 'package scv.rules.acme.ctl_test\n\nimport rego.v1\n\ntest_fails if false\n');
  return dir;
}

describe('control characters in policy list, show, test and doc', () => {
  const dir = hostilePolicies();

  it('policy list shows a custom title escaped, and its JSON carries no raw control', () => {
    const text = runCli(['policy', 'list', '--policy-path', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(RAW);
    expect(text.stdout).toContain(`ACME-CTL-001`);
    expect(text.stdout).toContain(ESCAPED);
    const json = runCli(['policy', 'list', '--policy-path', dir, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(RAW);
    const rule = (JSON.parse(json.stdout) as { id: string; title: string }[]).find((r) => r.id === 'ACME-CTL-001');
    expect(rule?.title).toBe(HOSTILE);
  });

  it('policy show escapes title, description, remediation and source path', () => {
    const text = runCli(['policy', 'show', 'ACME-CTL-001', '--policy-path', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(RAW);
    expect(text.stdout.split(ESCAPED).length - 1).toBe(3);
    expect(text.stdout).toMatch(/^source: +.*rules-\\x1b\]0;owned\\x07\\x1b\[2J\\x9b31m\\u\{202e\}gnp\.exe\\u\{2066\}\/hostile\.rego:\d+$/m);
    const json = runCli(['policy', 'show', 'ACME-CTL-001', '--policy-path', dir, '--format', 'json']);
    expect(json.stdout).not.toMatch(RAW);
    expect((JSON.parse(json.stdout) as { description: string }).description).toBe(HOSTILE);
  });

  it('policy test escapes the file of a failing test', () => {
    const text = runCli(['policy', 'test', '--no-builtin', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toMatch(RAW);
    expect(text.stdout).toMatch(/^FAIL  scv\.rules\.acme\.ctl_test\.test_fails \(.*rules-\\x1b\]0;owned\\x07.*hostile_test\.rego:5, /m);
    const json = runCli(['policy', 'test', '--no-builtin', dir, '--format', 'json']);
    expect(json.stdout).not.toMatch(RAW);
    expect((JSON.parse(json.stdout) as { results: { file: string }[] }).results[0]!.file).toContain(`rules-${HOSTILE.replace('\u0000', '')}`);
  });

  it('policy doc writes the titles escaped', () => {
    const run = runCli(['policy', 'doc', '--policy-path', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stdout).toContain(ESCAPED);
  });
});

describe('control characters in every report format', () => {
  it('text formats show escapes; JSON and SARIF escape them as \\uXXXX and SARIF messages show them escaped', async () => {
    const inventory = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), 'utf8')) as Inventory;
    const flow = inventory.aws.accounts[0]!.connectInstances[0]!.flows[0]!;
    flow.name = `Inbound ${HOSTILE}`;
    flow.secrets = [{ action: 'set-attributes', parameter: 'Attributes.key', kind: 'aws-access-key' }];
    const out = mkdtempSync(join(tmpdir(), 'scv-ctl-reports-'));
    const result = await scanInMemory(inventory, out);
    // The stderr summary quotes the finding too.
    expect(formatScanSummary(result, 'none')).not.toMatch(RAW);
    expect(formatScanSummary(result, 'none')).toContain(`Inbound ${ESCAPED}`);
    const read = (format: (typeof REPORT_FORMATS)[number]): string => readFileSync(join(out, REPORT_FILE_NAMES[format]), 'utf8');
    for (const format of REPORT_FORMATS) expect(read(format), format).not.toMatch(RAW);
    // Markdown escapes its own markup around them (`\]`); HTML and JUnit show them as they are.
    expect(read('markdown')).toContain('Inbound \\x1b\\]0;owned\\x07');
    for (const format of ['html', 'junit'] as const) expect(read(format), format).toContain(`Inbound ${ESCAPED}`);

    // JSON keeps the name's value, written with escapes: no raw C1 or bidi control in the file.
    const json = read('json');
    expect(json).toContain('\\u009b31m\\u202egnp.exe\\u2066');
    const finding = (JSON.parse(json) as { findings: { ruleId: string; message: string }[] }).findings.find((f) => f.ruleId === 'SCV-FLOW-002');
    expect(finding?.message).toContain(`Inbound ${HOSTILE}`);

    // SARIF message strings are read by people in a code-scanning view: shown escaped.
    const sarif = JSON.parse(read('sarif')) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    const sarifResult = sarif.runs[0]!.results.find((r) => r.ruleId === 'SCV-FLOW-002');
    expect(sarifResult?.message.text).toContain(`Inbound ${ESCAPED}`);
    expect(sarifResult?.message.text).not.toMatch(RAW);
  });
});

describe('control characters in written inventories', () => {
  it('collect and inventory merge write names with escapes only, keeping their value', () => {
    const inventory = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), 'utf8')) as Inventory;
    inventory.aws.accounts[0]!.connectInstances[0]!.flows[0]!.name = HOSTILE;
    const text = serializeInventory(inventory);
    expect(text).not.toMatch(RAW);
    expect((JSON.parse(text) as Inventory).aws.accounts[0]!.connectInstances[0]!.flows[0]!.name).toBe(HOSTILE);
  });
});
