import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ScvGuardError } from '../../src/errors.js';
import { thrown } from '../support/thrown.js';

describe('network timeouts in the config', () => {
  it('reads aws.timeouts and salesforce.timeouts', () => {
    const cfg = parseConfig(
      [
        'aws:',
        '  regions: [us-east-1]',
        '  timeouts: { connectMs: 2000, requestMs: 15000, collectionMs: 600000 }',
        '  accounts: [{ id: "111111111111" }]',
        'salesforce:',
        '  timeouts: { requestMs: 90000 }',
        '  orgs: []',
      ].join('\n'),
      '/x/scv-guard.yaml',
      { env: {} },
    );
    expect(cfg.aws!.timeouts).toEqual({ connectMs: 2000, requestMs: 15000, collectionMs: 600000 });
    expect(cfg.salesforce!.timeouts).toEqual({ requestMs: 90000 });
  });

  it('rejects an unknown key, zero and fractions with the key path', () => {
    const err = (yaml: string) => thrown(() => parseConfig(yaml, '/x/scv-guard.yaml', { env: {} }), ScvGuardError).message;
    expect(err('aws:\n  regions: [us-east-1]\n  timeouts: { requestSeconds: 5 }\n  accounts: [{ id: "111111111111" }]\n')).toContain('aws.timeouts.requestSeconds: unknown key');
    expect(err('aws:\n  regions: [us-east-1]\n  timeouts: { requestMs: 0 }\n  accounts: [{ id: "111111111111" }]\n')).toContain('aws.timeouts.requestMs');
    expect(err('salesforce:\n  timeouts: { connectMs: 1.5 }\n  orgs: []\n')).toContain('salesforce.timeouts.connectMs');
  });
});
