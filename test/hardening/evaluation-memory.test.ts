/**
 * Custom rules that build more than the heap holds end as `could-not-evaluate` within the
 * evaluation memory budget — the scan goes on and the other rules report — instead of an
 * out-of-memory abort (exit 134). The CLI runs with a 512 MB heap, so the default budget (three
 * quarters of it) is what stops them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, STACK_LINE } from '../cli/run-cli.js';
import { runToEnd } from './cli.js';

const compliant = join(ROOT, 'fixtures', 'estates', 'compliant', 'inventory.json');
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=512' };

function customRule(name: string, body: string): string {
  const dir = mkdtempSync(join(tmpdir(), `scv-mem-${name}-`));
  mkdirSync(join(dir, 'custom'));
  writeFileSync(
    join(dir, 'custom', 'runaway.rego'),
    `# METADATA\n# title: Runaway rule\n# description: Grows without bound.\n# custom:\n#   id: CUSTOM-RUNAWAY-001\n#   severity: low\n#   remediation: None.\n#   inputs: [aws.accounts]\npackage scv.rules.custom.runaway\n\nimport rego.v1\n\n${body}\n`,
  );
  writeFileSync(join(dir, 'scv-guard.yaml'), `policies:\n  paths: [${JSON.stringify(join(dir, 'custom'))}]\n`);
  return join(dir, 'scv-guard.yaml');
}

async function scan(config: string): Promise<{ code: number | null; stderr: string; results: { ruleId: string; outcome: string; error?: string }[] }> {
  const out = mkdtempSync(join(tmpdir(), 'scv-mem-out-'));
  const run = await runToEnd(['scan', '--config', config, '--inventory', compliant, '--format', 'json', '--output-dir', out, '--fail-on', 'none', '--quiet', '--json'], SMALL_HEAP);
  const results = run.code === 0 ? (JSON.parse(run.stdout) as { results: { ruleId: string; outcome: string; error?: string }[] }).results : [];
  return { code: run.code, stderr: run.stderr, results };
}

const DENY = 'deny contains {"msg": "x", "resource": {"type": "aws-account", "id": "1"}}';

describe('evaluation memory budget', () => {
  it('a 10⁷ × 10⁷ comprehension of megabyte strings is could-not-evaluate, not an out-of-memory abort', async () => {
    const config = customRule(
      'comprehension',
      `megabyte := concat("", [c | some _ in numbers.range(1, 1000000); c := "a"])\n\n${DENY} if {\n\tcount([s | some i in numbers.range(1, 10000000); some j in numbers.range(1, 10000000); s := concat("", [megabyte, format_int(i * j, 10)])]) > 0\n}`,
    );
    const { code, stderr, results } = await scan(config);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).not.toMatch(/heap out of memory/);
    expect(code).toBe(0);
    expect(results.find((r) => r.ruleId === 'CUSTOM-RUNAWAY-001')).toMatchObject({
      outcome: 'could-not-evaluate',
      error: expect.stringMatching(/eval_cancel_error: execution exceeded memory limit of \d+ MB of heap .*--memory-limit/),
    });
    expect(results.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(10);
  }, 300_000);

  it('a string of hundreds of megabytes built in Rego is could-not-evaluate too', async () => {
    // 1 KiB doubled 18 times: 256 MiB, and as much again for its upper-case copy.
    const doublings = Array.from({ length: 18 }, (_, i) => `s${i + 1} := concat("", [s${i}, s${i}])`).join('\n');
    const config = customRule(
      'string',
      `s0 := concat("", [c | some _ in numbers.range(1, 1024); c := "a"])\n${doublings}\n\n${DENY} if {\n\tupper(s18) != s18\n}`,
    );
    const { code, stderr, results } = await scan(config);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(code).toBe(0);
    expect(results.find((r) => r.ruleId === 'CUSTOM-RUNAWAY-001')).toMatchObject({
      outcome: 'could-not-evaluate',
      error: expect.stringMatching(/execution exceeded memory limit/),
    });
    expect(results.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(10);
  }, 300_000);
});
