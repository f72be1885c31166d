/**
 * Reports are written as a set: an interrupt while writing leaves the previous set as it was and
 * no temporary file; two scans into one folder do not interleave. The CLI is interrupted at a
 * known point through the test-only hold (SCV_GUARD_TEST_HOLD_REPORTS_MS).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { describe, expect, it } from 'vitest';
import { ScvGuardError } from '../../src/errors.js';
import { LOCK_NAME, TEST_HOLD_ENV } from '../../src/report/write-set.js';
import { REPORT_FILE_NAMES, REPORT_FORMATS, writeReports } from '../../src/report/index.js';
import { ROOT } from '../cli/run-cli.js';
import { start } from './cli.js';
import { loadReportInput } from '../report/fixture.js';

const demo = join(ROOT, 'fixtures', 'demo', 'inventory.json');
const compliant = join(ROOT, 'fixtures', 'estates', 'compliant', 'inventory.json');
const ALL = REPORT_FORMATS.join(',');
const NAMES = REPORT_FORMATS.map((f) => REPORT_FILE_NAMES[f]).sort();

function scanArgs(inventory: string, out: string): string[] {
  return ['scan', '--inventory', inventory, '--format', ALL, '--output-dir', out, '--fail-on', 'none', '--quiet'];
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('reports written as a set', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while writing leaves the previous report set intact and no temporary file (exit %i)', async (signal, code) => {
    const out = mkdtempSync(join(tmpdir(), 'scv-set-'));
    const first = start(scanArgs(demo, out));
    expect((await first.exit).code).toBe(0);
    expect(first.stderr()).toBe('');
    const previous = snapshot(out);
    expect(Object.keys(previous)).toEqual(NAMES);

    const second = start(scanArgs(compliant, out), { [TEST_HOLD_ENV]: '30000' });
    const staging = await second.staged;
    // The new set is complete in its staging folder, and nothing of it is in place yet.
    expect(readdirSync(staging).sort()).toEqual(NAMES);
    second.child.kill(signal);
    const ended = await second.exit;
    expect(ended.code).toBe(code);
    expect(second.stderr()).toContain(`interrupted by ${signal} while writing reports into ${out}`);
    expect(snapshot(out)).toEqual(previous);
  }, 180_000);

  it('a second scan into the same folder waits for the first and then writes its whole set', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-set-'));
    const first = start(scanArgs(demo, out), { [TEST_HOLD_ENV]: '30000' });
    await first.staged;
    const second = start(scanArgs(compliant, out));
    // The second scan is held at the lock while the first holds its set.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readdirSync(out)).toEqual(expect.arrayContaining([LOCK_NAME]));
    expect(readdirSync(out).filter((n) => NAMES.includes(n))).toEqual([]);
    first.child.kill('SIGINT');
    expect((await first.exit).code).toBe(130);
    expect((await second.exit).code).toBe(0);
    expect(second.stderr()).toBe('');
    const written = snapshot(out);
    expect(Object.keys(written)).toEqual(NAMES);
    // The second scan's set: the compliant estate has no findings (the first one's has many).
    expect((JSON.parse(written['scv-guard.json']!) as { findings: unknown[] }).findings).toEqual([]);
    expect((JSON.parse(written['scv-guard.sarif']!) as { runs: { results: unknown[] }[] }).runs[0]!.results).toEqual([]);
  }, 180_000);

  it('fails with an output error naming the lock when the folder stays locked', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-set-'));
    const release = await lockfile.lock(out, { lockfilePath: join(out, LOCK_NAME), realpath: false });
    try {
      const err = await writeReports(['json'], loadReportInput(), out, { lockWaitMs: 600 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ScvGuardError);
      expect((err as ScvGuardError).code).toBe('output');
      expect((err as ScvGuardError).message).toMatch(/another scv-guard is writing reports into this folder \(lock .*\.scv-guard\.lock held for over 1 s\)/);
      expect(readdirSync(out)).toEqual([LOCK_NAME]);
    } finally {
      await release();
    }
  });

  it('takes over a lock left by a killed process once it is stale', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-set-'));
    const lock = join(out, LOCK_NAME);
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const paths = await writeReports(['json'], loadReportInput(), out, { lockWaitMs: 600 });
    expect(paths).toEqual([join(out, 'scv-guard.json')]);
    expect(readdirSync(out)).toEqual(['scv-guard.json']);
  });
});
