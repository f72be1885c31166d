import { describe, expect, it } from 'vitest';
import { applyBaseline, parseBaseline } from '../../src/findings/baseline.js';
import type { Finding, RuleMeta } from '../../src/findings/model.js';
import { exitCodeFor, ruleOutcomes, summarize } from '../../src/findings/results.js';
import { formatSarif } from '../../src/report/sarif.js';
import { formatJson } from '../../src/report/json.js';
import type { ReportInput } from '../../src/report/types.js';
import { ScvGuardError } from '../../src/errors.js';
import { fingerprint } from '../../src/findings/fingerprint.js';

const rule = (id: string): RuleMeta => ({
  id, title: `Rule ${id}`, description: 'd', severity: 'high', remediation: 'r', tags: ['t'], frameworks: {}, relatedResources: [],
  package: `scv.rules.x.${id.toLowerCase().replace(/-/g, '_')}`, location: { file: 'policies/x.rego', line: 3 },
});
const CATALOG = [rule('SCV-DATA-001'), rule('SCV-ENV-002')];

function finding(ruleId: string, id: string): Finding {
  const resource = { type: 's3-bucket', id, environment: 'prod' };
  return {
    ruleId, severity: 'high', message: `${ruleId} on ${id}`, resource, related: [],
    fingerprint: fingerprint(ruleId, resource), location: { file: 'policies/x.rego', line: 3 }, locationIsResource: false,
  };
}
function report(findings: Finding[]): ReportInput {
  return {
    findings, catalog: CATALOG, results: CATALOG.map((r) => ({ ruleId: r.id, outcome: 'fail' as const })),
    run: { toolVersion: '0.1.0', generatedAt: '2026-11-20T00:00:00Z', scope: 'test', failOn: 'high', engine: 'builtin', inputs: [], rootDir: process.cwd() },
  };
}

const a = finding('SCV-DATA-001', 'arn:aws:s3:::a');
const b = finding('SCV-DATA-001', 'arn:aws:s3:::b');
const c = finding('SCV-ENV-002', 'arn:aws:s3:::c');

describe.each([
  ['sarif', formatSarif],
  ['json', formatJson],
] as const)('baseline from a %s report', (format, formatter) => {
  const baseline = parseBaseline(formatter(report([a, b])), `previous.${format}`);

  it('reads every fingerprint', () => {
    expect(baseline.format).toBe(format);
    expect([...baseline.entries.keys()].sort()).toEqual([a.fingerprint, b.fingerprint].sort());
  });

  it('marks unchanged and new findings and lists absent ones', () => {
    const out = applyBaseline([a, c], baseline, CATALOG);
    expect(out.map((f) => [f.resource.id, f.baselineState])).toEqual([
      ['arn:aws:s3:::a', 'unchanged'],
      ['arn:aws:s3:::c', 'new'],
      ['arn:aws:s3:::b', 'absent'],
    ]);
    const absent = out[2]!;
    expect(absent.ruleId).toBe('SCV-DATA-001');
    expect(absent.fingerprint).toBe(b.fingerprint);
  });

  it('--fail-on-new-only gates on new findings only; absent ones never gate or count', () => {
    const onlyOld = applyBaseline([a], baseline, CATALOG);
    expect(exitCodeFor(onlyOld, 'high', { newOnly: true })).toBe(0);
    expect(exitCodeFor(onlyOld, 'high')).toBe(1);
    expect(exitCodeFor(applyBaseline([a, c], baseline, CATALOG), 'high', { newOnly: true })).toBe(1);
    const fixed = applyBaseline([], baseline, CATALOG);
    expect(exitCodeFor(fixed, 'high')).toBe(0);
    expect(summarize(fixed, []).bySeverity.high).toBe(0);
    expect(ruleOutcomes([{ ruleId: 'SCV-DATA-001', outcome: 'pass' }], fixed)).toEqual([{ ruleId: 'SCV-DATA-001', outcome: 'pass' }]);
  });

  it('does not carry over results that were already absent', () => {
    const again = parseBaseline(formatter(report(applyBaseline([], baseline, CATALOG))), `again.${format}`);
    expect(again.entries.size).toBe(0);
  });
});

describe('baseline errors', () => {
  it.each([
    ['not json', 'input-parse'],
    ['{"hello": 1}', 'input-schema'],
    ['{"runs": [{"results": [{"ruleId": "X", "message": {"text": "m"}}]}]}', 'input-schema'],
  ])('%s → %s', (text, code) => {
    try {
      parseBaseline(text, 'b.sarif');
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(ScvGuardError);
      expect((err as ScvGuardError).code).toBe(code);
      expect((err as ScvGuardError).location.file).toBe('b.sarif');
    }
  });
});

describe('baseline problems are located', () => {
  it('a result without a fingerprint: file, line and JSON path', () => {
    const text = '{\n  "runs": [\n    {\n      "results": [\n        {"ruleId": "X", "partialFingerprints": {"scvGuard/v1": "f1"}},\n        {"ruleId": "Y"}\n      ]\n    }\n  ]\n}\n';
    const err = (() => {
      try {
        parseBaseline(text, 'b.sarif');
      } catch (e) {
        return e as ScvGuardError;
      }
      throw new Error('no error');
    })();
    expect(err.location).toEqual({ file: 'b.sarif', line: 6, path: '$.runs[0].results[1]' });
    expect(err.message).toMatch(/^b\.sarif:6: \$\.runs\[0\]\.results\[1\]: result has no partialFingerprints/);
  });

  it('a JSON finding without a fingerprint', () => {
    const text = '{\n  "findings": [\n    {"ruleId": "X"}\n  ]\n}\n';
    expect(() => parseBaseline(text, 'b.json')).toThrow(/^b\.json:3: \$\.findings\[0\]: expected a finding with a fingerprint$/);
  });
});
