/**
 * Control characters — ESC/CSI/OSC sequences, BEL, NUL, C1 controls, bidirectional overrides —
 * in names from input reach no human-facing output raw. The stderr summary and the Markdown, HTML
 * and JUnit reports: test/redaction/findings.test.ts; here the CLI's other lines: errors naming
 * bundle entrypoints and `rego eval` print output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('rego eval print() output is escaped on stderr', () => {
    const run = runCli(['rego', 'eval', '--no-builtin', `print(${JSON.stringify(HOSTILE)})`]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toContain(ESCAPED);
  });
});
