/** A small PolicyEngine for pipeline tests: two real checks over the inventory, plus a rule that throws. */
import type { EvaluationResult, PolicyData, PolicyEngine, RuleSettingsInfo } from '../../src/engine/types.js';
import type { RawFinding, RuleMeta } from '../../src/findings/model.js';
import type { Inventory } from '../../src/inventory/types.js';

function meta(id: string, severity: RuleMeta['severity'], name: string, inputs: string[]): RuleMeta {
  return {
    id,
    title: `Fake ${name}`,
    description: `Fake rule ${name} for pipeline tests.`,
    severity,
    remediation: 'Fix the fixture.',
    tags: ['fake'],
    frameworks: {},
    relatedResources: [],
    inputs,
    package: `scv.rules.fake.${name}`,
    location: { file: `policies/fake/${name}.rego`, line: 1 },
  };
}

export class FakeEngine implements PolicyEngine {
  readonly name = 'builtin' as const;
  readonly calls: { inventory: Inventory; data: PolicyData }[] = [];

  constructor(private readonly options: { brokenRule?: boolean } = {}) {}

  catalog(): RuleMeta[] {
    return [
      meta('SCV-DATA-001', 'high', 'bucket_kms', ['aws.s3Buckets', 'aws.s3Buckets.encryption']),
      meta('SCV-OBS-002', 'low', 'flow_logs', ['aws.connectInstances.attributes']),
      meta('SCV-FAKE-001', 'medium', 'broken', ['aws.iamRoles']),
    ];
  }

  settingsInfo(): RuleSettingsInfo {
    return { defaults: {}, keysRead: undefined };
  }

  async evaluate(inventory: Inventory, data: PolicyData): Promise<EvaluationResult> {
    this.calls.push({ inventory, data });
    const findings: RawFinding[] = [];
    for (const account of inventory.aws.accounts) {
      for (const bucket of account.s3Buckets) {
        if (bucket.encryption?.algorithm !== 'aws:kms') {
          findings.push({
            ruleId: 'SCV-DATA-001',
            message: `Bucket ${bucket.name} has no default KMS encryption.`,
            resource: { type: 'aws-s3-bucket', id: bucket.arn, environment: bucket.environment },
            related: [],
          });
        }
      }
      for (const instance of account.connectInstances) {
        if (instance.attributes.CONTACTFLOW_LOGS === false) {
          findings.push({
            ruleId: 'SCV-OBS-002',
            message: `Instance ${instance.alias ?? instance.id} has contact flow logs disabled.`,
            resource: { type: 'aws-connect-instance', id: instance.arn, environment: instance.environment },
            related: [],
            ...(instance.origin?.line ? { origin: { file: instance.origin.file, line: instance.origin.line } } : {}),
          });
        }
      }
    }
    const fired = new Set(findings.map((f) => f.ruleId));
    return {
      findings,
      results: [
        { ruleId: 'SCV-DATA-001', outcome: fired.has('SCV-DATA-001') ? 'fail' : 'pass' },
        { ruleId: 'SCV-OBS-002', outcome: fired.has('SCV-OBS-002') ? 'fail' : 'pass' },
        this.options.brokenRule
          ? { ruleId: 'SCV-FAKE-001', outcome: 'could-not-evaluate', error: 'object key conflict' }
          : { ruleId: 'SCV-FAKE-001', outcome: 'pass' },
      ],
    };
  }
}
