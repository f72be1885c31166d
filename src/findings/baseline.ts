/**
 * Baselines (`--baseline previous.sarif|json`): each finding of this scan is `new` or
 * `unchanged` by fingerprint (SARIF `partialFingerprints["scvGuard/v1"]`, JSON `fingerprint`),
 * and each baseline finding not seen again is added back as `absent` (fixed since the baseline),
 * which never gates. Results that were already `absent` in the baseline file are not carried
 * over; a baseline finding of a rule no longer in the catalog is left out.
 */
import { ScvGuardError, type ErrorLocation } from '../errors.js';
import { jsonPathText, parseJson, type JsonPathSegment } from '../input/json.js';
import { readInputFileSync } from '../input/read.js';
import type { Finding, ResourceRef, RuleMeta } from './model.js';
import { isSeverity, type Severity } from './severity.js';
import type { FindingStage } from '../scan/run.js';
import { isRecord } from '../plain-objects.js';

export const SARIF_FINGERPRINT_KEY = 'scvGuard/v1';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  message: string;
  resource: ResourceRef;
  severity: Severity | null;
}

export interface Baseline {
  file: string;
  format: 'sarif' | 'json';
  entries: Map<string, BaselineEntry>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function loadBaseline(file: string): Baseline {
  return parseBaseline(readInputFileSync(file, { what: 'baseline' }), file);
}

/** Where a baseline problem is: the file, the JSON path and its line. */
type Locator = (path: JsonPathSegment[]) => ErrorLocation;

export function parseBaseline(text: string, file: string): Baseline {
  const json = parseJson(text, file, { what: 'baseline' });
  const doc = json.value;
  const at: Locator = (path) => {
    const pos = json.locate(path);
    return { file, ...(pos ? { line: pos.line } : {}), path: jsonPathText(path) };
  };
  if (isRecord(doc) && Array.isArray(doc.runs)) return { file, format: 'sarif', entries: fromSarif(doc.runs, at) };
  if (isRecord(doc) && Array.isArray(doc.findings)) return { file, format: 'json', entries: fromJson(doc.findings, at) };
  throw new ScvGuardError('input-schema', 'expected a scv-guard SARIF report (runs) or JSON report (findings)', { file, line: 1 });
}

function fromSarif(runs: unknown[], at: Locator): Map<string, BaselineEntry> {
  const out = new Map<string, BaselineEntry>();
  runs.forEach((run, r) => {
    const results = isRecord(run) && Array.isArray(run.results) ? run.results : [];
    results.forEach((res, i) => {
      const path = ['runs', r, 'results', i];
      if (!isRecord(res)) throw new ScvGuardError('input-schema', 'expected a result object', at(path));
      if (res.baselineState === 'absent') return;
      const fp = isRecord(res.partialFingerprints) ? str(res.partialFingerprints[SARIF_FINGERPRINT_KEY]) : null;
      if (fp === null) {
        throw new ScvGuardError('input-schema', `result has no partialFingerprints["${SARIF_FINGERPRINT_KEY}"] (not a scv-guard report?)`, at(path));
      }
      const logical = Array.isArray(res.locations) && isRecord(res.locations[0]) && Array.isArray(res.locations[0].logicalLocations)
        ? res.locations[0].logicalLocations[0]
        : undefined;
      const props = isRecord(res.properties) ? res.properties : {};
      const id = (isRecord(logical) ? str(logical.fullyQualifiedName) ?? str(logical.name) : null) ?? fp;
      out.set(fp, {
        fingerprint: fp,
        ruleId: str(res.ruleId) ?? '',
        message: isRecord(res.message) ? (str(res.message.text) ?? '') : '',
        resource: { type: str(props.resourceType) ?? 'unknown', id, ...(str(props.environment) ? { environment: str(props.environment) } : {}) },
        severity: isSeverity(props.severity) ? props.severity : null,
      });
    });
  });
  return out;
}

function fromJson(findings: unknown[], at: Locator): Map<string, BaselineEntry> {
  const out = new Map<string, BaselineEntry>();
  findings.forEach((f, i) => {
    if (!isRecord(f) || str(f.fingerprint) === null) throw new ScvGuardError('input-schema', 'expected a finding with a fingerprint', at(['findings', i]));
    if (f.baselineState === 'absent') return;
    const resource = isRecord(f.resource) ? f.resource : {};
    out.set(f.fingerprint as string, {
      fingerprint: f.fingerprint as string,
      ruleId: str(f.ruleId) ?? '',
      message: str(f.message) ?? '',
      resource: {
        type: str(resource.type) ?? 'unknown',
        id: str(resource.id) ?? (f.fingerprint as string),
        ...(str(resource.arn) ? { arn: str(resource.arn)! } : {}),
        ...(str(resource.environment) ? { environment: str(resource.environment) } : {}),
      },
      severity: isSeverity(f.severity) ? f.severity : null,
    });
  });
  return out;
}

/** Marks findings new/unchanged and appends the baseline's absent findings. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, catalog: readonly RuleMeta[]): Finding[] {
  const seen = new Set<string>();
  const marked = findings.map((f): Finding => {
    seen.add(f.fingerprint);
    return { ...f, baselineState: baseline.entries.has(f.fingerprint) ? 'unchanged' : 'new' };
  });
  const rules = new Map(catalog.map((r) => [r.id, r]));
  const absent: Finding[] = [];
  for (const entry of baseline.entries.values()) {
    if (seen.has(entry.fingerprint)) continue;
    const rule = rules.get(entry.ruleId);
    if (!rule) continue;
    absent.push({
      ruleId: entry.ruleId,
      severity: entry.severity ?? rule.severity,
      message: entry.message,
      resource: entry.resource,
      related: [],
      fingerprint: entry.fingerprint,
      location: { ...rule.location },
      locationIsResource: false,
      baselineState: 'absent',
    });
  }
  absent.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return [...marked, ...absent];
}

export function baselineStage(baseline: Baseline): FindingStage {
  return (findings, ctx) => applyBaseline(findings, baseline, ctx.catalog);
}
