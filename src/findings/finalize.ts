/**
 * From what the engine emitted (RawFinding) to reportable findings: severity from the rule's
 * METADATA or a configured override, a stable fingerprint, a location (the input file that
 * declared the resource, else the rule's METADATA block) and a deterministic order.
 */
import { ScvGuardError } from '../errors.js';
import { maskCredentialShapes } from '../redaction/registry.js';
import { fingerprint } from './fingerprint.js';
import type { Finding, FindingLocation, RawFinding, RuleMeta, SourceLocation } from './model.js';
import { severityRank, type Severity } from './severity.js';

export type SeverityOverrides = Readonly<Record<string, Severity>>;

export function finalizeFindings(
  raw: readonly RawFinding[],
  catalog: readonly RuleMeta[],
  severityOverrides: SeverityOverrides = {},
): Finding[] {
  const rules = new Map(catalog.map((r) => [r.id, r]));
  for (const ruleId of Object.keys(severityOverrides)) {
    if (!rules.has(ruleId)) {
      throw new ScvGuardError('config', `severity override for unknown rule id ${JSON.stringify(ruleId)}`, {
        path: `policies.severity.${ruleId}`,
      });
    }
  }
  const findings = raw.map((f): Finding => {
    const rule = rules.get(f.ruleId);
    if (!rule) {
      throw new ScvGuardError('engine', `the policy engine reported a finding for rule ${JSON.stringify(f.ruleId)}, which is not in the rule catalog`);
    }
    const declared = f.origins ?? (f.origin ? [f.origin] : []);
    const locations: FindingLocation[] = [
      ...declared.map((o): FindingLocation => ({ ...resourceLocation(o), kind: 'declaration' })),
      { ...rule.location, kind: 'rule' },
    ];
    return {
      ruleId: f.ruleId,
      severity: f.note ? 'info' : (severityOverrides[f.ruleId] ?? rule.severity),
      // Messages quote names from the estate; a name that holds a credential must not publish it.
      message: maskCredentialShapes(withDeclaration(f.message, declared[0])),
      resource: f.resource,
      related: f.related,
      fingerprint: fingerprint(f.ruleId, f.resource),
      location: declared[0] ? resourceLocation(declared[0]) : { ...rule.location },
      locationIsResource: declared.length > 0,
      locations,
      ...(f.note ? { note: true as const } : {}),
    };
  });
  return findings.sort(compareFindings);
}

/**
 * A message about a resource a plan or template declares names that declaration, as a Terraform or
 * CloudFormation user knows it: `… (declared as module.scv.aws_iam_role.lambda in plan.json)`.
 */
export function withDeclaration(message: string, declaration: SourceLocation | undefined): string {
  if (!declaration?.declaredAs) return message;
  return `${message} (declared as ${declaration.declaredAs} in ${declaration.file})`;
}

/** The file position of the resource: its line, and its column where the input gave one. */
function resourceLocation(origin: SourceLocation): SourceLocation {
  const location: SourceLocation = { file: origin.file, line: origin.line };
  if (origin.column !== undefined) location.column = origin.column;
  return location;
}

/** Most severe first, then by rule id, resource id and message: the same input gives the same order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resource.id, b.resource.id) ||
    compareText(a.message, b.message) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
