/**
 * Acceptance: a scan of an estate from which nothing was collected (an empty inventory), through
 * the real CLI: no rule passes, exit 1, and every report says so.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyInventory } from '../../src/inventory/types.js';
import { runCliAsync } from './run-cli.js';

describe('a scan of an empty inventory', () => {
  it('passes no rule, exits 1, and JSON, SARIF, JUnit, Markdown and HTML all show the rules incomplete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-nothing-'));
    const inventory = join(dir, 'empty.json');
    writeFileSync(inventory, JSON.stringify(emptyInventory('2026-11-21T08:00:00Z')));
    const out = join(dir, 'reports');
    const run = await runCliAsync(['scan', '--inventory', inventory, '--output-dir', out, '--format', 'json,sarif,junit,markdown,html', '--quiet', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as { verdict: { exitCode: number; uncheckedRules: number }; summary: { rules: { evaluated: number; pass: number; incomplete: number } } };
    const rules = summary.summary.rules;
    expect(rules.evaluated).toBeGreaterThan(20);
    expect(rules.pass).toBe(0);
    expect(rules.incomplete).toBe(rules.evaluated);
    expect(summary.verdict).toMatchObject({ exitCode: 1, uncheckedRules: rules.evaluated });

    const json = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { summary: { rules: { pass: number; incomplete: number } }; rules: { outcome: string }[] };
    expect(json.summary.rules).toMatchObject({ pass: 0, incomplete: rules.evaluated });
    expect(json.rules.filter((r) => r.outcome === 'pass')).toEqual([]);

    const sarif = JSON.parse(readFileSync(join(out, 'scv-guard.sarif'), 'utf8')) as { runs: { invocations: { toolExecutionNotifications?: { properties?: { outcome?: string } }[] }[] }[] };
    const notifications = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications ?? [];
    expect(notifications.filter((n) => n.properties?.outcome === 'incomplete')).toHaveLength(rules.evaluated);

    const junit = readFileSync(join(out, 'scv-guard.junit.xml'), 'utf8');
    const cases = junit.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
    expect(cases.length).toBeGreaterThanOrEqual(rules.evaluated);
    // no passing test case: every evaluated rule's case carries an <error type="incomplete">
    expect(cases.filter((c) => c.includes('<error') && c.includes('type="incomplete"'))).toHaveLength(rules.evaluated);
    expect(cases.filter((c) => !/<(error|failure|skipped)\b/.test(c))).toEqual([]);

    const markdown = readFileSync(join(out, 'scv-guard.md'), 'utf8');
    expect(markdown).toContain(`0 passed, ${rules.evaluated} incomplete`);
    expect(markdown).toContain('Nothing was collected');
    const html = readFileSync(join(out, 'scv-guard.html'), 'utf8');
    expect(html).toContain(`<span class="n">${rules.evaluated}</span>rules incomplete`);
    expect(html).toContain('Nothing was collected');
  });
});
