import type { Finding, RawFinding, RuleMeta } from '../../src/findings/model.js';
import type { Severity } from '../../src/findings/severity.js';

export function rule(id: string, severity: Severity, line = 1): RuleMeta {
  const name = id.toLowerCase().replace(/-/g, '_');
  return {
    id,
    title: `Rule ${id}`,
    description: `Description of ${id}`,
    severity,
    remediation: 'Fix it.',
    tags: ['test'],
    frameworks: {},
    relatedResources: [],
    package: `scv.rules.test.${name}`,
    location: { file: `policies/test/${name}.rego`, line },
  };
}

export function raw(ruleId: string, id: string, over: Partial<RawFinding> = {}): RawFinding {
  return { ruleId, message: `${ruleId} on ${id}`, resource: { type: 'aws-s3-bucket', id }, related: [], ...over };
}

export function finding(ruleId: string, severity: Severity, over: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity,
    message: 'm',
    resource: { type: 't', id: `${ruleId}-resource` },
    related: [],
    fingerprint: `${ruleId}-fp`,
    location: { file: 'p.rego', line: 1 },
    locationIsResource: false,
    ...over,
  };
}
