/** Scan results for the tests of what the CLI prints, built as the results model builds them. */
import type { Finding, RuleResult } from '../../src/findings/model.js';
import { gateVerdict, summarize } from '../../src/findings/results.js';
import type { FailOn } from '../../src/findings/severity.js';
import type { ScanResult } from '../../src/scan/run.js';

/** The result of a scan that found `findings` with rule outcomes `results`: summary and verdict computed, no file written. */
export function scanResultOf(findings: Finding[], results: RuleResult[], opts: { now: Date; failOn?: FailOn; rootDir?: string }): ScanResult {
  const verdict = gateVerdict(findings, opts.failOn ?? 'high', { results, now: opts.now });
  return {
    inventory: {} as ScanResult['inventory'],
    catalog: [],
    findings,
    results,
    summary: summarize(findings, results, opts.now),
    exitCode: verdict.exitCode,
    verdict,
    unmatchedWaivers: [],
    files: [],
    stdout: '',
    run: (opts.rootDir !== undefined ? { rootDir: opts.rootDir } : {}) as ScanResult['run'],
  };
}
