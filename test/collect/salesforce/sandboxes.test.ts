import { describe, expect, it } from 'vitest';
import { buildLineage } from '../../../src/collect/salesforce/sandboxes.js';

const PROD = '00D5g000004PRDaEAO';
const info = (id: string, name: string, sourceId: string | null = null) => ({ Id: id, SandboxName: name, SourceId: sourceId, LicenseType: 'DEVELOPER' });
const process = (infoId: string, name: string, org: string | null, status: string, endDate: string | null, sourceId: string | null = null) => ({
  SandboxInfoId: infoId,
  SandboxName: name,
  SandboxOrganization: org,
  SourceId: sourceId,
  Status: status,
  EndDate: endDate,
  ActivatedDate: null,
  CreatedDate: endDate,
});

describe('buildLineage', () => {
  it('takes the latest completed copy of each sandbox and converts its org id to 18 characters', () => {
    const result = buildLineage(
      PROD,
      [info('0GQ5g0000000001GAA', 'dev')],
      [
        process('0GQ5g0000000001GAA', 'dev', '00D7Q000000OLDu', 'Completed', '2025-06-01T00:00:00.000+0000'),
        process('0GQ5g0000000001GAA', 'dev', '00D7Q000001UATb', 'Completed', '2025-01-01T00:00:00.000+0000'),
        process('0GQ5g0000000001GAA', 'dev', null, 'Processing', null),
      ],
    );
    expect(result.sandboxes).toEqual([
      {
        orgId: '00D7Q000000OLDuUAO',
        status: 'active',
        licenseType: 'DEVELOPER',
        lineage: { name: 'dev', sourceOrgId: null, productionOrgId: PROD, lastCopiedAt: '2025-06-01T00:00:00.000Z' },
      },
    ]);
  });

  it('resolves a clone source given as SandboxInfo id or as org id, and keeps deleted sources resolvable', () => {
    const result = buildLineage(
      PROD,
      [info('0GQ5g0000000002GAA', 'b', '0GQ5g0000000001GAA'), info('0GQ5g0000000004GAA', 'c', '00D7Q000002UT2c')],
      [
        process('0GQ5g0000000001GAA', 'a', '00D7Q000001UATb', 'Completed', '2025-01-01T00:00:00.000+0000'),
        process('0GQ5g0000000002GAA', 'b', '00D7Q000002UT2c', 'Completed', '2025-02-01T00:00:00.000+0000'),
        process('0GQ5g0000000004GAA', 'c', '00D7Q000003QAdd', 'Completed', '2025-03-01T00:00:00.000+0000'),
      ],
    );
    const byName = Object.fromEntries(result.sandboxes.map((s) => [s.lineage.name, s]));
    // 'a' has no SandboxInfo any more: deleted, but still the source of 'b'.
    expect(byName.a?.status).toBe('deleted');
    expect(byName.b?.lineage.sourceOrgId).toBe('00D7Q000001UATbUAO');
    expect(byName.c?.lineage.sourceOrgId).toBe('00D7Q000002UT2cUAG');
    expect(result.unresolvedSources).toEqual([]);
  });

  it('reports a source it cannot resolve instead of calling it production', () => {
    const result = buildLineage(
      PROD,
      [info('0GQ5g0000000002GAA', 'b', '0GQ5g0000000009GAA')],
      [process('0GQ5g0000000002GAA', 'b', '00D7Q000002UT2c', 'Completed', '2025-02-01T00:00:00.000+0000')],
    );
    expect(result.sandboxes[0]?.lineage.sourceOrgId).toBeNull();
    expect(result.unresolvedSources).toEqual([{ sandboxName: 'b', sourceId: '0GQ5g0000000009GAA' }]);
  });

  it('ignores sandboxes that never finished a copy', () => {
    const result = buildLineage(PROD, [info('0GQ5g0000000001GAA', 'new')], [process('0GQ5g0000000001GAA', 'new', null, 'Pending', null)]);
    expect(result.sandboxes).toEqual([]);
  });
});
